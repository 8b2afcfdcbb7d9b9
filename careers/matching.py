"""The skills match: which roles fit what a student already knows, and what each
of the others would take."""

from dataclasses import dataclass

from careers.models import Role

# How the ranking works, in the one sentence the results page shows.
RANKING_EXPLAINED = (
    "Roles that use at least one of your skills are listed, those where you already have "
    "the most core skills first; where two tie, the one where those skills make up a larger "
    "share of its core skills comes first, then the one where you have more of its helpful "
    "skills, then the better-paid one."
)


# What Role.objects.with_official_median() annotates, for a match card's pay headline.
OFFICIAL_FIGURES = (
    "official_median",
    "official_median_top_coded",
    "official_occupation",
    "official_p10",
    "official_p90",
    "official_p90_top_coded",
    "official_area",
)


@dataclass(frozen=True)
class RoleMatch:
    """One role's fit: the core skills the student has and the ones still to learn."""

    role: Role
    have: list
    missing: list
    helpful: list = ()  # the role's helpful skills the student has

    @property
    def covered(self):
        return len(self.have)

    @property
    def total(self):
        return len(self.have) + len(self.missing)

    @property
    def percent(self):
        """The share of core skills covered, as a whole percentage."""
        return round(100 * self.covered / self.total) if self.total else 0


def ranked_roles(skills):
    """The published roles that use any of `skills` (Skill objects), best first, as a
    QuerySet: page it, then turn a page into RoleMatch rows with `matches_for`.

    The ranking happens in the database (Role.objects.ranked_by_skill_match); a page's
    skills and lists come in one prefetch each, so a page is three queries (and its count
    one more) whatever the number of roles and skills. The official medians are not
    annotated here: worked out for every matching role before the sort, they made a
    page at 1,000 roles take seconds; `matches_for` reads them for one page.
    """
    return Role.objects.published().ranked_by_skill_match(skills).with_skills().with_listings()


def matches_for(roles, skills):
    """Each of `roles` (from ranked_roles) with the core skills the student has and
    lacks, and its official median (one query for them all)."""
    roles = list(roles)
    official = {
        row.pop("pk"): row
        for row in Role.objects.filter(pk__in=[role.pk for role in roles])
        .with_official_median()
        .values("pk", *OFFICIAL_FIGURES)
    }
    for role in roles:
        for name, value in official.get(role.pk, {}).items():
            setattr(role, name, value)
    chosen = {skill.pk for skill in skills}
    return [
        RoleMatch(
            role=role,
            have=[skill for skill in role.core_skills if skill.pk in chosen],
            missing=[skill for skill in role.core_skills if skill.pk not in chosen],
            helpful=[skill for skill in role.helpful_skills if skill.pk in chosen],
        )
        for role in roles
    ]


def match_roles(skills):
    """Every matching role, best first: for a handful of roles (the page shows a page)."""
    return matches_for(ranked_roles(skills), skills)
