"""The careers domain: roles, the skills, industries and credentials they involve,
the steps between roles, and the sources every figure points to."""

import datetime
import itertools
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Count, Exists, F, FloatField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.money import SalaryScale, Wage

# Bounds the database enforces on job-outlook growth (percent over the period).
OUTLOOK_MIN_PCT = -100
OUTLOOK_MAX_PCT = 1000
# Hard limits the database enforces on any annual salary; the configurable
# plausible band (settings.SALARY_PLAUSIBLE_MIN/MAX) sits inside them.
SALARY_HARD_MIN = 1_000
SALARY_HARD_MAX = 10_000_000

# BLS's area code for the whole United States. Estimates carry their area, so states
# and metropolitan areas can be added later beside the national figures.
NATIONAL_AREA = "99"
NATIONAL_AREA_TITLE = "U.S."
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
    "area_title",
)

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


class FiguresChangedMeanwhile(Exception):
    """Another save reached the role after this copy of it was read."""


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug instead of numeric id."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugPairNaturalKeyManager(models.Manager):
    """Natural keys for join rows: the slugs of the two rows they join.

    The model names the lookups in NATURAL_KEY_LOOKUPS.
    """

    def get_by_natural_key(self, *slugs):
        return self.get(**dict(zip(self.model.NATURAL_KEY_LOOKUPS, slugs, strict=True)))


class TopicQuerySet(models.QuerySet):
    """Shared by skills, industries and credentials: the things roles are tagged with."""

    def with_role_counts(self):
        """Annotate each row with how many published roles it belongs to."""
        return self.annotate(
            role_count=models.Count("roles", filter=Q(roles__is_published=True), distinct=True)
        )


class SlugTopicManager(SlugNaturalKeyManager.from_queryset(TopicQuerySet)):
    pass


class SkillQuerySet(TopicQuerySet):
    def grouped_by_category(self):
        """[(category label, [skills…]), …] in the categories' declared order."""
        skills = list(self.order_by("name"))
        return [
            (label, [skill for skill in skills if skill.category == value])
            for value, label in Skill.Category.choices
            if any(skill.category == value for skill in skills)
        ]


class Source(models.Model):
    """A citation that figures point to."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(blank=True)
    note = models.TextField(
        blank=True,
        help_text="How we came to this source, e.g. “as cited in the 2026 careers article”.",
    )

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.year:
            parts.append(str(self.year))
        return ", ".join(parts)

    def natural_key(self):
        return (self.slug,)


class Industry(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    objects = SlugTopicManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:industry-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Skill(models.Model):
    class Category(models.TextChoices):
        PROGRAMMING = "programming", "Programming"
        MATHS_STATS = "maths-stats", "Mathematics & statistics"
        DATA = "data", "Data"
        MODELLING = "modelling", "Modelling"
        SOFT = "soft", "Soft skills"
        SPECIALISM = "specialism", "Domain specialisms"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    category = models.CharField(max_length=20, choices=Category, db_index=True)
    description = models.TextField(blank=True)

    objects = SlugNaturalKeyManager.from_queryset(SkillQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:skill-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Credential(models.Model):
    class Kind(models.TextChoices):
        DEGREE = "degree", "Degree"
        CERTIFICATION = "certification", "Certification"
        LICENCE = "licence", "Licence"

    class Level(models.TextChoices):
        BACHELOR = "bachelor", "Bachelor’s"
        MASTER = "master", "Master’s"
        DOCTORATE = "doctorate", "Doctorate"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, db_index=True)
    level = models.CharField(
        max_length=20, choices=Level, blank=True, help_text="Degrees only: the degree’s level."
    )
    description = models.TextField(blank=True)

    objects = SlugTopicManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="degree", level__in=["bachelor", "master", "doctorate"])
                | (~Q(kind="degree") & Q(level="")),
                name="credential_level_only_for_degrees",
                violation_error_message="A degree needs a level; other credentials have none.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:credential-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


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


def usd(amount):
    return f"${amount:,}"


def describe_value(model, field_name, value):
    """A stored value as an editor reads it (money with $, a source by its title)."""
    if value is None or value == "":
        return "(empty)"
    field = model._meta.get_field(field_name)
    if field_name in SALARY_FIELDS:
        return usd(value)
    if field.many_to_many:
        # The history lists many-to-many links as through rows: [{"role": 1, "industry": 4}].
        ids = [row[field.m2m_reverse_field_name()] for row in value]
        return ", ".join(map(str, field.related_model.objects.filter(pk__in=ids))) or "(none)"
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"(deleted #{value})"
    return str(value)


class RoleQuerySet(models.QuerySet):
    def published(self):
        """Roles visitors may see."""
        return self.filter(is_published=True)

    def featured(self):
        """Published roles editors chose for the home page."""
        return self.published().filter(is_featured=True)

    def with_skills(self):
        """Prefetch each role's skills, core first, in one more query."""
        return self.prefetch_related(
            models.Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.select_related("skill").order_by(
                    "importance", "skill__name"
                ),
            )
        )

    def with_skills_and_industries(self):
        """Prefetch what a role card shows, in a fixed number of queries."""
        return self.with_skills().prefetch_related("industries")

    def ranked_by_skill_match(self, skills):
        """Best match for someone who has `skills` first, ranked in the database.

        Annotates each role with `core_total` (its core skills), `core_covered` (how
        many of them are among `skills`) and `coverage` (the share covered, 0 to 1;
        None for a role with no core skills, which goes last). Order: higher share,
        then more core skills covered, then the better-paid role, then title.
        """
        core = Q(role_skills__importance=RoleSkill.Importance.CORE)
        return self.annotate(
            core_total=Count("role_skills", filter=core, distinct=True),
            core_covered=Count(
                "role_skills", filter=core & Q(role_skills__skill__in=skills), distinct=True
            ),
            coverage=Cast("core_covered", FloatField())
            / NullIf(Cast("core_total", FloatField()), 0.0),
        ).order_by(
            F("coverage").desc(nulls_last=True),
            F("core_covered").desc(),
            F("salary_high").desc(nulls_last=True),
            F("salary_low").desc(nulls_last=True),
            "title",
        )

    def for_directory(self):
        """Published roles with what the directory cards show."""
        return self.published().with_skills_and_industries().with_official_median()

    def for_detail(self):
        """Everything a role page shows, in a fixed number of queries."""
        return (
            self.published()
            .select_related("salary_source", "outlook_source")
            .prefetch_related(
                models.Prefetch(
                    "role_skills",
                    queryset=RoleSkill.objects.select_related("skill").order_by(
                        "importance", "skill__name"
                    ),
                ),
                models.Prefetch(
                    "role_credentials",
                    queryset=RoleCredential.objects.select_related("credential").order_by(
                        "requirement", "credential__kind", "credential__name"
                    ),
                ),
                models.Prefetch(
                    "steps_out",
                    queryset=CareerStep.objects.filter(to_role__is_published=True)
                    .select_related("to_role")
                    .order_by("to_role__title"),
                ),
                models.Prefetch(
                    "steps_in",
                    queryset=CareerStep.objects.filter(from_role__is_published=True)
                    .select_related("from_role")
                    .order_by("from_role__title"),
                ),
                "industries",
                models.Prefetch(
                    "occupation_links",
                    queryset=RoleOccupation.objects.select_related("occupation")
                    .order_by("position", "occupation__code")
                    .prefetch_related(latest_estimates("occupation__wage_estimates")),
                ),
            )
        )

    def with_official_median(self):
        """Annotate each role with its first official occupation's newest national median:
        `official_median` (dollars a year, None when there is none),
        `official_median_top_coded` and `official_occupation` (its title)."""
        first_link = RoleOccupation.objects.filter(role=OuterRef(OuterRef("pk"))).order_by(
            "position", "occupation__code"
        )
        newest = (
            WageEstimate.objects.national()
            .filter(occupation=Subquery(first_link.values("occupation")[:1]))
            .order_by("-release__reference_month")
        )
        return self.annotate(
            official_median=Subquery(newest.values("annual_median")[:1]),
            official_median_top_coded=Subquery(newest.values("annual_median_top_coded")[:1]),
            official_occupation=Subquery(newest.values("occupation__title")[:1]),
        )

    def _ensure_official_median(self):
        if "official_median" in self.query.annotations:
            return self
        return self.with_official_median()

    def official_median_at_least(self, amount):
        """Roles whose official median (see with_official_median) is at least `amount`."""
        return self._ensure_official_median().filter(official_median__gte=amount)

    def by_official_median(self, descending=True):
        median = F("official_median")
        return self._ensure_official_median().order_by(
            median.desc(nulls_last=True) if descending else median.asc(nulls_last=True), "title"
        )

    def search(self, text):
        """Roles whose title, summary or one of whose skill names contains `text`."""
        skill_match = RoleSkill.objects.filter(role=OuterRef("pk"), skill__name__icontains=text)
        return self.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Exists(skill_match)
        )

    def with_all_skills(self, skills):
        """Roles that list every one of `skills`."""
        queryset = self
        for skill in skills:
            queryset = queryset.filter(
                Exists(RoleSkill.objects.filter(role=OuterRef("pk"), skill=skill))
            )
        return queryset

    def open_to_education(self, level):
        """Roles whose minimum education is at most `level` (a Role.Education value)."""
        return self.filter(min_education__lte=level)

    def paying_at_least(self, amount):
        """Roles whose salary range reaches `amount` a year."""
        return self.filter(salary_high__gte=amount)

    def by_salary(self, descending=True):
        if descending:
            return self.order_by(
                F("salary_high").desc(nulls_last=True),
                F("salary_low").desc(nulls_last=True),
                "title",
            )
        return self.order_by(
            F("salary_low").asc(nulls_last=True), F("salary_high").asc(nulls_last=True), "title"
        )

    def by_growth(self):
        return self.order_by(F("outlook_growth_pct").desc(nulls_last=True), "title")

    def without_salary(self):
        """Roles with no salary figure at all."""
        return self.filter(NO_SALARY_FIGURE)

    def with_stale_salary(self, today=None):
        """Roles whose salary figure is older than settings.SALARY_STALE_MONTHS."""
        return self.filter(salary_as_of__lt=stale_before(today))

    def salary_scale(self):
        """One scale for every salary bar on a page: US$0 to the highest figure among
        these roles and their official occupations' estimates, rounded up to a round
        number; None when there is no figure at all.

        One aggregate query. High ≥ median ≥ low and the percentiles rise (the database
        enforces both), so the highest known figure is the first of them that is set.
        """
        official = "occupations__wage_estimates__"
        figures = self.aggregate(
            article=Max(Coalesce("salary_high", "salary_median", "salary_low")),
            official=Max(
                Coalesce(*(official + field for field in reversed(PERCENTILE_FIELDS))),
                filter=Q(**{official + "area_code": NATIONAL_AREA}),
            ),
        )
        highest = max((figure for figure in figures.values() if figure is not None), default=None)
        return SalaryScale.up_to(highest)


class Role(models.Model):
    class Stage(models.TextChoices):
        ENTRY = "entry", "Entry level"
        MID = "mid", "Mid-career, no further education needed"
        ADVANCED = "advanced", "Advanced: needs a graduate degree or certification"

    class Track(models.TextChoices):
        CORE = "core", "Core machine learning & data"
        SPECIALISM = "specialism", "Applied specialism"
        INTERDISCIPLINARY = "interdisciplinary", "Interdisciplinary alternative"

    class Education(models.IntegerChoices):
        # Ordered, so "open to someone with a master's" is min_education <= MASTER.
        NONE = 0, "No degree required"
        BACHELOR = 1, "Bachelor’s degree"
        MASTER = 2, "Master’s degree"
        DOCTORATE = 3, "Doctorate"

    title = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.CharField(max_length=200, help_text="One line shown on directory cards.")
    description = models.TextField(help_text="A few paragraphs for the role page.")
    stage = models.CharField(max_length=20, choices=Stage, db_index=True)
    track = models.CharField(max_length=20, choices=Track, db_index=True)
    min_education = models.PositiveSmallIntegerField(
        "minimum education", choices=Education, default=Education.BACHELOR, db_index=True
    )

    salary_low = models.PositiveIntegerField(
        "salary low", null=True, blank=True, help_text="US dollars a year."
    )
    salary_median = models.PositiveIntegerField(
        "salary median", null=True, blank=True, help_text="US dollars a year."
    )
    salary_high = models.PositiveIntegerField(
        "salary high", null=True, blank=True, help_text="US dollars a year."
    )
    salary_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="salary_roles"
    )
    salary_as_of = models.DateField(
        "salary as of", null=True, blank=True, help_text="When the source measured the figures."
    )

    outlook_growth_pct = models.DecimalField(
        "job-outlook growth (%)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    outlook_period = models.CharField(
        max_length=50, blank=True, help_text="The period the growth covers, e.g. “2020–2030”."
    )
    outlook_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="outlook_roles"
    )

    is_published = models.BooleanField(
        "published", default=True, db_index=True, help_text="Untick to hide the role from visitors."
    )
    is_featured = models.BooleanField(
        "featured",
        default=False,
        db_index=True,
        help_text="Tick to show the role on the home page; three or four featured roles work best.",
    )
    figures_updated_at = models.DateTimeField(
        "figures last updated",
        default=timezone.now,
        editable=False,
        help_text="When a salary or outlook figure last changed.",
    )
    version = models.PositiveIntegerField(
        "revision",
        default=1,
        help_text="Goes up by one with every save, so two editors cannot overwrite each other.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    industries = models.ManyToManyField(Industry, related_name="roles", blank=True)
    skills = models.ManyToManyField(Skill, through="RoleSkill", related_name="roles", blank=True)
    credentials = models.ManyToManyField(
        Credential, through="RoleCredential", related_name="roles", blank=True
    )
    next_roles = models.ManyToManyField(
        "self",
        through="CareerStep",
        through_fields=("from_role", "to_role"),
        symmetrical=False,
        related_name="previous_roles",
        blank=True,
    )
    occupations = models.ManyToManyField(
        "Occupation", through="RoleOccupation", related_name="roles", blank=True
    )

    objects = SlugNaturalKeyManager.from_queryset(RoleQuerySet)()
    history = HistoricalRecords(m2m_fields=[industries])

    class Meta:
        ordering = ["title"]
        get_latest_by = "updated_at"
        indexes = [
            models.Index(fields=["salary_high"], name="role_salary_high_idx"),
            models.Index(fields=["salary_low"], name="role_salary_low_idx"),
            models.Index(fields=["outlook_growth_pct"], name="role_outlook_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_low__isnull=True)
                | Q(salary_median__isnull=True)
                | Q(salary_low__lte=F("salary_median")),
                name="role_salary_low_lte_median",
                violation_error_message="The low salary cannot be above the median.",
            ),
            models.CheckConstraint(
                condition=Q(salary_median__isnull=True)
                | Q(salary_high__isnull=True)
                | Q(salary_median__lte=F("salary_high")),
                name="role_salary_median_lte_high",
                violation_error_message="The median salary cannot be above the high one.",
            ),
            models.CheckConstraint(
                condition=Q(salary_low__isnull=True)
                | Q(salary_high__isnull=True)
                | Q(salary_low__lte=F("salary_high")),
                name="role_salary_low_lte_high",
                violation_error_message="The low salary cannot be above the high one.",
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
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": SALARY_HARD_MIN, f"{field}__lte": SALARY_HARD_MAX}),
                    name=f"role_{field}_within_hard_limits",
                    violation_error_message=(
                        f"Annual salaries must lie between ${SALARY_HARD_MIN:,} "
                        f"and ${SALARY_HARD_MAX:,}."
                    ),
                )
                for field in SALARY_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(outlook_growth_pct__isnull=True)
                | Q(
                    outlook_growth_pct__gte=OUTLOOK_MIN_PCT, outlook_growth_pct__lte=OUTLOOK_MAX_PCT
                ),
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

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Save, refusing to overwrite a newer revision (optimistic locking).

        The revision read with this copy must still be the one in the database;
        inside the transaction (SQLite takes its write lock at BEGIN IMMEDIATE)
        no other save can slip in between the check and the write.
        """
        if self._state.adding:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            current = Role.objects.filter(pk=self.pk).values_list("version", flat=True).first()
            if current is not None and current != self.version:
                raise FiguresChangedMeanwhile(
                    f"{self} was saved by someone else (revision {current}) after this copy "
                    f"(revision {self.version}) was read."
                )
            self.version += 1
            if self.figures() != getattr(self, "_loaded_figures", None):
                self.figures_updated_at = timezone.now()
            super().save(*args, **kwargs)
            self._loaded_figures = self.figures()

    def get_absolute_url(self):
        return reverse("careers:role-detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Remember the figures as loaded, to tell whether a save changes them.
        instance._loaded_figures = instance.figures()
        return instance

    def figures(self):
        return tuple(getattr(self, field, None) for field in FIGURE_FIELDS)

    def clean(self):
        """The salary desk's rules, for every form and import (the database holds the rest)."""
        # Browsers send text areas with CRLF line ends; store one form, so a save
        # that changes nothing in the text does not show up as a change in the history.
        self.description = self.description.replace("\r\n", "\n")
        errors = {}
        band_min, band_max = settings.SALARY_PLAUSIBLE_MIN, settings.SALARY_PLAUSIBLE_MAX
        for field in SALARY_FIELDS:
            amount = getattr(self, field)
            if amount is not None and not band_min <= amount <= band_max:
                errors[field] = (
                    f"${amount:,} a year is outside the plausible range of "
                    f"${band_min:,} to ${band_max:,}. Check for a missing or extra zero, "
                    "or a monthly or hourly figure."
                )
        low, median, high = self.salary_low, self.salary_median, self.salary_high
        if low is not None and high is not None and low > high:
            errors.setdefault("salary_high", f"The high figure is below the low one ({usd(low)}).")
        if low is not None and median is not None and low > median:
            errors.setdefault("salary_median", f"The median is below the low figure ({usd(low)}).")
        if median is not None and high is not None and median > high:
            errors.setdefault(
                "salary_median", f"The median is above the high figure ({usd(high)})."
            )
        if self.has_any_salary:
            if self.salary_source_id is None:
                errors["salary_source"] = "A salary figure needs a source."
            if self.salary_as_of is None:
                errors["salary_as_of"] = "A salary figure needs the date the source measured it."
        if self.salary_as_of and self.salary_as_of > timezone.localdate():
            errors["salary_as_of"] = "The “as of” date cannot be in the future."
        if self.outlook_growth_pct is not None and self.outlook_source_id is None:
            errors["outlook_source"] = "A growth figure needs a source."
        if errors:
            raise ValidationError(errors)

    def changes_since(self, revision):
        """What changed after `revision`, as [(field label, old, new)], from the history."""
        seen = self.history.filter(version=revision).order_by("-history_date").first()
        latest = self.history.order_by("-history_date").first()
        if seen is None or latest is None:
            return []
        delta = latest.diff_against(
            seen, excluded_fields=["version", "updated_at", "figures_updated_at", "created_at"]
        )
        return [
            (
                self._meta.get_field(change.field).verbose_name,
                describe_value(self, change.field, change.old),
                describe_value(self, change.field, change.new),
            )
            for change in delta.changes
        ]

    @property
    def has_any_salary(self):
        return any(getattr(self, field) is not None for field in SALARY_FIELDS)

    def figures_are_stale(self, today=None):
        """True when the salary figures are older than settings.SALARY_STALE_MONTHS."""
        return self.salary_as_of is not None and self.salary_as_of < stale_before(today)

    def natural_key(self):
        return (self.slug,)

    @property
    def has_salary(self):
        return self.salary_low is not None or self.salary_high is not None

    @property
    def has_outlook(self):
        return self.outlook_growth_pct is not None

    @property
    def core_skills(self):
        """Core skills, from the prefetched role_skills when available."""
        return [
            rs.skill for rs in self.role_skills.all() if rs.importance == RoleSkill.Importance.CORE
        ]

    @property
    def helpful_skills(self):
        return [
            rs.skill
            for rs in self.role_skills.all()
            if rs.importance == RoleSkill.Importance.HELPFUL
        ]

    @property
    def required_credentials(self):
        return [
            rc.credential
            for rc in self.role_credentials.all()
            if rc.requirement == RoleCredential.Requirement.REQUIRED
        ]

    @property
    def preferred_credentials(self):
        return [
            rc.credential
            for rc in self.role_credentials.all()
            if rc.requirement == RoleCredential.Requirement.PREFERRED
        ]


class RoleSkill(models.Model):
    class Importance(models.TextChoices):
        # Stored so that alphabetical order puts core first.
        CORE = "core", "Core"
        HELPFUL = "helpful", "Helpful"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_skills")
    importance = models.CharField(max_length=10, choices=Importance, default=Importance.CORE)

    NATURAL_KEY_LOOKUPS = ("role__slug", "skill__slug")

    objects = SlugPairNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "importance", "skill"]
        verbose_name = "role skill"
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="role_skill_unique"),
        ]

    def __str__(self):
        return f"{self.role}: {self.skill} ({self.get_importance_display().lower()})"

    def natural_key(self):
        return (*self.role.natural_key(), *self.skill.natural_key())

    natural_key.dependencies = ["careers.role", "careers.skill"]


class RoleCredential(models.Model):
    class Requirement(models.TextChoices):
        # Stored so that alphabetical order puts required first.
        REQUIRED = "a-required", "Required"
        PREFERRED = "b-preferred", "Preferred"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_credentials")
    credential = models.ForeignKey(
        Credential, on_delete=models.CASCADE, related_name="role_credentials"
    )
    requirement = models.CharField(max_length=12, choices=Requirement, default=Requirement.REQUIRED)

    NATURAL_KEY_LOOKUPS = ("role__slug", "credential__slug")

    objects = SlugPairNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "requirement", "credential"]
        verbose_name = "role credential"
        constraints = [
            models.UniqueConstraint(fields=["role", "credential"], name="role_credential_unique"),
        ]

    def __str__(self):
        return f"{self.role}: {self.credential} ({self.get_requirement_display().lower()})"

    def natural_key(self):
        return (*self.role.natural_key(), *self.credential.natural_key())

    natural_key.dependencies = ["careers.role", "careers.credential"]


class CareerStep(models.Model):
    """A move from one role to another: "a data analyst can become a data scientist"."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", "Promotion"
        LATERAL = "lateral", "Lateral move"
        GRADUATE_DEGREE = "graduate-degree", "Needs a graduate degree"
        CERTIFICATION = "certification", "Needs a certification"
        INTERDISCIPLINARY = "interdisciplinary", "Interdisciplinary move"

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="steps_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="steps_in")
    kind = models.CharField(max_length=20, choices=Kind)
    typical_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Typical years before the move, only where a source gives it.",
    )
    note = models.CharField(max_length=250, blank=True)

    NATURAL_KEY_LOOKUPS = ("from_role__slug", "to_role__slug")

    objects = SlugPairNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_role", "to_role"]
        verbose_name = "career step"
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="career_step_unique"),
            models.CheckConstraint(
                condition=~Q(from_role=F("to_role")),
                name="career_step_not_to_itself",
                violation_error_message="A role cannot lead to itself.",
            ),
            models.CheckConstraint(
                condition=Q(typical_years__isnull=True) | Q(typical_years__lte=40),
                name="career_step_typical_years_sane",
                violation_error_message="Typical years must be 40 or fewer.",
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role}"

    def natural_key(self):
        return (*self.from_role.natural_key(), *self.to_role.natural_key())

    natural_key.dependencies = ["careers.role"]


class StatisticQuerySet(models.QuerySet):
    def headline(self):
        return self.filter(is_headline=True).select_related("source")

    def with_sources(self):
        """Every figure in the editors' order, with its source (one query)."""
        return self.select_related("source").order_by("position", "slug")


class Statistic(models.Model):
    """A figure about the field as a whole, e.g. the share of graduates in work in six months."""

    class Qualifier(models.TextChoices):
        EXACT = "", "(as stated)"
        ABOUT = "about", "about"
        NEARLY = "nearly", "nearly"
        MORE_THAN = "more-than", "more than"

    slug = models.SlugField(max_length=80, unique=True)
    value = models.DecimalField(max_digits=6, decimal_places=1)
    unit = models.CharField(max_length=10, default="%")
    qualifier = models.CharField(
        max_length=10,
        choices=Qualifier,
        blank=True,
        help_text="How the source hedges the figure, e.g. “about” 65%.",
    )
    statement = models.CharField(
        max_length=250, help_text="What the figure measures, in a sentence of our own."
    )
    period = models.CharField(max_length=50, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statistics")
    is_headline = models.BooleanField(
        default=False, help_text="Tick to show the figure on the home page."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = SlugNaturalKeyManager.from_queryset(StatisticQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self):
        return f"{self.value}{self.unit}: {self.statement}"

    def get_absolute_url(self):
        return reverse("careers:guide-figures") + f"#{self.slug}"

    @property
    def qualifier_text(self):
        return self.get_qualifier_display() if self.qualifier else ""

    def natural_key(self):
        return (self.slug,)


class SalaryFactorQuerySet(models.QuerySet):
    def for_page(self):
        """Every factor in order, with its source (one query)."""
        return self.select_related("source").order_by("position", "name")


class SalaryFactor(models.Model):
    """One reason pay varies (industry, experience, location…), with the figure the
    source gives for it, if any."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "per cent (%)"
        TIMES = "times", "times (\u00d7), e.g. 2\u00d7 for double"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, unique=True, help_text="E.g. “Experience”.")
    summary = models.CharField(
        max_length=250, help_text="One sentence, in our own words, on how this factor moves pay."
    )
    explanation = models.TextField(
        blank=True, help_text="A short paragraph or two for the page, in our own words."
    )
    figure_low = models.DecimalField(
        "figure",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Only a figure the source gives; leave empty when it gives none.",
    )
    figure_high = models.DecimalField(
        "up to",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="For a range such as 15–25%: the upper end. Empty for a single figure.",
    )
    figure_unit = models.CharField("unit", max_length=10, choices=Unit, blank=True)
    figure_qualifier = models.CharField(
        "qualifier",
        max_length=10,
        choices=Statistic.Qualifier,
        blank=True,
        help_text="How the source hedges the figure, e.g. “nearly” double.",
    )
    figure_statement = models.CharField(
        "what the figure says",
        max_length=250,
        blank=True,
        help_text="Completes the figure, e.g. “more at technology companies than elsewhere”.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="salary_factors")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugNaturalKeyManager.from_queryset(SalaryFactorQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "salary factor"
        constraints = [
            models.CheckConstraint(
                condition=Q(figure_low__isnull=False)
                | (
                    Q(figure_high__isnull=True)
                    & Q(figure_unit="")
                    & Q(figure_qualifier="")
                    & Q(figure_statement="")
                ),
                name="salary_factor_figure_parts_need_a_figure",
                violation_error_message="Give the figure itself, or leave all its parts empty.",
            ),
            models.CheckConstraint(
                condition=Q(figure_low__isnull=True)
                | (~Q(figure_unit="") & ~Q(figure_statement="")),
                name="salary_factor_figure_needs_unit_and_statement",
                violation_error_message="A figure needs its unit and what it says.",
            ),
            models.CheckConstraint(
                condition=Q(figure_high__isnull=True) | Q(figure_low__lte=F("figure_high")),
                name="salary_factor_figure_range_in_order",
                violation_error_message="The upper end cannot be below the figure.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:salary-factors") + f"#{self.slug}"

    def natural_key(self):
        return (self.slug,)

    @property
    def has_figure(self):
        return self.figure_low is not None


class GuideEntryQuerySet(models.QuerySet):
    def next_steps(self):
        return self.filter(kind=GuideEntry.Kind.NEXT_STEP)

    def questions(self):
        return self.filter(kind=GuideEntry.Kind.QUESTION)

    def for_page(self):
        """Entries in the order editors set, with their sources (one query)."""
        return self.select_related("source").order_by("position", "title")


class GuideEntry(models.Model):
    """A piece of the graduates' guide: a next step after the degree, or a question
    students ask, answered in our own words with the source it rests on."""

    class Kind(models.TextChoices):
        NEXT_STEP = "next-step", "Next step after graduating"
        QUESTION = "question", "Frequently asked question"

    kind = models.CharField(max_length=20, choices=Kind, db_index=True)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(
        max_length=200, help_text="A next step’s name, or the question as a student would ask it."
    )
    body = models.TextField(
        help_text="The answer or advice in our own words; blank lines split it."
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guide_entries",
        help_text="Where the facts in it come from. Required when it gives a figure.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugNaturalKeyManager.from_queryset(GuideEntryQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "title"]
        verbose_name = "guide entry"
        verbose_name_plural = "guide entries"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:guide") + f"#{self.slug}"

    def clean(self):
        # As for every figure on the site: a number needs the source it came from.
        if self.source_id is None and any(character.isdigit() for character in self.body):
            raise ValidationError({"source": "This entry gives a figure; name its source."})

    def natural_key(self):
        return (self.slug,)


# --- Official wage data: SOC occupations and BLS OEWS estimates ---------------------


def latest_estimates(lookup):
    """A prefetch of the occupations' newest national estimate (with its release and
    source) as `latest_estimates`; `lookup` leads from the rows to their wage_estimates."""
    return models.Prefetch(
        lookup,
        queryset=WageEstimate.objects.national().latest().select_related("release__source"),
        to_attr="latest_estimates",
    )


class OccupationQuerySet(models.QuerySet):
    def linked_to_published_roles(self):
        return self.filter(roles__is_published=True).distinct()

    def with_latest_estimates(self):
        """Prefetch each occupation's newest national estimate (with its release and
        source) as `latest_estimates`, in one more query."""
        return self.prefetch_related(latest_estimates("wage_estimates"))

    def for_official_page(self):
        """Occupations linked to published roles, each with its newest national estimate
        and its published roles: three queries."""
        return (
            self.linked_to_published_roles()
            .with_latest_estimates()
            .prefetch_related(
                models.Prefetch("roles", queryset=Role.objects.published().order_by("title"))
            )
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

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="occupation_links")
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
    def national(self):
        return self.filter(area_code=NATIONAL_AREA)

    def latest(self):
        """Each occupation's estimate from the newest release that has one (per area)."""
        newest = WageEstimate.objects.filter(
            occupation=OuterRef("occupation"), area_code=OuterRef("area_code")
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
    area_code = models.CharField(max_length=7, default=NATIONAL_AREA)
    area_title = models.CharField(max_length=100, default=NATIONAL_AREA_TITLE)

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

    objects = WageEstimateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "area_code", "occupation"]
        verbose_name = "official wage estimate"
        permissions = [("import_wageestimate", "Can import official wage estimates (BLS files)")]
        indexes = [
            models.Index(fields=["occupation", "area_code"], name="estimate_occupation_area_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "area_code", "occupation"], name="estimate_unique_per_release"
            ),
            models.CheckConstraint(
                condition=~Q(area_code=""),
                name="estimate_has_area",
                violation_error_message="An estimate needs its area.",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{lower}__isnull": True})
                    | Q(**{f"{higher}__isnull": True})
                    | Q(**{f"{lower}__lte": F(higher)}),
                    name=f"estimate_{lower}_lte_{higher}",
                    violation_error_message="Percentiles must rise from the 10th to the 90th.",
                )
                for lower, higher in itertools.pairwise(PERCENTILE_FIELDS)
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": SALARY_HARD_MIN, f"{field}__lte": SALARY_HARD_MAX}),
                    name=f"estimate_{field}_within_hard_limits",
                    violation_error_message=(
                        f"Annual wages must lie between ${SALARY_HARD_MIN:,} "
                        f"and ${SALARY_HARD_MAX:,}."
                    ),
                )
                for field in ANNUAL_WAGE_FIELDS
            ],
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
        return f"{self.occupation.code}, {self.area_title}, {self.release.name}"

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


# --- Advisors' shortlists -----------------------------------------------------------


def new_shortlist_token():
    """An unguessable token for a shortlist's public address (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


class ShortlistQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The shortlists `user` made."""
        return self.filter(owner=user)

    def live(self):
        """Shortlists whose public link works: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def for_public_page(self):
        """A shortlist with its published roles in order and their salary and outlook
        sources: one query for the shortlists and one for all their roles."""
        return self.prefetch_related(
            models.Prefetch(
                "items",
                queryset=ShortlistItem.objects.filter(role__is_published=True).select_related(
                    "role", "role__salary_source", "role__outlook_source"
                ),
            )
        )

    def withdraw(self, when=None):
        """Withdraw the live shortlists here; their links then say so. Returns how many.

        Saved one by one, so each withdrawal is kept in the history with who did it.
        """
        when = when or timezone.now()
        shortlists = list(self.live())
        for shortlist in shortlists:
            shortlist.withdrawn_at = when
            shortlist.save()
        return len(shortlists)

    def restore(self):
        """Bring withdrawn shortlists back at the same link. Returns how many."""
        shortlists = list(self.filter(withdrawn_at__isnull=False))
        for shortlist in shortlists:
            shortlist.withdrawn_at = None
            shortlist.save()
        return len(shortlists)


class Shortlist(models.Model):
    """Roles a careers advisor picked for a student or a class, shared by a secret link."""

    # PROTECT: students hold links to these lists, so deleting an advisor's account must
    # not silently break them. Deactivate the account instead, or have an administrator
    # give the lists to another advisor (or delete them) first.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shortlists",
        help_text="The advisor who made the list; only they and administrators see it here.",
    )
    title = models.CharField(
        max_length=200,
        help_text="The page heading students see, e.g. “Year 12 computing: roles to explore”.",
    )
    introduction = models.TextField(
        blank=True, help_text="A few words for the student, shown above the roles."
    )
    token = models.CharField(
        max_length=32,
        unique=True,
        default=new_shortlist_token,
        editable=False,
        help_text="The secret part of the public link; anyone with the link can read the list.",
    )
    withdrawn_at = models.DateTimeField(
        "withdrawn",
        null=True,
        blank=True,
        help_text="When set, the public link says the advisor withdrew the list.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShortlistQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return self.title

    def share_path(self):
        """The secret public address. Deliberately not get_absolute_url(): Django's
        generic "view on site" redirect would then hand the link to any staff user."""
        return reverse("careers:shortlist-detail", args=[self.token])

    def is_live(self):
        return self.withdrawn_at is None

    is_live.boolean = True
    is_live.short_description = "live"


class ShortlistItem(models.Model):
    """One role on a shortlist, with the advisor's note on why it is there."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="shortlist_items")
    note = models.TextField(blank=True, help_text="Why this role, for this student.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "shortlisted role"
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "role"], name="shortlist_lists_role_once"),
        ]

    def __str__(self):
        return f"{self.shortlist}: {self.role}"
