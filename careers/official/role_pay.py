"""Roles by official pay: the role queryset's methods that read BLS estimates (mixed
into careers.models.roles.RoleQuerySet)."""

from dataclasses import dataclass

from django.db import models
from django.db.models import F, OuterRef, Subquery

from careers.official.models import RoleOccupation, WageEstimate
from careers.official.places import Area
from careers.tile_map import StateFigure, tile_map


class OfficialMedianQuerySet(models.QuerySet):
    """Role queries by official pay: mixed into the roles' queryset."""

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


# The metropolitan areas a role page lists, best paid first; the rest are a link away.
TOP_METROS = 10


@dataclass(frozen=True)
class PayByLocation:
    """A role's pay where people live: its first official occupation's newest median
    in every state (as a tile map) and in the best-paid metropolitan areas."""

    occupation: object
    states: list  # WageEstimate, by state name
    top_metros: list  # WageEstimate, highest median first
    map: object  # careers.tile_map.TileMap

    @classmethod
    def for_role(cls, role):
        """From a role of RoleQuerySet.for_detail(); None when it links no occupation.
        Two queries, whatever the number of areas."""
        links = list(role.occupation_links.all())
        if not links:
            return None
        occupation = links[0].occupation
        local = (
            WageEstimate.objects.local()
            .latest()
            .filter(occupation=occupation)
            .select_related("area", "release")
        )
        states = list(
            local.filter(area__kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY]).order_by(
                "area__title"
            )
        )
        top_metros = list(
            local.filter(area__kind=Area.Kind.METROPOLITAN, annual_median__isnull=False).order_by(
                F("annual_median").desc(), "area__title"
            )[:TOP_METROS]
        )
        figures = {
            estimate.area.states: StateFigure(
                estimate.annual_median,
                estimate.annual_median_top_coded,
                url=estimate.area.get_absolute_url(),
            )
            for estimate in states
        }
        return cls(occupation, states, top_metros, tile_map(figures))
