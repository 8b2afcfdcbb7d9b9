"""Figures over a set of roles, each in one aggregate query or riding on the roles'
own query: the scale every salary bar is drawn on, and how many roles each track holds
(mixed into careers.models.roles.RoleQuerySet, which gives published())."""

from django.db import models
from django.db.models import Count, F, Max, Q, Subquery
from django.db.models.functions import Coalesce

from careers.charts import SalaryScale
from careers.official.models import PERCENTILE_FIELDS, RoleOccupation, WageEstimate

# The highest of a role's article figures: high ≥ median ≥ low (the database enforces it).
ARTICLE_TOP = Coalesce("salary_high", "salary_median", "salary_low")


def top_official(roles):
    """A subquery: the highest national figure of the occupations `roles` link.

    Uncorrelated, over the national estimates of those occupations (a join from every
    role to every estimate of its occupations, in every area, took seconds at 10,000
    roles). The percentiles rise (the database enforces it), so the highest known
    figure of an estimate is the first of them that is set."""
    occupations = RoleOccupation.objects.filter(role__in=roles.values("pk")).values("occupation")
    return Subquery(
        WageEstimate.objects.national()
        .filter(occupation__in=occupations)
        .annotate(figure=Coalesce(*reversed(PERCENTILE_FIELDS)))
        .order_by(F("figure").desc(nulls_last=True))
        .values("figure")[:1]
    )


def scale_up_to(*figures):
    return SalaryScale.up_to(max((f for f in figures if f is not None), default=None))


def site_scale_of(role):
    """site_salary_scale(), from a role of with_site_salary_scale()."""
    return scale_up_to(role.site_article_top, role.site_official_top)


class RoleTotalsQuerySet(models.QuerySet):
    def salary_scale(self):
        """One scale for every salary bar on a page: US$0 to the highest figure among
        these roles and their official occupations' estimates, rounded up to a round
        number; None when there is no figure at all. One aggregate query, whatever the
        number of roles."""
        return self._salary_scale_from(self.aggregate(**self._salary_scale_figures()))

    def site_salary_scale(self):
        """The scale every page draws its salary bars on: that of all published roles,
        so a bar means the same on the directory, a role page or the compare table."""
        return self.published().salary_scale()

    def with_site_salary_scale(self):
        """Annotate each role with site_salary_scale()'s figures (`site_article_top`,
        `site_official_top`), for a page that shows a few roles to read the scale with
        them rather than in a query of its own: site_scale_of(role) draws it."""
        published = self.model.objects.published()
        article = (
            published.annotate(figure=ARTICLE_TOP)
            .order_by(F("figure").desc(nulls_last=True))
            .values("figure")[:1]
        )
        return self.annotate(
            site_article_top=Subquery(article), site_official_top=top_official(published)
        )

    def counts_by_track(self):
        """How many of these roles are in each track, in one query: [(value, label, count)…].
        (Counts by the article's lists: ArticleListing.objects.with_published_role_counts().)"""
        return self._tracks_from(self.aggregate(**self._track_counts()))

    def counts_by_track_and_salary_scale(self):
        """(counts_by_track(), salary_scale()) of these roles, in one aggregate query: the
        home page's counts, and the scale its role cards are drawn on."""
        figures = self.aggregate(**self._track_counts(), **self._salary_scale_figures())
        return self._tracks_from(figures), self._salary_scale_from(figures)

    def _salary_scale_figures(self):
        return {"scale_article": Max(ARTICLE_TOP), "scale_official": Max(top_official(self))}

    @staticmethod
    def _salary_scale_from(figures):
        return scale_up_to(figures["scale_article"], figures["scale_official"])

    def _track_counts(self):
        return {f"track_{value}": Count("pk", filter=Q(track=value)) for value in self.model.Track}

    def _tracks_from(self, counts):
        return [
            (value, label, counts[f"track_{value}"]) for value, label in self.model.Track.choices
        ]
