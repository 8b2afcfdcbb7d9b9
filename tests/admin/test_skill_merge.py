"""An editor finds two skills that are really one and merges them in the admin: every
role keeps its link, the old name still finds the skill, and old links redirect."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from careers.merging import MERGE_REASON
from careers.models import Role, RoleSkill, Skill, SkillAlias
from tests.helpers import page_text

CHANGELIST = reverse("admin:careers_skill_changelist")


def merge(client, skills, keep=None):
    data = {"action": "merge", "_selected_action": [skill.pk for skill in skills]}
    if keep is not None:
        data["keep"] = keep.pk
    return client.post(CHANGELIST, data)


def test_an_editor_chooses_which_skill_to_keep_and_the_roles_follow(editor, editor_client):
    kept = Skill.objects.get(slug="statistics")
    duplicate = Skill.objects.create(name="Stats & probability", slug="stats-probability")
    data_scientist = Role.objects.get(slug="data-scientist")
    RoleSkill.objects.create(role=data_scientist, skill=duplicate, importance="helpful")
    robotics = Role.objects.get(slug="robotics-engineer")
    RoleSkill.objects.create(role=robotics, skill=duplicate, importance="core")

    confirm = merge(editor_client, [kept, duplicate])
    assert confirm.status_code == 200
    assert "Which skill do the others become?" in page_text(confirm)
    assert "Keep “Stats &amp; probability” (2 roles)" in page_text(confirm)
    assert Skill.objects.filter(pk=duplicate.pk).exists()  # nothing merged yet

    done = merge(editor_client, [kept, duplicate], keep=kept)
    assert done.status_code == 302
    assert not Skill.objects.filter(pk=duplicate.pk).exists()
    # A role that listed both keeps the stronger importance; the other gains the skill.
    assert RoleSkill.objects.get(role=data_scientist, skill=kept).importance == "core"
    assert RoleSkill.objects.get(role=robotics, skill=kept).importance == "core"
    alias = SkillAlias.objects.get(slug="stats-probability")
    assert (alias.skill, alias.name) == (kept, "Stats & probability")
    entry = alias.history.latest()
    assert entry.history_user == editor
    assert entry.history_change_reason == MERGE_REASON.format(
        duplicate="Stats & probability", kept="Statistics"
    )
    listing = editor_client.get(done["Location"])
    assert "Merged 1 skill into Statistics (2 role links moved)" in page_text(listing)


def test_an_old_skill_address_redirects_to_the_skill_it_became(client):
    response = client.get("/skills/statistical-analysis/")
    assert response.status_code == 301
    assert response["Location"] == "/skills/statistics/"
    assert client.get("/skills/never-a-skill/").status_code == 404


def test_merging_needs_two_skills_and_the_merge_permission(editor_client):
    python = Skill.objects.get(slug="python")
    response = merge(editor_client, [python], keep=python)
    assert "Choose two or more skills to merge." in page_text(editor_client.get(CHANGELIST))
    assert response.status_code == 302 and Skill.objects.filter(pk=python.pk).exists()


def test_staff_without_the_merge_permission_are_not_offered_it(make_role):
    viewer = get_user_model().objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="change_skill"))
    client = Client()
    client.force_login(viewer)
    assert 'value="merge"' not in client.get(CHANGELIST).content.decode()
    python, r = Skill.objects.get(slug="python"), Skill.objects.get(slug="r")
    merge(client, [python, r], keep=python)
    assert Skill.objects.filter(slug="r").exists()
