"""Where and for whom an official estimate counts: BLS's areas (the nation, states,
territories, metropolitan and nonmetropolitan areas) and its industries (NAICS codes
with an ownership). Both are records, made by the OEWS import from the file's own
columns, so pages and filters can name and link them; editors map the guide's own
industries (from the article) to NAICS codes (`Industry.official_industries`)."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.urls import reverse

from careers.tile_map import STATES

# BLS's codes for the whole United States, and for the estimates across every industry
# and every kind of owner: together, the national figure.
NATIONAL_AREA = "99"
NATIONAL_AREA_TITLE = "U.S."
CROSS_INDUSTRY = "000000"
ALL_OWNERSHIPS = "1235"
AREA_CODE_PATTERN = r"^[0-9]{2,7}$"
# NAICS as BLS writes it: six digits ("541500"), a sector ("51", "31-33") or one of
# its own groupings ("3250A1", "000001" for private ownership only).
NAICS_PATTERN = r"^[0-9]{2}(-[0-9]{2}|[0-9A-Z]{4})?$"
# What a two-letter search is read as: the postal codes of the states, DC and the
# territories BLS publishes (Guam and the Virgin Islands are not on the map).
POSTAL_CODES = frozenset(STATES) | {"GU", "VI"}


# The groups of a select box of areas (AreaQuerySet.choosable), in the order shown.
AREA_CHOICE_GROUPS = {"state": "States and territories", "metropolitan": "Metropolitan areas"}


def group_area_choices(rows):
    """[(group label, [(slug, title), …]), …] from (choice_group, slug, title) rows in
    the order they should be listed."""
    groups = {key: [] for key in AREA_CHOICE_GROUPS}
    for group, slug, title in rows:
        groups[group].append((slug, title))
    return [(label, groups[key]) for key, label in AREA_CHOICE_GROUPS.items()]


class AreaQuerySet(models.QuerySet):
    def states(self):
        """States, DC and the territories BLS publishes, by name."""
        return self.filter(kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY]).order_by("title")

    def metropolitan(self):
        return self.filter(kind=Area.Kind.METROPOLITAN).order_by("title")

    def local(self):
        """Every area smaller than the nation."""
        return self.exclude(kind=Area.Kind.NATIONAL)

    def choosable(self):
        """The areas a select box offers (states, territories, metropolitan areas), each
        annotated with `choice_group`, its key in AREA_CHOICE_GROUPS."""
        return self.filter(
            kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY, Area.Kind.METROPOLITAN]
        ).annotate(
            choice_group=models.Case(
                models.When(kind=Area.Kind.METROPOLITAN, then=models.Value("metropolitan")),
                default=models.Value("state"),
                output_field=models.CharField(),
            )
        )

    def matching(self, text):
        """Areas whose title holds `text` (case aside), or, when `text` is a postal code
        ("ca"), the areas in that state: those BLS puts in it and the metropolitan areas
        whose title lists it ("New York-Newark-Jersey City, NY-NJ" for "nj")."""
        words = " ".join(str(text).split())
        if not words:
            return self
        postal = words.upper()
        if postal not in POSTAL_CODES:
            return self.filter(title__icontains=words)
        # `postal` is one of POSTAL_CODES, so it is safe inside a pattern.
        return self.filter(
            Q(states__regex=rf"(^|-){postal}(-|$)")
            | Q(title__regex=rf", ([A-Z]{{2}}-)*{postal}(-[A-Z]{{2}})*$")
        )

    def where_roles_work(self):
        """Areas where an occupation linked to a published role has an estimate (its
        newest, across all industries), each annotated with `role_employment`, those
        occupations' employment there added up (None when BLS publishes none of it), and
        `role_employment_partial`, True when BLS withholds some of it ("**"). One query,
        whatever the number of areas."""
        estimates = (
            self.model._meta.get_field("estimates")
            .related_model.objects.cross_industry()
            .latest()
            .of_published_roles()
            .filter(area=OuterRef("pk"))
        )
        total = estimates.order_by().values("area").annotate(total=Sum("employment"))
        return self.filter(Exists(estimates)).annotate(
            role_employment=Subquery(total.values("total")),
            role_employment_partial=Exists(estimates.filter(employment__isnull=True)),
        )


class AreaManager(models.Manager.from_queryset(AreaQuerySet)):
    def get_by_natural_key(self, code, kind):
        return self.get(code=code, kind=kind)


class Area(models.Model):
    """An area BLS publishes estimates for; identified by its code and type together."""

    class Kind(models.IntegerChoices):
        # BLS's AREA_TYPE values.
        NATIONAL = 1, "Nation"
        STATE = 2, "State"
        TERRITORY = 3, "U.S. territory"
        METROPOLITAN = 4, "Metropolitan area"
        NONMETROPOLITAN = 6, "Nonmetropolitan area"

    code = models.CharField(
        max_length=7,
        validators=[RegexValidator(AREA_CODE_PATTERN, "BLS area codes are 2 to 7 digits.")],
        help_text="BLS's code: 2-digit FIPS for a state, 5-digit CBSA for a metro area.",
    )
    kind = models.PositiveSmallIntegerField("type", choices=Kind)
    title = models.CharField(max_length=200, help_text="As BLS names it.")
    states = models.CharField(
        max_length=40,
        blank=True,
        help_text="The state or states it lies in (postal codes, e.g. “NY-NJ”).",
    )
    slug = models.SlugField(max_length=120, unique=True)

    objects = AreaManager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = "official area"
        constraints = [
            models.UniqueConstraint(fields=["code", "kind"], name="area_unique_code_and_type"),
            models.CheckConstraint(
                condition=Q(code__regex=AREA_CODE_PATTERN),
                name="area_code_is_digits",
                violation_error_message="BLS area codes are 2 to 7 digits.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[1, 2, 3, 4, 6]),
                name="area_kind_known",
                violation_error_message="Not one of BLS's area types.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:place-detail", args=[self.slug])

    def natural_key(self):
        return (self.code, self.kind)

    @property
    def is_national(self):
        return self.kind == self.Kind.NATIONAL


class NaicsIndustryManager(models.Manager):
    def get_by_natural_key(self, naics, ownership):
        return self.get(naics=naics, ownership=ownership)


class NaicsIndustry(models.Model):
    """An industry in BLS's estimates: a NAICS code with an ownership (all owners,
    private only, or a level of government); identified by the two together."""

    class Level(models.TextChoices):
        # BLS's I_GROUP values, broadest first.
        CROSS_INDUSTRY = "cross-industry", "Every industry"
        SECTOR = "sector", "Sector"
        THREE_DIGIT = "3-digit", "Subsector (3-digit)"
        FOUR_DIGIT = "4-digit", "Industry group (4-digit)"
        FIVE_DIGIT = "5-digit", "Industry (5-digit)"

    class Ownership(models.TextChoices):
        # BLS's OWN_CODE values.
        ALL = "1235", "All owners"
        PRIVATE = "5", "Private"
        FEDERAL = "1", "Federal government"
        STATE = "2", "State government"
        LOCAL = "3", "Local government"
        GOVERNMENT = "123", "All government"

    naics = models.CharField(
        "NAICS code",
        max_length=6,
        validators=[RegexValidator(NAICS_PATTERN, "A NAICS code looks like 541500 or 31-33.")],
    )
    ownership = models.CharField(max_length=4, choices=Ownership, default=Ownership.ALL)
    title = models.CharField(max_length=250, help_text="As BLS names it.")
    level = models.CharField(max_length=20, choices=Level)

    objects = NaicsIndustryManager()

    class Meta:
        ordering = ["naics", "ownership"]
        verbose_name = "official industry"
        verbose_name_plural = "official industries"
        constraints = [
            models.UniqueConstraint(
                fields=["naics", "ownership"], name="naics_industry_unique_code_and_owner"
            ),
            models.CheckConstraint(
                condition=Q(naics__regex=NAICS_PATTERN),
                name="naics_industry_code_is_naics",
                violation_error_message="A NAICS code looks like 541500 or 31-33.",
            ),
        ]

    def __str__(self):
        owner = "" if self.ownership == self.Ownership.ALL else f" ({self.get_ownership_display()})"
        return f"{self.title}{owner}"

    def natural_key(self):
        return (self.naics, self.ownership)

    @property
    def coded_title(self):
        """Its title with its code (and an owner other than all): "Computer Systems Design
        and Related Services (NAICS 541500, private)", as pages and the admin name it."""
        owner = "" if self.ownership == self.Ownership.ALL else f", {self.get_ownership_display()}"
        return f"{self.title} (NAICS {self.naics}{owner.lower()})"

    @property
    def is_cross_industry(self):
        return self.naics == CROSS_INDUSTRY and self.ownership == ALL_OWNERSHIPS
