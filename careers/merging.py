"""Merging two skills that are really one ("Statistical analysis" into "Statistics"),
for the admin's "Merge" action."""

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from careers.models import RoleSkill, SkillAlias

MERGE_REASON = "Merged “{duplicate}” into “{kept}”"


@transaction.atomic
def merge_skills(duplicate, kept, *, user=None):
    """Fold `duplicate` into `kept`: every role that lists `duplicate` lists `kept`
    instead (a role that lists both keeps the stronger importance, core over
    helpful), `duplicate`'s aliases move to `kept`, its name and slug become aliases
    of `kept` (so searches and old links still find it), and `duplicate` is deleted.
    Every change is kept in the history with `user` and the reason. Returns how many
    role links moved."""
    if duplicate.pk == kept.pk:
        raise ValueError("A skill cannot be merged into itself.")
    reason = MERGE_REASON.format(duplicate=duplicate.name, kept=kept.name)[:100]
    moved = 0
    existing = {link.role_id: link for link in RoleSkill.objects.filter(skill=kept)}
    for link in RoleSkill.objects.filter(skill=duplicate).select_related("role"):
        link._history_user, link._change_reason = user, reason
        other = existing.get(link.role_id)
        if other is None:
            link.skill = kept
            link.save()
        else:
            if link.importance < other.importance:  # "core" sorts before "helpful"
                other.importance = link.importance
                other._history_user, other._change_reason = user, reason
                other.save()
            link.delete()
        moved += 1
    for alias in duplicate.aliases.all():
        alias.skill = kept
        alias._history_user, alias._change_reason = user, reason
        alias.save()
    slug = duplicate.slug
    name = duplicate.name
    duplicate._history_user, duplicate._change_reason = user, reason
    duplicate.delete()
    SkillAlias.objects.filter(Q(slug=slug) | Q(name__iexact=name)).delete()
    alias = SkillAlias(skill=kept, name=name, slug=slug or slugify(name))
    alias._history_user, alias._change_reason = user, reason
    alias.save()
    return moved
