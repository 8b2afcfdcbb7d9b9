"""Figures over a set of roles, each in one aggregate query: the scale every salary bar
is drawn on, and how many roles each track holds (mixed into
careers.models.roles.RoleQuerySet, which gives published()). careers.site_figures keeps
the site's per content version."""

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


class RoleTotalsQuerySet(models.QuerySet):
    def salary_scale(self):
        """One scale for every salary bar on a page: US$0 to the highest figure among
        these roles and their official occupations' estimates, rounded up to a round
        number; None when there is no figure at all. One aggregate query, whatever the
        number of roles."""
        figures = self.aggregate(article=Max(ARTICLE_TOP), official=Max(top_official(self)))
        return scale_up_to(figures["article"], figures["official"])

    def site_salary_scale(self):
        """The scale every page draws its salary bars on: that of all published roles,
        so a bar means the same on the directory, a role page or the compare table."""
        return self.published().salary_scale()

    def counts_by_track(self):
        """How many of these roles are in each track, in one query: [(value, label, count)…].
        (Counts by the article's lists: ArticleListing.objects.with_published_role_counts().)"""
        tracks = self.model.Track
        counts = self.aggregate(
            **{f"track_{value}": Count("pk", filter=Q(track=value)) for value in tracks}
        )
        return [(value, label, counts[f"track_{value}"]) for value, label in tracks.choices]
