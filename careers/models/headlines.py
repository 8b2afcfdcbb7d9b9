"""The article's headline content as curated records: the field's overall salary range,
the key things to know, and graduates' own words. Editors change them in the admin;
each names the source it comes from."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models.catalogue import Source
from careers.models.editorial import Hedge
from careers.models.natural_keys import SlugNaturalKeyManager
from careers.models.searching import SearchableQuerySet


class HeadlineQuerySet(SearchableQuerySet):
    def for_page(self):
        """Every row in the editors' order, with its source (one query)."""
        return self.select_related("source__cited_in").order_by("position", "slug")


class FieldSalaryRangeQuerySet(HeadlineQuerySet):
    search_title_field = "statement"
    search_fields = ("statement",)


class FieldSalaryRange(models.Model):
    """Typical annual pay across the whole field, as the source states it, e.g.
    "from $90,000 to well over $200,000": only the figures the source gives, with the
    words it hedges them in, never more precise than it is."""

    Qualifier = Hedge

    slug = models.SlugField(max_length=80, unique=True)
    statement = models.CharField(
        max_length=200,
        help_text=(
            "What the range covers, in our own words; it completes “$90,000 to well over "
            "$200,000 a year: …”, so start in lower case."
        ),
    )
    low = models.PositiveIntegerField("from (US$ a year)")
    low_qualifier = models.CharField(
        "how the source hedges the lower figure", max_length=10, choices=Qualifier, blank=True
    )
    high = models.PositiveIntegerField("to (US$ a year)")
    high_qualifier = models.CharField(
        "how the source hedges the upper figure",
        max_length=10,
        choices=Qualifier,
        blank=True,
        help_text="E.g. “well over” when the source says “to well over $200,000”.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="field_salary_ranges")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugNaturalKeyManager.from_queryset(FieldSalaryRangeQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = "salary range for the field"
        verbose_name_plural = "salary ranges for the field"
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=F("high")),
                name="field_salary_range_in_order",
                violation_error_message="The upper figure cannot be below the lower one.",
            ),
        ]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        return reverse("careers:salary-factors") + f"#{self.slug}"

    def natural_key(self):
        return (self.slug,)


class KeyPointQuerySet(HeadlineQuerySet):
    search_fields = ("title", "body")


class KeyPoint(models.Model):
    """One of the key things to know about the field, in our own words, with the source
    it rests on."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120, help_text="A few words that sum the point up.")
    body = models.CharField(
        max_length=300, help_text="The point in a sentence or two of our own words."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="key_points")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugNaturalKeyManager.from_queryset(KeyPointQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = "key point"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:home") + f"#{self.slug}"

    def natural_key(self):
        return (self.slug,)


class GraduateQuoteQuerySet(HeadlineQuerySet):
    search_title_field = "attribution"
    search_fields = ("attribution", "text", "context")


class GraduateQuote(models.Model):
    """A graduate's words, quoted exactly as the source gives them and attributed as it
    attributes them; the only text on the site that is not in our own words."""

    slug = models.SlugField(max_length=80, unique=True)
    text = models.TextField(
        max_length=600,
        help_text=(
            "Word for word as the source prints it, without the quotation marks: "
            "never shortened, corrected or reworded."
        ),
    )
    attribution = models.CharField(
        max_length=150,
        help_text=(
            "Who said it, exactly as the source says: a name it gives, or e.g. “A "
            "professional with a degree in machine learning”. Never a name it does not give."
        ),
    )
    context = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional, in our own words: what they were talking about.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugNaturalKeyManager.from_queryset(GraduateQuoteQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = "graduate’s quote"
        verbose_name_plural = "graduates’ quotes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") & ~Q(attribution=""),
                name="graduate_quote_has_words_and_speaker",
                violation_error_message="A quote needs its words and who said them.",
            ),
        ]

    def __str__(self):
        return f"{self.attribution}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("careers:guide") + f"#{self.slug}"

    def natural_key(self):
        return (self.slug,)
