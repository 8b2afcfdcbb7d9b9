"""Roles by official pay: the role queryset's methods that read BLS estimates (mixed
into careers.models.roles.RoleQuerySet)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import models
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import RowNumber

from careers.official.models import RoleOccupation, WageEstimate
from careers.official.places import ALL_OWNERSHIPS, CROSS_INDUSTRY, Area
from careers.tile_map import StateFigure, tile_map


class OfficialMedianQuerySet(models.QuerySet):
    """Role queries by official pay: mixed into the roles' queryset."""

    def with_official_median(self, area=None):
        """Annotate each role with its first official occupation's newest median, national
        or in `area` (an Area) across all industries: `official_median` (dollars a year,
        None when there is none), `official_median_top_coded`, `official_occupation` (its
        title) and `official_area` (the area's title; None for the national figure); and
        the spread its bar draws: `official_p10`, `official_p90`, `official_p90_top_coded`.
        Annotating again with another area replaces the figures, so the sort follows."""
        first_link = RoleOccupation.objects.filter(role=OuterRef(OuterRef("pk"))).order_by(
            "position", "occupation__code"
        )
        estimates = (
            WageEstimate.objects.national()
            if area is None
            else WageEstimate.objects.cross_industry().filter(area=area)
        )
        # Through the role's link rather than "occupation = (its first link's)": so the
        # planner starts from the role's links and reads only their estimates (by index)
        # instead of every national estimate, which took seconds at 10,000 roles.
        newest = estimates.filter(
            occupation__role_links__role=OuterRef("pk"),
            occupation__role_links__pk=Subquery(first_link.values("pk")[:1]),
        ).order_by("-release__reference_month")
        return self.annotate(
            official_median=Subquery(newest.values("annual_median")[:1]),
            official_median_top_coded=Subquery(newest.values("annual_median_top_coded")[:1]),
            official_occupation=Subquery(newest.values("occupation__title")[:1]),
            official_p10=Subquery(newest.values("annual_p10")[:1]),
            official_p90=Subquery(newest.values("annual_p90")[:1]),
            official_p90_top_coded=Subquery(newest.values("annual_p90_top_coded")[:1]),
            official_area=Value(area.title if area else None, output_field=CharField()),
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


# An area's figure across every industry and owner (WageEstimateQuerySet.cross_industry).
CROSS_INDUSTRY_FIGURES = Q(industry__naics=CROSS_INDUSTRY, industry__ownership=ALL_OWNERSHIPS)

# The metropolitan areas a role page lists, best paid first; the rest are a link away.
TOP_METROS = 10


@dataclass(frozen=True)
class SortColumn:
    """A column a visitor may sort a table of areas by: its label, the value it reads
    and the way it sorts (the figures highest first, names A to Z)."""

    key: str
    label: str
    field: str
    descending: bool = True

    def ordering(self):
        if not self.descending:
            return [self.field]
        return [F(self.field).desc(nulls_last=True), "area__title"]

    def sort_key(self, estimate):
        """The same order in Python, for the few rows already fetched (top metros)."""
        value = (
            estimate.area.title if self.field == "area__title" else getattr(estimate, self.field)
        )
        missing = value is None
        if self.descending:
            return (missing, -(value or 0), estimate.area.title)
        return (missing, value)


SORT_COLUMNS = {
    column.key: column
    for column in (
        SortColumn("name", "Area", "area__title", descending=False),
        SortColumn("median", "Median", "annual_median"),
        SortColumn("employment", "Employed", "employment"),
        SortColumn("concentration", "Concentration", "location_quotient"),
    )
}


def sort_column(key, default):
    """The column `key` names, or `default`'s for anything else a link may carry."""
    return SORT_COLUMNS.get(key) or SORT_COLUMNS[default]


def ranking_metros(estimates):
    """`estimates` with `metro_rank`: 1 for the best paid of those of the same
    occupation, industry and kind of area, 2 for the next (by median, then area title),
    so that a filter on it keeps the best-paid few metropolitan areas in the database."""
    return estimates.annotate(
        metro_rank=Window(
            RowNumber(),
            partition_by=[F("occupation"), F("industry"), F("area__kind")],
            order_by=[F("annual_median").desc(nulls_last=True), F("area__title")],
        )
    )


@dataclass(frozen=True)
class PayByLocation:
    """A role's pay where people live: its first official occupation's newest median
    in every state (a tile map and a table) and in the best-paid metropolitan areas,
    each table in the order the visitor chose."""

    occupation: object
    states: list  # WageEstimate, in states_by order
    top_metros: list  # WageEstimate: the TOP_METROS best paid, in metros_by order
    map: object  # careers.tile_map.TileMap
    states_by: SortColumn
    metros_by: SortColumn

    @classmethod
    def for_role(cls, role, states_by="name", metros_by="median"):
        """From a role of RoleQuerySet.for_detail(); None when it links no occupation.
        One query, whatever the number of areas (careers.official.role_page_pay reads
        these estimates with the page's others)."""
        links = list(role.occupation_links.all())
        if not links:
            return None
        occupation = links[0].occupation
        estimates = (
            ranking_metros(WageEstimate.objects.latest())
            .filter(cls.wanted(occupation))
            .select_related("area", "release")
        )
        return cls.from_estimates(occupation, estimates, states_by, metros_by)

    @staticmethod
    def wanted(occupation):
        """Which of ranking_metros(WageEstimate.objects.latest()) the tables show: the
        occupation's figure in every state and territory and in the TOP_METROS
        best-paid metropolitan areas."""
        local = Q(occupation=occupation) & CROSS_INDUSTRY_FIGURES
        states = Q(area__kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY])
        top_metros = Q(
            area__kind=Area.Kind.METROPOLITAN,
            annual_median__isnull=False,
            metro_rank__lte=TOP_METROS,
        )
        return local & (states | top_metros)

    @classmethod
    def from_estimates(cls, occupation, estimates, states_by="name", metros_by="median"):
        """From the estimates `wanted` selects (with area and release), in any order."""
        states_by, metros_by = sort_column(states_by, "name"), sort_column(metros_by, "median")
        states, metros = [], []
        for estimate in estimates:
            kind = estimate.area.kind
            (metros if kind == Area.Kind.METROPOLITAN else states).append(estimate)
        states.sort(key=states_by.sort_key)
        metros.sort(key=metros_by.sort_key)
        figures = {
            estimate.area.states: StateFigure(
                estimate.annual_median,
                estimate.annual_median_top_coded,
                url=estimate.area.get_absolute_url(),
            )
            for estimate in states
        }
        return cls(occupation, states, metros, tile_map(figures), states_by, metros_by)

    def headers(self, table):
        """The columns of `table` ("states" or "metros") with the link that sorts by each
        (keeping the other table's order) and whether it is the current order."""
        current = self.states_by if table == "states" else self.metros_by
        other = (
            ("metros_by", self.metros_by.key)
            if table == "states"
            else (
                "states_by",
                self.states_by.key,
            )
        )
        name = "State" if table == "states" else "Metropolitan area"
        return [
            {
                "label": name if column.key == "name" else column.label,
                "query": urlencode([(f"{table}_by", column.key), other]),
                "anchor": f"{table}-pay-table",
                "sorted": None
                if column.key != current.key
                else ("descending" if column.descending else "ascending"),
            }
            for column in SORT_COLUMNS.values()
        ]

    @property
    def state_headers(self):
        return self.headers("states")

    @property
    def metro_headers(self):
        return self.headers("metros")
