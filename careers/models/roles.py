"""Roles: the careers the guide describes, with their figures, and the queries every
page uses to read them (published, for the directory, for a role page, ranked)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q
from django.db.models.functions import Cast, NullIf
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.models.catalogue import Credential, Industry, Skill, SkillAlias, Source
from careers.models.figures import (
    FIGURE_FIELDS,
    NO_SALARY_FIGURE,
    ROLE_FIGURE_CONSTRAINTS,
    SALARY_FIELDS,
    figure_problems,
    stale_before,
)
from careers.models.natural_keys import SlugNaturalKeyManager
from careers.models.reviewing import ReviewQuerySet
from careers.models.revisions import RevisionLock
from careers.models.role_links import RoleCredential, RoleSkill
from careers.models.role_totals import RoleTotalsQuerySet
from careers.models.searching import SearchableQuerySet
from careers.official.models import (
    RoleOccupation,
    latest_estimates,
)

# Where a role sits in the guide: what the directory filters by and editors set together.
# (Which of the article's lists a role is in is curated on the lists: ArticleListing.)
PLACEMENT_FIELDS = ("track", "min_education", "industries")


def occupation_links(with_estimates=False):
    """A prefetch of a role's official occupations, in order, each with its newest
    national estimate when `with_estimates`."""
    links = RoleOccupation.objects.select_related("occupation").order_by(
        "position", "occupation__code"
    )
    if with_estimates:
        links = links.prefetch_related(latest_estimates("occupation__wage_estimates"))
    return models.Prefetch("occupation_links", queryset=links)


# What a role page reads of each official (NAICS) industry its industries count.
OFFICIAL_INDUSTRY_FIELDS = ("id", "naics", "ownership", "title", "level")


def industries_with_official_ones():
    """A prefetch of a role's industries, by name, read with the official (NAICS)
    industries each counts in the same query: `role.industry_mappings` holds an Industry
    per pair, with the official one's fields as `official_id`, `official_naics`… (None
    for an industry that counts none). Read by Role.industries_by_name and
    careers.official.industry_pay.named_for."""
    pairs = Industry.objects.annotate(
        **{
            f"official_{name}": F(f"official_industries__{name}")
            for name in OFFICIAL_INDUSTRY_FIELDS
        }
    )
    return models.Prefetch("industries", queryset=pairs, to_attr="industry_mappings")


class RoleQuerySet(SearchableQuerySet, ReviewQuerySet, RoleTotalsQuerySet):
    # What a role search looks in: the directory's text filter and the site search alike.
    search_fields = ("title", "summary", "description")
    search_related = (("role_skills", "skill__name"), ("role_skills", "skill__aliases__name"))

    def vocabulary_texts(self):
        """Role titles and every skill's names: what a mistyped word is mended against
        in a role search."""
        return [
            *super().vocabulary_texts(),
            Skill.objects.values_list("name", flat=True),
            SkillAlias.objects.values_list("name", flat=True),
        ]

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

    def with_listings(self):
        """Prefetch the article's lists each role is in, in list order, in one more query."""
        return self.prefetch_related("listings")

    def for_export(self):
        """What the directory's CSV adds to its cards: each role's salary source and
        industries (one query more)."""
        return self.select_related("salary_source__cited_in").prefetch_related("industries")

    def ranked_by_skill_match(self, skills):
        """The roles that list at least one of `skills`, best match for someone who has
        them first, ranked in the database.

        Annotates each role with `core_total` (its core skills), `core_covered` (how
        many of them are among `skills`), `coverage` (that share, 0 to 1) and
        `helpful_covered` (its helpful skills among `skills`). Order: more core skills
        covered, then a higher share of them, then more helpful skills covered, then
        the better-paid role, then title. So a role where you have 4 of 8 core skills
        comes before one where you have 1 of 2.
        """
        core = Q(role_skills__importance=RoleSkill.Importance.CORE)
        helpful = Q(role_skills__importance=RoleSkill.Importance.HELPFUL)
        chosen = Q(role_skills__skill__in=skills)
        # Only the roles listing one of the skills are counted (found through the skill's
        # index): counting every role's skills first took 0.17 s at 10,000 roles.
        listing_any = RoleSkill.objects.filter(skill__in=skills).values("role_id")
        return (
            self.filter(pk__in=listing_any)
            .annotate(
                core_total=Count("role_skills", filter=core, distinct=True),
                core_covered=Count("role_skills", filter=core & chosen, distinct=True),
                helpful_covered=Count("role_skills", filter=helpful & chosen, distinct=True),
                coverage=Cast("core_covered", FloatField())
                / NullIf(Cast("core_total", FloatField()), 0.0),
            )
            .filter(Q(core_covered__gt=0) | Q(helpful_covered__gt=0))
            .order_by(
                F("core_covered").desc(),
                F("coverage").desc(nulls_last=True),
                F("helpful_covered").desc(),
                F("salary_high").desc(nulls_last=True),
                F("salary_low").desc(nulls_last=True),
                "title",
            )
        )

    def for_cards(self):
        """Published roles with what a role card shows, in a fixed number of queries."""
        return self.published().with_skills().with_listings().with_official_median()

    def with_skills_and_credentials(self):
        """Each role's skills (core first) and credentials (required first) with their
        names, and its figures' sources: two queries more, whatever the number of roles."""
        return self.select_related(
            "salary_source__cited_in", "outlook_source__cited_in"
        ).prefetch_related(
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
        )

    def for_comparison(self):
        """What the compare table shows of each role, in a fixed number of queries (its
        occupations' figures are read by careers.comparing.compare, with an area's)."""
        return (
            self.published()
            .with_skills_and_credentials()
            .prefetch_related("industries", "listings", occupation_links())
        )

    def for_detail(self):
        """A role page's role with its lists and links (its industries with the official
        ones they count) and the official median its pay headline falls back on; its steps
        (CareerStep.objects.around) and BLS figures (careers.official.role_page_pay) are
        read by two queries more."""
        return (
            self.published()
            .with_skills_and_credentials()
            .prefetch_related(industries_with_official_ones(), "listings", occupation_links())
            .with_official_median()
        )

    def for_preview_card(self):
        """Published roles with what their link-preview card shows
        (careers.preview_images), in a fixed number of queries."""
        return (
            self.published()
            .select_related("salary_source__cited_in")
            .prefetch_related(occupation_links(with_estimates=True))
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


class Role(RevisionLock):
    class Track(models.TextChoices):
        CORE = "core", "Core machine learning & data"
        SPECIALISM = "specialism", "Applied specialty"
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

    FIGURE_FIELDS = FIGURE_FIELDS
    MONEY_FIELDS = SALARY_FIELDS

    objects = SlugNaturalKeyManager.from_queryset(RoleQuerySet)()
    history = HistoricalRecords(m2m_fields=[industries])

    class Meta:
        ordering = ["title"]
        get_latest_by = "updated_at"
        indexes = [
            models.Index(fields=["salary_high"], name="role_salary_high_idx"),
            models.Index(fields=["salary_low"], name="role_salary_low_idx"),
            models.Index(fields=["outlook_growth_pct"], name="role_outlook_idx"),
            # The directory's sorts of published roles, read in index order so its first
            # page reads 12 rows, not every role (docs/performance.md). Descending
            # columns: SQLite puts NULLs last when descending, as these sorts want.
            models.Index(fields=["is_published", "title"], name="role_published_title_idx"),
            models.Index(
                fields=["is_published", "-salary_high", "-salary_low", "title"],
                name="role_published_salary_idx",
            ),
            models.Index(
                fields=["is_published", "salary_low", "salary_high", "title"],
                name="role_published_salary_low_idx",
            ),
            models.Index(
                fields=["is_published", "-outlook_growth_pct", "title"],
                name="role_published_growth_idx",
            ),
            # The home page's few featured roles by title, without walking every
            # published role's title to find them (15 ms at 10,000 roles). Not a partial
            # index: SQLite cannot use one for a condition passed as a parameter.
            models.Index(
                fields=["is_featured", "is_published", "title"], name="role_featured_title_idx"
            ),
        ]
        constraints = ROLE_FIGURE_CONSTRAINTS

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:role-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Every write of a role passes here (admin, salary desk, CSV import, history
        # restore): its link-preview card shows the title and pay, so redraw it once the
        # save is committed. Imported here: preview_images reads roles through this model.
        from careers.preview_images import redraw_after_commit

        redraw_after_commit(self.pk)

    def clean(self):
        """The salary desk's rules, for every form and import (the database holds the rest)."""
        # Browsers send text areas with CRLF line ends; store one form, so a save
        # that changes nothing in the text does not show up as a change in the history.
        self.description = self.description.replace("\r\n", "\n")
        problems = figure_problems(self)
        if problems:
            raise ValidationError(problems)

    @property
    def has_any_salary(self):
        return any(getattr(self, field) is not None for field in SALARY_FIELDS)

    def figures_are_stale(self, today=None):
        """True when the salary figures are older than settings.SALARY_STALE_MONTHS."""
        return self.salary_as_of is not None and self.salary_as_of < stale_before(today)

    def natural_key(self):
        return (self.slug,)

    @property
    def has_outlook(self):
        return self.outlook_growth_pct is not None

    @property
    def listing_titles(self):
        """The article's lists this role is in, from the prefetched listings."""
        return [listing.title for listing in self.listings.all()]

    @property
    def industries_by_name(self):
        """The role's industries, once each: from the pairs RoleQuerySet.for_detail()
        reads (industries_with_official_ones), else from role.industries."""
        pairs = getattr(self, "industry_mappings", None)
        if pairs is None:
            return list(self.industries.all())
        return list({industry.pk: industry for industry in pairs}.values())

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
