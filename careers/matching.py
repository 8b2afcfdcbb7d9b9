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


def match_roles(skills):
    """The published roles that use any of `skills` (Skill objects), best first.

    The ranking happens in the database (Role.objects.ranked_by_skill_match); each
    role's skills come in one prefetch, so this is two queries whatever the number of
    roles and skills.
    """
    chosen = {skill.pk for skill in skills}
    roles = (
        Role.objects.published()
        .ranked_by_skill_match(skills)
        .with_skills()
        .with_listings()
        .with_official_median()
    )
    return [
        RoleMatch(
            role=role,
            have=[skill for skill in role.core_skills if skill.pk in chosen],
            missing=[skill for skill in role.core_skills if skill.pk not in chosen],
            helpful=[skill for skill in role.helpful_skills if skill.pk in chosen],
        )
        for role in roles
    ]
