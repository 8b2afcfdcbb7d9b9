"""Pay by industry: what BLS publishes for an occupation in each national industry. A
role's page lists the industries that employ most of its occupation (PayByIndustry);
an industry's page shows its roles' pay in the NAICS industries it is mapped to
(IndustryPay, through `Industry.official_industries`)."""

import functools
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber

from careers.models.roles import OFFICIAL_INDUSTRY_FIELDS
from careers.official import named_roles
from careers.official.models import RoleOccupation, WageEstimate
from careers.official.places import ALL_OWNERSHIPS, CROSS_INDUSTRY, Area, NaicsIndustry

# A role page lists this many industries (those employing the most of its occupation),
# and every industry the guide names for the role besides; BLS publishes hundreds.
TOP_INDUSTRIES = 12

# BLS publishes each industry at up to five nested levels (sector 54 ⊃ 541000 ⊃ 541500 ⊃
# 541510) and counts the same jobs at each, so a list mixing levels would set a sector
# beside its own parts. A role page compares the 4-digit industry groups: their names say
# what the employer does ("Software Publishers", "Computer Systems Design and Related
# Services") and together they cover nearly every part of the economy. Where BLS
# publishes no 4-digit group of a subsector for the occupation, the 3-digit subsector
# stands in for it (Securities, Commodity Contracts…). Sectors are too coarse to tell
# industries apart; 5-digit industries are few, small and inside the groups.
COMPARED_LEVELS = (NaicsIndustry.Level.THREE_DIGIT, NaicsIndustry.Level.FOUR_DIGIT)


@functools.cache
def naics_prefixes(naics):
    """What the codes of an industry's parts begin with: "541000" → ("541",),
    "541500" → ("5415",), the sector "31-33" → ("31", "32", "33"); one of BLS's own
    groupings ("3250A1", "611002") is only itself."""
    if "-" in naics:
        first, last = naics.split("-")
        return tuple(str(code) for code in range(int(first), int(last) + 1))
    return (naics.rstrip("0") or naics,)


def overlaps_any(naics, others):
    """Whether the industry coded `naics` contains, or lies in, or is any of those
    coded `others`: whether a code of its parts begins with one of theirs, or the
    reverse ("541500" lies in the sector "54", and contains "541511")."""
    theirs = {prefix for other in others for prefix in naics_prefixes(other)}
    return any(
        mine.startswith(prefix) or prefix.startswith(mine)
        for mine in naics_prefixes(naics)
        for prefix in theirs
    )


def splits_by_owner(naics):
    """BLS's codes for schools and hospitals of one kind of owner ("611002": state-owned
    educational services) cut across the industry groups beside them: left out of lists."""
    return naics.isdigit() and naics[3:5] == "00" and naics[5] != "0"


def comparable(estimates):
    """Of an occupation's estimates by industry, those a list can set side by side
    without counting a job twice (see COMPARED_LEVELS)."""
    groups = [
        estimate
        for estimate in estimates
        if estimate.industry.level == NaicsIndustry.Level.FOUR_DIGIT
        and not splits_by_owner(estimate.industry.naics)
    ]
    subsectors_with_groups = {estimate.industry.naics[:3] for estimate in groups}
    subsectors = [
        estimate
        for estimate in estimates
        if estimate.industry.level == NaicsIndustry.Level.THREE_DIGIT
        and estimate.industry.naics[:3] not in subsectors_with_groups
    ]
    return groups + subsectors


def highest_median_first(estimate):
    return (estimate.annual_median is None, -(estimate.annual_median or 0), estimate.industry.title)


def most_employed_first(estimate):
    employment = estimate.employment
    return (employment is None, -(employment or 0), *highest_median_first(estimate))


def newest_release(estimates):
    """The release the source line names: that of the newest estimate shown."""
    releases = [estimate.release for estimate in estimates if estimate is not None]
    return max(releases, key=lambda release: release.reference_month, default=None)


@dataclass(frozen=True)
class IndustryRow:
    """One industry on a role page: the estimate, and the guide's industries (of the
    role's) that are mapped to it, when the guide names it."""

    estimate: WageEstimate
    named_in: tuple = ()


@dataclass(frozen=True)
class PayByIndustry:
    """A role's pay by industry: its first official occupation's newest national
    estimates in the industries employing the most of it, and in every industry the guide
    names for the role (its industries' official ones), best paid first."""

    occupation: object
    rows: list  # IndustryRow, highest median first
    left_out: int  # comparable industries BLS publishes that the list leaves out
    unpublished: list  # (NaicsIndustry, [Industry]): named, but BLS publishes no figure
    release: object | None

    @classmethod
    def for_role(cls, role):
        """From a role of RoleQuerySet.for_detail(); None when it links no occupation.
        One query, whatever the number of industries (careers.official.role_page_pay
        reads these estimates with the page's others)."""
        links = list(role.occupation_links.all())
        if not links:
            return None
        occupation = links[0].occupation
        named = named_for(role)
        estimates = (
            WageEstimate.objects.latest()
            .filter(cls.wanted(occupation, named))
            .select_related("industry", "release__source__cited_in")
        )
        return cls.from_estimates(occupation, estimates, named)

    @staticmethod
    def wanted(occupation, named):
        """Which of WageEstimate.objects.latest() the list chooses from: the occupation's
        national figures in the industries of COMPARED_LEVELS and in those `named`
        (named_for's keys)."""
        return (
            Q(occupation=occupation, area__kind=Area.Kind.NATIONAL)
            & ~Q(industry__naics=CROSS_INDUSTRY, industry__ownership=ALL_OWNERSHIPS)
            & (Q(industry__level__in=COMPARED_LEVELS) | Q(industry__in=list(named)))
        )

    @classmethod
    def from_estimates(cls, occupation, estimates, named):
        """From the estimates `wanted` selects (with industry and release), any order."""
        estimates = list(estimates)
        named_estimates = [estimate for estimate in estimates if estimate.industry_id in named]
        named_codes = [estimate.industry.naics for estimate in named_estimates]
        others = [
            estimate
            for estimate in comparable(
                [e for e in estimates if e.industry_id not in named and e.annual_median is not None]
            )
            if not overlaps_any(estimate.industry.naics, named_codes)
        ]
        top = sorted(named_estimates + others, key=most_employed_first)[:TOP_INDUSTRIES]
        shown = {estimate.pk: estimate for estimate in [*top, *named_estimates]}.values()
        shown = sorted(shown, key=highest_median_first)
        published = {estimate.industry_id for estimate in named_estimates}
        naming = {key: tuple(industries) for key, (_, industries) in named.items()}
        return cls(
            occupation=occupation,
            rows=[IndustryRow(e, naming.get(e.industry_id, ())) for e in shown],
            left_out=len(named_estimates) + len(others) - len(shown),
            unpublished=[pair for key, pair in named.items() if key not in published],
            release=newest_release(shown),
        )


def named_for(role):
    """{NaicsIndustry pk: (NaicsIndustry, [the role's Industry records mapped to it])}, by
    code, from the industries RoleQuerySet.for_detail() reads with the official ones they
    count (careers.models.roles.industries_with_official_ones): no query."""
    pairs = [industry for industry in role.industry_mappings if industry.official_id is not None]
    named = {}
    # A stable sort of pairs read by industry name: by code, then by name.
    for industry in sorted(pairs, key=lambda pair: pair.official_naics):
        official = NaicsIndustry(
            **{name: getattr(industry, f"official_{name}") for name in OFFICIAL_INDUSTRY_FIELDS}
        )
        named.setdefault(official.pk, (official, []))[1].append(industry)
    return named


def first_links_of_published_roles(industry):
    """The links through which the industry's published roles count by their first
    official occupation (lowest position, then code): one per role."""
    first = RoleOccupation.objects.filter(role=OuterRef("role")).order_by(
        "position", "occupation__code"
    )
    # Through the industry's roles (a subquery), not from every link to see whose role
    # is in it: SQLite starts from the industry's few hundred roles then.
    roles = industry.roles.filter(is_published=True).values("pk")
    return RoleOccupation.objects.filter(role__in=roles, pk=Subquery(first.values("pk")[:1]))


@dataclass(frozen=True)
class OccupationPay:
    """One official occupation on an industry's page: how many of the industry's
    published roles it is the closest to, the first of them (named_roles.ROLES_NAMED,
    the longest in the guide, by title), its national figure across all industries, and
    its figures in the industry's official industries."""

    occupation: object
    roles: list  # the first named_roles.ROLES_NAMED, by title
    role_count: int
    national: WageEstimate | None
    estimates: list  # highest median first


@dataclass(frozen=True)
class IndustryPay:
    """The official pay of an industry's published roles in the NAICS industries the
    industry is mapped to, each against its national figure in all industries: by each
    role's first official occupation, so roles sharing one share its table."""

    official_industries: list  # NaicsIndustry, by code
    occupations: list  # OccupationPay with a figure in at least one of them
    unpublished: list  # OccupationPay that BLS publishes no figure for there
    release: object | None

    @classmethod
    def for_industry(cls, industry):
        """Three queries, whatever the number of roles and official industries. Each
        occupation's roles are ranked and counted in the database and only the first
        few read: reading them all built 700 roles, at 10,000, to name eight apiece."""
        official = list(industry.official_industries.all())
        links = (
            first_links_of_published_roles(industry)
            .annotate(
                rank=Window(RowNumber(), partition_by="occupation", order_by="role_id"),
                role_count=Window(Count("pk"), partition_by="occupation"),
            )
            .filter(rank__lte=named_roles.ROLES_NAMED)
            .select_related("role", "occupation")
            .order_by("role__title")
        )
        roles_by_occupation, role_counts = {}, {}
        for link in links:
            roles_by_occupation.setdefault(link.occupation, []).append(link.role)
            role_counts[link.occupation] = link.role_count
        if not official or not roles_by_occupation:
            return cls(official, [], [], None)
        estimates = (
            WageEstimate.objects.filter(area__kind=Area.Kind.NATIONAL)
            .filter(
                Q(industry__in=official)
                | Q(industry__naics=CROSS_INDUSTRY, industry__ownership=ALL_OWNERSHIPS)
            )
            .latest()
            .filter(occupation__in=list(roles_by_occupation))
            # The release's source too: the table's source line cites it.
            .select_related("industry", "release__source")
            .order_by(F("annual_median").desc(nulls_last=True), "industry__title")
        )
        national, by_industry = {}, {}
        for estimate in estimates:
            if estimate.industry.is_cross_industry:
                national[estimate.occupation_id] = estimate
            else:
                by_industry.setdefault(estimate.occupation_id, []).append(estimate)
        pay = [
            OccupationPay(
                occupation,
                roles,
                role_counts[occupation],
                national.get(occupation.pk),
                by_industry.get(occupation.pk, []),
            )
            for occupation, roles in sorted(
                roles_by_occupation.items(), key=lambda item: item[0].title
            )
        ]
        shown = [
            estimate
            for each in pay
            if each.estimates
            for estimate in [each.national, *each.estimates]
        ]
        return cls(
            official_industries=official,
            occupations=[each for each in pay if each.estimates],
            unpublished=[each for each in pay if not each.estimates],
            release=newest_release(shown),
        )
