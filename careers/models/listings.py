"""The article's lists of roles: entry-level jobs, roles to grow into, careers that need
further study and so on. One role can sit in several lists, as it does in the article."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models.catalogue import Source
from careers.models.natural_keys import SlugNaturalKeyManager

# The slug of the article's list of entry-level jobs, for links such as the guide's.
ENTRY_LISTING = "entry"


class ArticleListingQuerySet(models.QuerySet):
    def with_published_role_counts(self):
        """Each listing with `role_count`, its published roles, in one query."""
        return self.annotate(
            role_count=Count("roles", filter=Q(roles__is_published=True), distinct=True)
        )

    def with_source(self):
        return self.select_related("source")


class ArticleListing(models.Model):
    """One list in which the source article names roles, in our own words."""

    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in directory links (“/roles/?stage=entry”); changing it breaks them.",
    )
    title = models.CharField(
        max_length=100, unique=True, help_text="Our own words, not the article’s."
    )
    note = models.CharField(
        max_length=250,
        blank=True,
        help_text="One sentence, in our own words, on who the list suits.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first: in the directory filter and as map columns."
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="listings",
        help_text="Where the list comes from.",
    )
    roles = models.ManyToManyField(
        "Role",
        related_name="listings",
        blank=True,
        help_text="The roles the source names in this list.",
    )

    objects = SlugNaturalKeyManager.from_queryset(ArticleListingQuerySet)()
    history = HistoricalRecords(m2m_fields=[roles])

    class Meta:
        ordering = ["position", "title"]
        verbose_name = "article listing"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('careers:role-list')}?stage={self.slug}"

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["careers.source", "careers.role"]
