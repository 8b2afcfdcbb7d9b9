"""Every BLS figure a role page shows, read in one query: each official occupation's
national figure, and its first one's by location and by industry."""

from dataclasses import dataclass

from django.db.models import Q

from careers import site_figures
from careers.official.industry_pay import PayByIndustry, named_for
from careers.official.models import WageEstimate
from careers.official.places import Area
from careers.official.role_pay import CROSS_INDUSTRY_FIGURES, PayByLocation, ranking_metros


@dataclass(frozen=True)
class RolePagePay:
    """A role page's official pay: its occupations' newest national estimates (set on
    them, as OccupationQuerySet.with_latest_estimates() would) and the tables by
    location and by industry (None when the role links no occupation)."""

    by_location: PayByLocation | None
    by_industry: PayByIndustry | None

    @classmethod
    def for_role(cls, role, states_by="name", metros_by="median"):
        """From a role of RoleQuerySet.for_detail() (which reads the guide's industries
        with their official ones): one query for every estimate, whatever the number of
        areas and industries."""
        links = list(role.occupation_links.all())
        if not links:
            return cls(None, None)
        first = links[0].occupation
        named = named_for(role)
        national = Q(
            occupation__in=[link.occupation_id for link in links], area__kind=Area.Kind.NATIONAL
        )
        estimates = (
            ranking_metros(WageEstimate.objects.latest().filter(Q(occupation=first) | national))
            .filter(
                (national & CROSS_INDUSTRY_FIGURES)
                | PayByLocation.wanted(first)
                | PayByIndustry.wanted(first, named)
            )
            .select_related("area", "industry")
        )
        newest, local, by_industry = {}, [], []
        for estimate in site_figures.attach_releases(estimates):
            if estimate.area.kind != Area.Kind.NATIONAL:
                local.append(estimate)
            elif estimate.industry.is_cross_industry:
                newest[estimate.occupation_id] = [estimate]
            else:
                by_industry.append(estimate)
        for link in links:
            link.occupation.latest_estimates = newest.get(link.occupation_id, [])
        return cls(
            PayByLocation.from_estimates(first, local, states_by, metros_by),
            PayByIndustry.from_estimates(first, by_industry, named),
        )
