"""Pay where people live and work: what the official occupations behind the guide's
roles earn in one area (a state, a territory, a metropolitan or nonmetropolitan area),
beside what they earn nationally; the page at /places/<slug>/."""

from dataclasses import dataclass

from django.db.models import F

from careers.official import named_roles
from careers.official.models import WageEstimate, latest_estimates
from careers.official.places import Area

STATE_KINDS = (Area.Kind.STATE, Area.Kind.TERRITORY)


@dataclass(frozen=True)
class PlacePay:
    """An area's estimates for the occupations linked to published roles, best-paid
    first, each with its national estimate (`estimate.occupation.latest_estimate`) and
    the first of its published roles and their count (`estimate.named_roles`,
    `estimate.role_count`: careers.official.named_roles); and the places around it: the
    state a smaller area lies in, or the smaller areas in a state."""

    area: Area
    estimates: list  # WageEstimate, highest median here first
    state: Area | None  # the state (or territory) a smaller area lies in
    areas_within: list  # Area, for a state: its metropolitan and nonmetropolitan areas

    @classmethod
    def for_area(cls, area):
        """Four queries, whatever the number of areas, roles or occupations."""
        estimates = named_roles.attach(
            WageEstimate.objects.cross_industry()
            .latest()
            .of_published_roles()
            .filter(area=area)
            .annotate(**named_roles.published_roles_named("occupation"))
            .select_related("occupation", "release__source__cited_in")
            .prefetch_related(latest_estimates("occupation__wage_estimates"))
            .order_by(F("annual_median").desc(nulls_last=True), "occupation__title")
        )
        state, areas_within = None, []
        if area.kind in STATE_KINDS and area.states:
            areas_within = list(
                Area.objects.local()
                .exclude(kind__in=STATE_KINDS)
                .matching(area.states)
                .where_roles_work()
                .order_by("kind", "title")
            )
        elif area.states:
            primary = area.states.split("-")[0]
            state = Area.objects.filter(kind__in=STATE_KINDS, states=primary).first()
        return cls(area, estimates, state, areas_within)

    @property
    def releases(self):
        """The releases the figures here come from, newest first (one, as a rule)."""
        releases = {estimate.release_id: estimate.release for estimate in self.estimates}
        return sorted(releases.values(), key=lambda release: release.reference_month, reverse=True)

    @property
    def metropolitan_areas_within(self):
        return [area for area in self.areas_within if area.kind == Area.Kind.METROPOLITAN]

    @property
    def nonmetropolitan_areas_within(self):
        return [area for area in self.areas_within if area.kind == Area.Kind.NONMETROPOLITAN]
