"""Figures over a set of roles, each in one aggregate query: the scale every salary bar
is drawn on, and how many roles each track holds."""

from django.db import models
from django.db.models import Count, F, Max, Q, Subquery
from django.db.models.functions import Coalesce

from careers.charts import SalaryScale
from careers.official.models import PERCENTILE_FIELDS, RoleOccupation, WageEstimate


class RoleTotalsQuerySet(models.QuerySet):
    """Mixed into RoleQuerySet (which gives published())."""

    def salary_scale(self):
        """One scale for every salary bar on a page: US$0 to the highest figure among
        these roles and their official occupations' estimates, rounded up to a round
        number; None when there is no figure at all.

        One aggregate query, whatever the number of roles: the official figures are read
        by an uncorrelated subquery over the national estimates of the occupations these
        roles link (a join from every role to every estimate of its occupations, in
        every area, took seconds at 10,000 roles). High ≥ median ≥ low and the
        percentiles rise (the database enforces both), so the highest known figure is
        the first of them that is set.
        """
        return self._salary_scale_from(self.aggregate(**self._salary_scale_figures()))

    def _salary_scale_figures(self):
        """salary_scale()'s aggregates: the highest article and official figures."""
        occupations = RoleOccupation.objects.filter(role__in=self.values("pk")).values("occupation")
        top_official = (
            WageEstimate.objects.national()
            .filter(occupation__in=occupations)
            .annotate(figure=Coalesce(*reversed(PERCENTILE_FIELDS)))
            .order_by(F("figure").desc(nulls_last=True))
            .values("figure")[:1]
        )
        return {
            "scale_article": Max(Coalesce("salary_high", "salary_median", "salary_low")),
            "scale_official": Max(Subquery(top_official)),
        }

    @staticmethod
    def _salary_scale_from(figures):
        found = (figures["scale_article"], figures["scale_official"])
        return SalaryScale.up_to(max((f for f in found if f is not None), default=None))

    def site_salary_scale(self):
        """The scale every page draws its salary bars on: that of all published roles,
        so a bar means the same on the directory, a role page or the compare table."""
        return self.published().salary_scale()

    def counts_by_track(self):
        """How many of these roles are in each track, in one query: [(value, label, count)…].
        (Counts by the article's lists: ArticleListing.objects.with_published_role_counts().)"""
        return self._tracks_from(self.aggregate(**self._track_counts()))

    def counts_by_track_and_salary_scale(self):
        """(counts_by_track(), salary_scale()) of these roles, in one aggregate query: the
        home page's counts, and the scale its role cards are drawn on."""
        figures = self.aggregate(**self._track_counts(), **self._salary_scale_figures())
        return self._tracks_from(figures), self._salary_scale_from(figures)

    def _track_counts(self):
        return {f"track_{value}": Count("pk", filter=Q(track=value)) for value in self.model.Track}

    def _tracks_from(self, counts):
        return [
            (value, label, counts[f"track_{value}"]) for value, label in self.model.Track.choices
        ]
