"""The rules a role's salary and outlook figures obey, stated once: the database's
constraints and the editors' checks (form, salary desk and spreadsheet import)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from careers.formatting import usd

# Bounds the database enforces on job-outlook growth (percent over the period).
OUTLOOK_MIN_PCT = -100
OUTLOOK_MAX_PCT = 1000
# Hard limits the database enforces on any annual salary; the configurable
# plausible band (settings.SALARY_PLAUSIBLE_MIN/MAX) sits inside them.
SALARY_HARD_MIN = 1_000
SALARY_HARD_MAX = 10_000_000

SALARY_FIELDS = ("salary_low", "salary_median", "salary_high")
# A role's figures: what the salary desk edits, the spreadsheet carries, and
# whose change counts as "the figures were updated".
FIGURE_FIELD_NAMES = (
    *SALARY_FIELDS,
    "salary_source",
    "salary_as_of",
    "outlook_growth_pct",
    "outlook_period",
    "outlook_source",
)
FIGURE_FIELDS = tuple(
    f"{name}_id" if name.endswith("_source") else name for name in FIGURE_FIELD_NAMES
)

# A role with none of low, median or high: what "no figure yet" means everywhere.
NO_SALARY_FIGURE = (
    Q(salary_low__isnull=True) & Q(salary_median__isnull=True) & Q(salary_high__isnull=True)
)


def within_hard_limits(field, prefix):
    """A database check that an annual amount in `field`, if any, lies within the hard
    limits; `prefix` names the constraint after its model ("role", "estimate")."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": SALARY_HARD_MIN, f"{field}__lte": SALARY_HARD_MAX}),
        name=f"{prefix}_{field}_within_hard_limits",
        violation_error_message=(
            f"Annual {'salaries' if prefix == 'role' else 'wages'} must lie between "
            f"{usd(SALARY_HARD_MIN)} and {usd(SALARY_HARD_MAX)}."
        ),
    )


def in_order(lower, higher, name, message):
    """A database check that `lower` ≤ `higher` wherever both are set."""
    return models.CheckConstraint(
        condition=Q(**{f"{lower}__isnull": True})
        | Q(**{f"{higher}__isnull": True})
        | Q(**{f"{lower}__lte": F(higher)}),
        name=name,
        violation_error_message=message,
    )


ROLE_FIGURE_CONSTRAINTS = [
    in_order(
        "salary_low",
        "salary_median",
        "role_salary_low_lte_median",
        "The low salary cannot be above the median.",
    ),
    in_order(
        "salary_median",
        "salary_high",
        "role_salary_median_lte_high",
        "The median salary cannot be above the high one.",
    ),
    in_order(
        "salary_low",
        "salary_high",
        "role_salary_low_lte_high",
        "The low salary cannot be above the high one.",
    ),
    models.CheckConstraint(
        condition=NO_SALARY_FIGURE | Q(salary_source__isnull=False),
        name="role_salary_needs_source",
        violation_error_message="A salary figure needs a source.",
    ),
    models.CheckConstraint(
        condition=NO_SALARY_FIGURE | Q(salary_as_of__isnull=False),
        name="role_salary_needs_as_of",
        violation_error_message="A salary figure needs an “as of” date.",
    ),
    *[within_hard_limits(field, "role") for field in SALARY_FIELDS],
    models.CheckConstraint(
        condition=Q(outlook_growth_pct__isnull=True)
        | Q(outlook_growth_pct__gte=OUTLOOK_MIN_PCT, outlook_growth_pct__lte=OUTLOOK_MAX_PCT),
        name="role_outlook_growth_in_range",
        violation_error_message=(
            f"Growth must be between {OUTLOOK_MIN_PCT}% and {OUTLOOK_MAX_PCT}%."
        ),
    ),
    models.CheckConstraint(
        condition=Q(outlook_growth_pct__isnull=True) | Q(outlook_source__isnull=False),
        name="role_outlook_needs_source",
        violation_error_message="A growth figure needs a source.",
    ),
]


def figure_problems(role):
    """The salary desk's rules, as {field: message} for whatever `role` breaks: the
    plausible band, the order of low, median and high, a source and an "as of" date
    for every figure, and no date in the future."""
    problems = {}
    band_min, band_max = settings.SALARY_PLAUSIBLE_MIN, settings.SALARY_PLAUSIBLE_MAX
    for field in SALARY_FIELDS:
        amount = getattr(role, field)
        if amount is not None and not band_min <= amount <= band_max:
            problems[field] = (
                f"{usd(amount)} a year is outside the plausible range of "
                f"{usd(band_min)} to {usd(band_max)}. Check for a missing or extra zero, "
                "or a monthly or hourly figure."
            )
    low, median, high = role.salary_low, role.salary_median, role.salary_high
    if low is not None and high is not None and low > high:
        problems.setdefault("salary_high", f"The high figure is below the low one ({usd(low)}).")
    if low is not None and median is not None and low > median:
        problems.setdefault("salary_median", f"The median is below the low figure ({usd(low)}).")
    if median is not None and high is not None and median > high:
        problems.setdefault("salary_median", f"The median is above the high figure ({usd(high)}).")
    if role.has_any_salary:
        if role.salary_source_id is None:
            problems["salary_source"] = "A salary figure needs a source."
        if role.salary_as_of is None:
            problems["salary_as_of"] = "A salary figure needs the date the source measured it."
    if role.salary_as_of and role.salary_as_of > timezone.localdate():
        problems["salary_as_of"] = "The “as of” date cannot be in the future."
    if role.outlook_growth_pct is not None and role.outlook_source_id is None:
        problems["outlook_source"] = "A growth figure needs a source."
    return problems


def stale_before(today=None):
    """The "as of" date before which a salary figure counts as stale."""
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - settings.SALARY_STALE_MONTHS, 12)
    month += 1
    # Clamp the day for shorter months (31 March minus one month is 28/29 February).
    day = today.day
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1
