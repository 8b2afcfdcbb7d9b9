"""Roles side by side, for the compare page."""

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from careers.directory_choices import AREA, option_rows
from careers.models import Area, Role, WageEstimate
from careers.official.places import group_area_choices
from careers.site_figures import site_salary_scale

COMPARE_MIN, COMPARE_MAX = 2, 4


@dataclass
class Comparison:
    roles: list
    shared_skill_ids: set = field(default_factory=set)
    # The area whose official pay is shown beside the national figures, if any, and its
    # newest cross-industry estimates by occupation id.
    area: object = None
    area_estimates: dict = field(default_factory=dict)

    @property
    def salary_scale(self):
        """The site's salary scale (careers.site_figures), when roles are compared."""
        return site_salary_scale() if self.roles else None

    @property
    def area_pay_by_role(self):
        """[(role, [(occupation, estimate or None), …]), …] in the chosen area."""
        return [
            (
                role,
                [
                    (link.occupation, self.area_estimates.get(link.occupation_id))
                    for link in role.occupation_links.all()
                ],
            )
            for role in self.roles
        ]

    @property
    def skills_by_role(self):
        """[(role, [(skill, shared_by_all), …]), …], core skills first."""
        return [
            (
                role,
                [
                    (skill, skill.pk in self.shared_skill_ids)
                    for skill in role.core_skills + role.helpful_skills
                ],
            )
            for role in self.roles
        ]


def chosen_titles_and_area_choices(slugs):
    """({slug: title} of the published roles among `slugs`, the places the area box
    offers grouped by group_area_choices(), {slug: Area} of those places): one query, a
    UNION of the two lists, as careers.directory_choices reads the directory's filters.
    Each Area holds its id, slug and title; any other field is read when first used."""
    roles = Role.objects.published().filter(slug__in=slugs)
    union = option_rows(roles, "role", "title").union(
        option_rows(Area.objects.choosable(), AREA, "title", group="choice_group"), all=True
    )
    rows = union.order_by("option_kind", "option_group", "option_name")
    titles, places, areas = {}, [], {}
    for kind, group, _, name, slug, pk in rows:
        if kind == AREA:
            places.append((group, slug, name))
            areas[slug] = read_area({"id": pk, "slug": slug, "title": name})
        else:
            titles[slug] = name
    return titles, group_area_choices(places), areas


def read_area(fields):
    """An Area as the database would give it with only `fields` ({attname: value}) read:
    the others are read when first used."""
    names = [f.attname for f in Area._meta.concrete_fields if f.attname in fields]
    return Area.from_db(DEFAULT_DB_ALIAS, names, [fields[name] for name in names])


def compare(slugs, area=None):
    """The comparison of the published roles named by `slugs`, in the order given, with
    their occupations' newest national figures (set on each as `latest_estimates`, as
    OccupationQuerySet.with_latest_estimates() would) and their official pay in `area`
    (an Area) too when one is given: those figures in one query."""
    roles = {role.slug: role for role in Role.objects.for_comparison().filter(slug__in=slugs)}
    ordered = [roles[slug] for slug in slugs if slug in roles]
    skill_sets = [{rs.skill_id for rs in role.role_skills.all()} for role in ordered]
    shared = set.intersection(*skill_sets) if len(skill_sets) >= 2 else set()
    comparison = Comparison(roles=ordered, shared_skill_ids=shared, area=area)
    links = [link for role in ordered for link in role.occupation_links.all()]
    where = Q(area__kind=Area.Kind.NATIONAL) | (Q(area=area) if area is not None else Q())
    estimates = (
        WageEstimate.objects.cross_industry()
        .latest()
        .filter(where, occupation__in={link.occupation_id for link in links})
        .select_related("release__source__cited_in")
    )
    national = {}
    for estimate in estimates:  # no query when no role links an occupation
        if area is not None and estimate.area_id == area.pk:
            comparison.area_estimates[estimate.occupation_id] = estimate
        else:
            national[estimate.occupation_id] = [estimate]
    for link in links:
        link.occupation.latest_estimates = national.get(link.occupation_id, [])
    return comparison
