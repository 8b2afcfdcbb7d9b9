"""Roles side by side, for the compare page."""

from dataclasses import dataclass, field

from careers.models import Role

COMPARE_MIN, COMPARE_MAX = 2, 4


@dataclass
class Comparison:
    roles: list
    shared_skill_ids: set = field(default_factory=set)

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


def compare(slugs):
    """The comparison of the published roles named by `slugs`, in the order given."""
    roles = {role.slug: role for role in Role.objects.for_detail().filter(slug__in=slugs)}
    ordered = [roles[slug] for slug in slugs if slug in roles]
    skill_sets = [{rs.skill_id for rs in role.role_skills.all()} for role in ordered]
    shared = set.intersection(*skill_sets) if len(skill_sets) >= 2 else set()
    return Comparison(roles=ordered, shared_skill_ids=shared)
