"""Official wage data: occupations in the Standard Occupational Classification (SOC),
each role's links to them, and BLS's OEWS releases and wage estimates."""

import itertools

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from simple_history.models import HistoricalRecords

from careers.formatting import Wage
from careers.models.catalogue import Source
from careers.models.figures import in_order, within_hard_limits
from careers.models.natural_keys import SlugPairNaturalKeyManager
from careers.official.named_roles import published_roles_named
from careers.official.places import (
    ALL_OWNERSHIPS,
    CROSS_INDUSTRY,
    Area,
    NaicsIndustry,
)

# BLS publishes no hourly wage above this many dollars nor annual wage above 2,080
# times it (May 2025: $115.00 and $239,200); such values are marked "#" and stored here
# as the top-code itself, flagged, so they read "$239,200 or more".
HOURS_PER_YEAR = 2080
HOURLY_WAGE_MAX = 5_000
EMPLOYMENT_MAX = 1_000_000_000
SOC_CODE_PATTERN = r"^[0-9]{2}-[0-9]{4}$"
# An estimate's annual percentiles, lowest first; each may be top-coded.
PERCENTILE_FIELDS = ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
ANNUAL_WAGE_FIELDS = ("annual_mean", *PERCENTILE_FIELDS)
WAGE_FIELDS = (*ANNUAL_WAGE_FIELDS, "hourly_median")
# What an import compares and writes for each estimate.
ESTIMATE_FIGURE_FIELDS = (
    "employment",
    *WAGE_FIELDS,
    *(f"{field}_top_coded" for field in WAGE_FIELDS),
    "annual_only",
    "hourly_only",
    "jobs_per_1000",
    "location_quotient",
)
LOCATION_QUOTIENT_MAX = 1000
JOBS_PER_1000_MAX = 1000


def latest_estimates(lookup):
    """A prefetch of the occupations' newest national estimate (with its release and
    source) as `latest_estimates`; `lookup` leads from the rows to their wage_estimates."""
    return models.Prefetch(
        lookup,
        queryset=WageEstimate.objects.national()
        .latest()
        .select_related("release__source__cited_in"),
        to_attr="latest_estimates",
    )


class OccupationQuerySet(models.QuerySet):
    def linked_to_published_roles(self):
        """Occupations a published role links: an EXISTS per occupation, which stops at
        its first such link (a distinct join read every link, 10,000 at 10,000 roles)."""
        links = RoleOccupation.objects.filter(occupation=OuterRef("pk"), role__is_published=True)
        return self.filter(Exists(links))

    def with_latest_estimates(self):
        """Prefetch each occupation's newest national estimate (with its release and
        source) as `latest_estimates`, in one more query."""
        return self.prefetch_related(latest_estimates("wage_estimates"))

    def for_official_page(self):
        """Occupations linked to published roles, each with its newest national estimate
        and what named_roles.published_roles_named() annotates: read with
        named_roles.attach(), three queries whatever the number of roles."""
        return (
            self.linked_to_published_roles()
            .with_latest_estimates()
            .annotate(**published_roles_named("pk"))
            .order_by("code")
        )


class OccupationManager(models.Manager.from_queryset(OccupationQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Occupation(models.Model):
    """An occupation in the Standard Occupational Classification (SOC) that BLS uses."""

    class Level(models.TextChoices):
        # BLS's O_GROUP values, broadest first.
        TOTAL = "total", "All occupations"
        MAJOR = "major", "Major group"
        MINOR = "minor", "Minor group"
        BROAD = "broad", "Broad occupation"
        DETAILED = "detailed", "Detailed occupation"

    code = models.CharField(
        "SOC code",
        max_length=7,
        unique=True,
        validators=[RegexValidator(SOC_CODE_PATTERN, "A SOC code looks like 15-2051.")],
    )
    title = models.CharField(max_length=200, help_text="The official title, as BLS gives it.")
    level = models.CharField(max_length=10, choices=Level, default=Level.DETAILED)

    objects = OccupationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=SOC_CODE_PATTERN),
                name="occupation_code_is_soc",
                violation_error_message="A SOC code looks like 15-2051.",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("careers:official-data") + f"#soc-{self.code}"

    @property
    def roles_url(self):
        """The directory of the published roles linked to this occupation: where a page
        that names only the first few of them ("… and 412 more") sends the rest."""
        return reverse("careers:role-list") + "?" + urlencode({"occupation": self.code})

    def natural_key(self):
        return (self.code,)

    @property
    def latest_estimate(self):
        """The newest national estimate, from with_latest_estimates(); None when there is none."""
        estimates = getattr(self, "latest_estimates", None)
        return estimates[0] if estimates else None


class RoleOccupation(models.Model):
    """A role's link to an official occupation, with why it fits: a role such as
    machine learning engineer has no SOC code of its own, only close ones."""

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="occupation_links")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="role_links")
    note = models.CharField(
        max_length=200,
        help_text="Why this occupation, in a few words, e.g. “closest official occupation”.",
    )
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lower numbers come first; the first is the one the directory sorts by.",
    )

    NATURAL_KEY_LOOKUPS = ("role__slug", "occupation__code")

    objects = SlugPairNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "position", "occupation"]
        verbose_name = "official occupation link"
        # An occupation's roles in id order: the first few named, the rest counted, from
        # the index alone (careers.official.named_roles).
        indexes = [models.Index(fields=["occupation", "role"], name="role_occupation_by_occ_idx")]
        constraints = [
            models.UniqueConstraint(fields=["role", "occupation"], name="role_occupation_unique"),
            models.CheckConstraint(
                condition=~Q(note=""),
                name="role_occupation_needs_note",
                violation_error_message="Say why this occupation fits the role.",
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.occupation}"

    def natural_key(self):
        return (*self.role.natural_key(), *self.occupation.natural_key())

    natural_key.dependencies = ["careers.role", "careers.occupation"]

    @property
    def estimate(self):
        """The occupation's newest national estimate, from RoleQuerySet.for_detail()."""
        return self.occupation.latest_estimate


class WageRelease(models.Model):
    """One annual publication of OEWS estimates, e.g. "May 2025", published in 2026."""

    name = models.CharField(
        max_length=20, unique=True, help_text="As BLS names it, e.g. “May 2025”."
    )
    reference_month = models.DateField(
        unique=True, help_text="The month the estimates describe (its first day)."
    )
    published = models.DateField(help_text="When BLS published the release.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="wage_releases")
    hourly_top_code = models.DecimalField(
        "hourly top-code",
        max_digits=6,
        decimal_places=2,
        help_text="BLS shows no wage at or above this many dollars an hour (“#” in its files).",
    )

    objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reference_month"]
        get_latest_by = "reference_month"
        verbose_name = "official wage release"
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_top_code__gt=0, hourly_top_code__lte=HOURLY_WAGE_MAX),
                name="wage_release_top_code_plausible",
                violation_error_message=f"The top-code must be between $0 and ${HOURLY_WAGE_MAX}.",
            ),
            models.CheckConstraint(
                condition=Q(published__gte=F("reference_month")),
                name="wage_release_published_after_reference",
                violation_error_message="A release is published after the month it describes.",
            ),
        ]

    def __str__(self):
        return f"OEWS {self.name}"

    @property
    def annual_top_code(self):
        """The annual top-code: the hourly one over a 2,080-hour year ($239,200 for $115)."""
        return int(self.hourly_top_code * HOURS_PER_YEAR)


class WageEstimateQuerySet(models.QuerySet):
    def cross_industry(self):
        """Estimates across every industry and owner (what each area publishes)."""
        return self.filter(industry__naics=CROSS_INDUSTRY, industry__ownership=ALL_OWNERSHIPS)

    def national(self):
        """The national, cross-industry estimates: the figure for the whole country."""
        return self.cross_industry().filter(area__kind=Area.Kind.NATIONAL)

    def local(self):
        """Cross-industry estimates for areas smaller than the nation."""
        return self.cross_industry().exclude(area__kind=Area.Kind.NATIONAL)

    def of_published_roles(self):
        """Estimates for occupations linked to published roles."""
        return self.filter(occupation__in=Occupation.objects.linked_to_published_roles())

    def by_industry(self):
        """National estimates for single industries or ownerships."""
        return self.filter(area__kind=Area.Kind.NATIONAL).exclude(
            industry__naics=CROSS_INDUSTRY, industry__ownership=ALL_OWNERSHIPS
        )

    def latest(self):
        """Each occupation's estimate from the newest release that has one (per area and
        industry)."""
        newest = WageEstimate.objects.filter(
            occupation=OuterRef("occupation"),
            area=OuterRef("area"),
            industry=OuterRef("industry"),
        ).order_by("-release__reference_month")
        return self.filter(release=Subquery(newest.values("release")[:1]))


class WageEstimate(models.Model):
    """BLS's wage estimate for one occupation in one area in one release.

    An empty figure means BLS marks it not available ("*", or "**" for employment).
    A figure flagged top-coded is the release's top-code: the real value is at or above it.
    """

    release = models.ForeignKey(WageRelease, on_delete=models.PROTECT, related_name="estimates")
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="wage_estimates"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="estimates")
    industry = models.ForeignKey(NaicsIndustry, on_delete=models.PROTECT, related_name="estimates")

    employment = models.PositiveIntegerField(null=True, blank=True)
    annual_mean = models.PositiveIntegerField("annual mean", null=True, blank=True)
    annual_p10 = models.PositiveIntegerField("10th percentile", null=True, blank=True)
    annual_p25 = models.PositiveIntegerField("25th percentile", null=True, blank=True)
    annual_median = models.PositiveIntegerField("median", null=True, blank=True)
    annual_p75 = models.PositiveIntegerField("75th percentile", null=True, blank=True)
    annual_p90 = models.PositiveIntegerField("90th percentile", null=True, blank=True)
    hourly_median = models.DecimalField(
        "hourly median", max_digits=7, decimal_places=2, null=True, blank=True
    )
    annual_mean_top_coded = models.BooleanField(default=False)
    annual_p10_top_coded = models.BooleanField(default=False)
    annual_p25_top_coded = models.BooleanField(default=False)
    annual_median_top_coded = models.BooleanField(default=False)
    annual_p75_top_coded = models.BooleanField(default=False)
    annual_p90_top_coded = models.BooleanField(default=False)
    hourly_median_top_coded = models.BooleanField(default=False)
    annual_only = models.BooleanField(
        default=False, help_text="BLS publishes only annual wages for this occupation."
    )
    hourly_only = models.BooleanField(
        default=False, help_text="BLS publishes only hourly wages for this occupation."
    )
    jobs_per_1000 = models.DecimalField(
        "jobs per 1,000",
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="The occupation's jobs per 1,000 jobs of every kind in the area.",
    )
    location_quotient = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Its share of the area's jobs over its share nationally: 2 means twice as "
        "concentrated as nationally.",
    )

    objects = WageEstimateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "area", "industry", "occupation"]
        verbose_name = "official wage estimate"
        permissions = [("import_wageestimate", "Can import official wage estimates (BLS files)")]
        indexes = [
            # A role's pay by place and by industry; an area's or an industry's roles.
            models.Index(
                fields=["occupation", "area", "industry"], name="estimate_occupation_where_idx"
            ),
            models.Index(fields=["area", "industry", "occupation"], name="estimate_area_idx"),
            models.Index(fields=["industry", "area", "occupation"], name="estimate_industry_idx"),
            # An occupation's cross-industry figures (the directory's official median, a
            # subquery per role): both equalities in one index, not every estimate of the
            # cross-industry "industry" (docs/performance.md).
            models.Index(fields=["industry", "occupation"], name="estimate_industry_occ_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "area", "industry", "occupation"],
                name="estimate_unique_per_release",
            ),
            models.CheckConstraint(
                condition=Q(location_quotient__isnull=True)
                | Q(location_quotient__gte=0, location_quotient__lte=LOCATION_QUOTIENT_MAX),
                name="estimate_location_quotient_plausible",
                violation_error_message="A location quotient lies between 0 and 1,000.",
            ),
            models.CheckConstraint(
                condition=Q(jobs_per_1000__isnull=True)
                | Q(jobs_per_1000__gte=0, jobs_per_1000__lte=JOBS_PER_1000_MAX),
                name="estimate_jobs_per_1000_plausible",
                violation_error_message="Jobs per 1,000 lie between 0 and 1,000.",
            ),
            *[
                in_order(
                    lower,
                    higher,
                    f"estimate_{lower}_lte_{higher}",
                    "Percentiles must rise from the 10th to the 90th.",
                )
                for lower, higher in itertools.pairwise(PERCENTILE_FIELDS)
            ],
            *[within_hard_limits(field, "estimate") for field in ANNUAL_WAGE_FIELDS],
            models.CheckConstraint(
                condition=Q(hourly_median__isnull=True)
                | Q(hourly_median__gt=0, hourly_median__lte=HOURLY_WAGE_MAX),
                name="estimate_hourly_median_plausible",
                violation_error_message=f"Hourly wages must lie between $0 and ${HOURLY_WAGE_MAX}.",
            ),
            models.CheckConstraint(
                condition=Q(employment__isnull=True) | Q(employment__lte=EMPLOYMENT_MAX),
                name="estimate_employment_plausible",
                violation_error_message="Employment is larger than any occupation could be.",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}_top_coded": False}) | Q(**{f"{field}__isnull": False}),
                    name=f"estimate_{field}_top_coded_has_value",
                    violation_error_message="A top-coded figure stores the top-code itself.",
                )
                for field in WAGE_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(annual_only=False) | Q(hourly_only=False),
                name="estimate_not_annual_and_hourly_only",
                violation_error_message="An estimate cannot be both annual-only and hourly-only.",
            ),
            models.CheckConstraint(
                condition=Q(hourly_only=False)
                | Q(**{f"{field}__isnull": True for field in ANNUAL_WAGE_FIELDS}),
                name="estimate_hourly_only_has_no_annual",
                violation_error_message="An hourly-only estimate has no annual figures.",
            ),
            models.CheckConstraint(
                condition=Q(annual_only=False) | Q(hourly_median__isnull=True),
                name="estimate_annual_only_has_no_hourly",
                violation_error_message="An annual-only estimate has no hourly figures.",
            ),
        ]

    def __str__(self):
        return f"{self.occupation.code}, {self.area}, {self.industry}, {self.release.name}"

    def wage(self, field):
        """One figure as a Wage (amount, top-coded?, hourly?) for display."""
        return Wage(
            amount=getattr(self, field),
            top_coded=getattr(self, f"{field}_top_coded"),
            hourly=field.startswith("hourly"),
        )

    @property
    def percentiles(self):
        """[(label, Wage)] from the 10th to the 90th percentile."""
        return [
            (self._meta.get_field(field).verbose_name, self.wage(field))
            for field in PERCENTILE_FIELDS
        ]

    @property
    def has_annual_figures(self):
        return any(getattr(self, field) is not None for field in PERCENTILE_FIELDS)

    @property
    def p10(self):
        return self.wage("annual_p10")

    @property
    def median(self):
        return self.wage("annual_median")

    @property
    def p90(self):
        return self.wage("annual_p90")

    @property
    def hourly(self):
        return self.wage("hourly_median")
