"""Editors curate skills' other names and merge duplicate skills; the seed's one true
duplicate ("Statistical analysis", the article's wording for "Statistics") is merged
in databases made before this release."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = [
    "view_skillalias",
    "add_skillalias",
    "change_skillalias",
    "delete_skillalias",
    "merge_skill",
]


def merge_statistical_analysis(apps, schema_editor):
    """As careers.merging.merge_skills does, through the historical models."""
    Skill = apps.get_model("careers", "Skill")
    RoleSkill = apps.get_model("careers", "RoleSkill")
    duplicate = Skill.objects.filter(slug="statistical-analysis").first()
    kept = Skill.objects.filter(slug="statistics").first()
    if duplicate is None or kept is None:
        return  # a fresh database: the seed has no duplicate
    existing = {link.role_id: link for link in RoleSkill.objects.filter(skill=kept)}
    for link in RoleSkill.objects.filter(skill=duplicate):
        other = existing.get(link.role_id)
        if other is None:
            link.skill = kept
            link.save()
        else:
            if link.importance < other.importance:
                other.importance = link.importance
                other.save()
            link.delete()
    # Its name and address become an alias of "Statistics" when the seed's aliases load
    # (manage.py load_seed, which make run calls, fills the new, empty alias table).
    duplicate.delete()


class Migration(migrations.Migration):
    dependencies = [("careers", "0013_skill_aliases")]

    operations = [
        granting(EDITORS, CODENAMES),
        migrations.RunPython(merge_statistical_analysis, migrations.RunPython.noop),
    ]
