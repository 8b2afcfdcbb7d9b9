"""Editorial content around the roles: headline statistics about the field, the
factors that move pay, and the graduates' guide (next steps and questions)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models.catalogue import Source
from careers.models.natural_keys import SlugNaturalKeyManager
from careers.models.searching import SearchableQuerySet


class Hedge(models.TextChoices):
    """How a source hedges a figure ("about 65%", "to well over $200,000"): one list for
    statistics, salary factors and the field's salary range."""

    EXACT = "", "(as stated)"
    ABOUT = "about", "about"
    NEARLY = "nearly", "nearly"
    MORE_THAN = "more-than", "more than"
    WELL_OVER = "well-over", "well over"


class StatisticQuerySet(SearchableQuerySet):
    search_title_field = "statement"
    search_fields = ("statement", "period")

    def headline(self):
        return self.filter(is_headline=True).select_related("source__cited_in")

    def with_sources(self):
        """Every figure in the editors' order, with its source (one query)."""
        return self.select_related("source__cited_in").order_by("position", "slug")


class Statistic(models.Model):
    """A figure about the field as a whole, e.g. the share of graduates in work in six months."""

    Qualifier = Hedge

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


class SalaryFactorQuerySet(SearchableQuerySet):
    search_title_field = "name"
    search_fields = ("name", "summary", "explanation", "figure_statement")

    def for_page(self):
        """Every factor in order, with its source (one query)."""
        return self.select_related("source__cited_in").order_by("position", "name")


class SalaryFactor(models.Model):
    """One reason pay varies (industry, experience, location…), with the figure the
    source gives for it, if any."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "percent (%)"
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
        choices=Hedge,
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


class GuideEntryQuerySet(SearchableQuerySet):
    search_fields = ("title", "body")

    def next_steps(self):
        return self.filter(kind=GuideEntry.Kind.NEXT_STEP)

    def questions(self):
        return self.filter(kind=GuideEntry.Kind.QUESTION)

    def for_page(self):
        """Entries in the order editors set, with their sources (one query)."""
        return self.select_related("source__cited_in").order_by("position", "title")


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
