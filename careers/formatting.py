"""How figures read, everywhere: pages (through the `career_format` template tags), the
CSV export, JSON-LD, the admin and import reports all call these functions, so a
dollar amount, a growth figure or a count reads the same wherever it appears."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.translation import ngettext

NO_FIGURE = "No figure yet"
# An official figure BLS marks "*" or "**", or does not publish for the occupation.
NOT_AVAILABLE = "Not available"
FIGURE_UNITS = {"percent": "%", "times": "\u00d7"}


@dataclass(frozen=True)
class Wage:
    """One official figure: `amount` is None when BLS does not publish it; when
    `top_coded`, the real value is at least `amount` (the release's top-code)."""

    amount: int | Decimal | None
    top_coded: bool = False
    hourly: bool = False


def number(value):
    """262440 → "262,440" (whole numbers, digits grouped as in the U.S.)."""
    return intcomma(int(value), use_l10n=False)


def usd(amount):
    """110000 → "$110,000"; None or "" → ""."""
    if amount is None or amount == "":
        return ""
    return f"${number(amount)}"


def count(value):
    """262440 → "262,440"; None → "Not available" (employment BLS does not publish)."""
    return NOT_AVAILABLE if value is None else number(value)


def counted(value, singular, plural=None):
    """(3, "role") → "3 roles"; (1, "role") → "1 role"; `plural` for irregular nouns."""
    noun = ngettext(singular, plural or f"{singular}s", value)
    return f"{number(value)} {noun}"


def wage(figure, short=False):
    """An official figure (a Wage) as it must read: "$120,230", "$57.80 an hour", a
    top-coded one "$239,200 or more" (never a number that looks exact), and "Not
    available" where BLS publishes none. `short` drops "an hour", for a column whose
    heading says it."""
    if figure is None or figure.amount is None:
        return NOT_AVAILABLE
    if figure.hourly:
        whole, cents = f"{figure.amount:.2f}".split(".")
        text = f"${number(whole)}.{cents}"
    else:
        text = usd(figure.amount)
    if figure.top_coded:
        text += " or more"
    return text + " an hour" if figure.hourly and not short else text


NOT_PUBLISHED = "not published"


def compact_wage(figure):
    """An official annual figure for a table's cell: "$132,380", a top-coded one
    "≥ $239,200", and "not published" where BLS publishes none."""
    if figure is None or figure.amount is None:
        return NOT_PUBLISHED
    text = usd(figure.amount)
    return f"≥ {text}" if figure.top_coded else text


def salary_range(role):
    """A role's salary range as a person would say it, or that we have no figure."""
    low, median, high = role.salary_low, role.salary_median, role.salary_high
    if low is not None and high is not None:
        text = usd(low) if low == high else f"{usd(low)} – {usd(high)}"
    elif low is not None:
        text = f"from {usd(low)}"
    elif high is not None:
        text = f"up to {usd(high)}"
    elif median is not None:
        text = f"median {usd(median)}"
    else:
        return NO_FIGURE
    if median is not None and (low is not None or high is not None):
        text += f" (median {usd(median)})"
    return text


def hedged(record, field, text):
    """`text` with the hedge the source put on it, from `record`'s choice `field`:
    "well over $200,000", "nearly 2×"; `text` alone when the source states it plainly."""
    if not getattr(record, field):
        return text
    return f"{getattr(record, f'get_{field}_display')()} {text}"


def field_salary_range(salary_range):
    """The field's overall range as its source words it: "$90,000 to well over $200,000"."""
    low = hedged(salary_range, "low_qualifier", usd(salary_range.low))
    return f"{low} to {hedged(salary_range, 'high_qualifier', usd(salary_range.high))}"


def percent(value):
    """A percentage's number without a needless ".0": Decimal("36.0") → "36"; None → ""."""
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0")


def growth(value):
    """Decimal("22.0") → "+22%"; Decimal("-3.5") → "−3.5%"; None → "No figure yet"."""
    if value is None:
        return NO_FIGURE
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{percent(abs(value))}%"


def outlook(role):
    """A role's growth with its period: "+36% (2023–2033)", or "No figure yet"."""
    text = growth(role.outlook_growth_pct)
    if role.outlook_growth_pct is not None and role.outlook_period:
        text += f" ({role.outlook_period})"
    return text


def factor_figure(factor):
    """A salary factor's figure as the source hedges it ("15–25%", "nearly 2×");
    "" when the source gives none."""
    if factor.figure_low is None:
        return ""
    text = percent(factor.figure_low)
    if factor.figure_high is not None and factor.figure_high != factor.figure_low:
        text += f"–{percent(factor.figure_high)}"
    text += FIGURE_UNITS.get(factor.figure_unit, "")
    return hedged(factor, "figure_qualifier", text)


def long_date(value):
    """A date as people read it on the site: "15 May 2026"; "" when there is none."""
    return date_format(value, "j F Y") if value else ""


def plain(value):
    """A stored value as an editor reads it in a report or a history diff:
    thousands grouped, yes/no for flags, "not available" for an empty figure."""
    if value is None or value == "":
        return "not available"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return number(value)
    return str(value)
