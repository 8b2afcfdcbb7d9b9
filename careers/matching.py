"""The skills match: which roles fit what a student already knows, and what each
of the others would take."""

from dataclasses import dataclass

from careers.models import Role

# How the ranking works, in the one sentence the results page shows.
RANKING_EXPLAINED = (
    "Roles are ranked by the share of their core skills you already have; where two "
    "roles tie, the one where you have more core skills comes first, then the better-paid one."
)


@dataclass(frozen=True)
class RoleMatch:
    """One role's fit: the core skills the student has and the ones still to learn."""

    role: Role
    have: list
    missing: list

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
    """Every published role ranked for someone who has `skills` (Skill objects).

    The ranking happens in the database (Role.objects.ranked_by_skill_match); each
    role's skills come in one prefetch, so this is two queries whatever the number of
    roles and skills.
    """
    chosen = {skill.pk for skill in skills}
    roles = Role.objects.published().ranked_by_skill_match(skills).with_skills().with_listings()
    return [
        RoleMatch(
            role=role,
            have=[skill for skill in role.core_skills if skill.pk in chosen],
            missing=[skill for skill in role.core_skills if skill.pk not in chosen],
        )
        for role in roles
    ]
