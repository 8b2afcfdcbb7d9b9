"""Editors keep the figures current in the admin, and never lose one."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from careers.accounts import EDITORS_GROUP
from careers.models import Role, Skill, Source
from tests.helpers import (
    PASSWORD,
    REASON,
    figure_values,
    form_data,
    logged_in,
    page_text,
    untouched_inlines,
)


def change_url(role):
    return reverse("admin:careers_role_change", args=[role.pk])


# --- Who may do what -------------------------------------------------------------


def test_the_editors_group_has_exactly_the_permissions_editors_need():
    codenames = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"view_role", "change_role"} <= codenames
    for model in ("skill", "industry", "credential", "source"):
        assert {f"add_{model}", f"change_{model}"} <= codenames
    assert {"add_articlelisting", "change_articlelisting", "delete_articlelisting"} <= codenames
    assert not {"add_role", "delete_role"} & codenames
    for model in ("fieldsalaryrange", "keypoint", "graduatequote"):
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
    assert not any(code.endswith(("_user", "_group", "_permission")) for code in codenames)


def test_an_editor_can_change_a_roles_figures_and_add_a_skill(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    response = editor_client.post(change_url(role), form_data(role, salary_high=145_000))
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).salary_high == 145_000
    response = editor_client.post(
        reverse("admin:careers_skill_add"),
        {"name": "Rust", "slug": "rust", "category": "programming", **untouched_inlines("aliases")},
    )
    assert response.status_code == 302
    assert Skill.objects.filter(slug="rust").exists()


def test_an_editor_cannot_add_or_delete_roles_nor_manage_accounts(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    assert editor_client.get(reverse("admin:careers_role_add")).status_code == 403
    assert (
        editor_client.post(
            reverse("admin:careers_role_delete", args=[role.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Role.objects.filter(pk=role.pk).exists()
    for name in ("auth_user_changelist", "auth_group_changelist"):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_and_non_staff_get_no_admin(client):
    response = client.get(reverse("admin:careers_role_changelist"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    student = get_user_model().objects.create_user("student", password=PASSWORD)
    response = logged_in(student).get(reverse("admin:careers_role_changelist"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_createeditor_makes_a_staff_account_in_the_editors_group(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    output = io.StringIO()
    call_command("createeditor", "marta", email="marta@example.org", stdout=output)
    assert "Editor “marta” created" in output.getvalue()
    user = get_user_model().objects.get(username="marta")
    assert user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    with pytest.raises(CommandError, match="already exists"):
        call_command("createeditor", "marta")


def test_createeditor_refuses_a_weak_password_and_a_missing_one(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createeditor", "weak")
    monkeypatch.delenv("EDITOR_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="set \\$EDITOR_PASSWORD"):
        call_command("createeditor", "nobody")
    assert not get_user_model().objects.filter(username__in=["weak", "nobody"]).exists()


# --- Validation: in the form, before anything is saved ----------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"salary_low": 150_000, "salary_high": 140_000},
            "The high figure is below the low one ($150,000).",
        ),
        ({"salary_median": 80_000}, "The median is below the low figure ($90,000)."),
        ({"salary_median": 150_000}, "The median is above the high figure ($140,000)."),
        ({"salary_low": -5}, "Ensure this value is greater than or equal to 0."),
        (
            {"salary_low": 9_000},
            "$9,000 a year is outside the plausible range of $10,000 to $1,000,000",
        ),
        ({"salary_high": 14_000_000}, "$14,000,000 a year is outside the plausible range"),
        ({"salary_source": ""}, "A salary figure needs a source."),
        ({"salary_as_of": ""}, "A salary figure needs the date the source measured it."),
        ({"salary_as_of": "2999-01-01"}, "The “as of” date cannot be in the future."),
        ({"salary_low": "lots"}, "Enter a whole number."),
        ({"outlook_growth_pct": "12", "outlook_source": ""}, "A growth figure needs a source."),
    ],
)
def test_each_rule_is_refused_in_the_form_with_a_message_and_nothing_is_saved(
    editor_client, changes, message
):
    role = Role.objects.get(slug="robotics-engineer")
    before = role.figures()
    response = editor_client.post(change_url(role), form_data(role, **changes))
    assert response.status_code == 200
    assert message in page_text(response)
    assert Role.objects.get(pk=role.pk).figures() == before


def test_the_plausible_band_is_configurable(editor_client, settings):
    settings.SALARY_PLAUSIBLE_MIN = 95_000
    role = Role.objects.get(slug="robotics-engineer")
    response = editor_client.post(change_url(role), form_data(role))
    assert "$90,000 a year is outside the plausible range of $95,000" in page_text(response)


# --- History: every past value kept ----------------------------------------------


def test_every_change_is_recorded_with_who_when_and_the_old_and_new_values(editor, editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    editor_client.post(change_url(role), form_data(role, salary_low=95_000, salary_high=150_000))
    latest, previous = Role.objects.get(pk=role.pk).history.all()[:2]
    assert latest.history_user == editor
    assert latest.history_date > timezone.now() - datetime.timedelta(minutes=1)
    changes = {
        change.field: (change.old, change.new) for change in latest.diff_against(previous).changes
    }
    assert changes["salary_low"] == (90_000, 95_000)
    assert changes["salary_high"] == (140_000, 150_000)
    history_page = page_text(
        editor_client.get(reverse("admin:careers_role_history", args=[role.pk]))
    )
    assert "edith" in history_page and "95000" in history_page.replace(",", "")


def test_other_curated_records_keep_their_history_too(editor_client):
    skill = Skill.objects.get(slug="python")
    editor_client.post(
        reverse("admin:careers_skill_change", args=[skill.pk]),
        {
            "name": "Python 3",
            "slug": "python",
            "category": "programming",
            "description": skill.description,
            **untouched_inlines("aliases"),
        },
    )
    assert [h.name for h in skill.history.all()[:2]] == ["Python 3", "Python"]


def test_an_earlier_version_can_be_restored_from_the_history(editor_client, client):
    role = Role.objects.get(slug="robotics-engineer")
    seeded = role.history.earliest()
    editor_client.post(change_url(role), form_data(role, salary_low=99_000))
    revert_url = reverse("admin:careers_role_simple_history", args=[role.pk, seeded.history_id])
    revert_page = editor_client.get(revert_url)
    assert revert_page.status_code == 200
    restored = Role.objects.get(pk=role.pk)
    # The restore form shows the old figures and carries the current revision, so one
    # press of Revert restores them (not a warning that someone else saved meanwhile).
    html = revert_page.content.decode()
    assert f'name="version" value="{restored.version}"' in html
    # Its reason is filled in: restoring needs no typing.
    reason = f"Restored the version of {timezone.localtime(seeded.history_date):%Y-%m-%d %H:%M}"
    assert f'value="{reason}"' in html
    data = form_data(restored, salary_low=seeded.salary_low, change_reason=reason)
    response = editor_client.post(revert_url, data)
    assert response.status_code == 302
    role = Role.objects.get(pk=role.pk)
    assert role.salary_low == 90_000
    # The restore is a new entry in the history, with its reason.
    assert role.history.count() == 3
    assert role.history.first().history_change_reason == reason
    assert "$90,000 – $140,000" in client.get(role.get_absolute_url()).content.decode()


# --- No silent lost update --------------------------------------------------------


def test_the_second_of_two_editors_is_refused_and_shown_what_changed(editor_client, make_editor):
    role = Role.objects.get(slug="robotics-engineer")
    first, second = editor_client, logged_in(make_editor("sam"))
    seen_by_both = form_data(role)  # both opened the page at the same revision

    assert first.post(change_url(role), {**seen_by_both, "salary_low": 95_000}).status_code == 302
    response = second.post(change_url(role), {**seen_by_both, "salary_high": 150_000})

    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved this role while you were editing it" in text
    assert "salary low: $90,000 → $95,000" in text
    assert "description:" not in text  # only what really changed is listed
    role = Role.objects.get(pk=role.pk)
    assert (role.salary_low, role.salary_high) == (95_000, 140_000)
    # The second editor's value is still in the form, and a deliberate second save goes through.
    assert 'name="salary_high" value="150000"' in response.content.decode()
    again = second.post(
        change_url(role), {**seen_by_both, "salary_high": 150_000, "version": role.version}
    )
    assert again.status_code == 302
    assert Role.objects.get(pk=role.pk).salary_high == 150_000


# --- The salary desk --------------------------------------------------------------


DESK = "/admin/careers/role/"


def desk_slugs(response):
    return [role.slug for role in response.context["cl"].result_list]


def test_the_desk_lists_every_role_with_its_figures(editor_client):
    response = editor_client.get(DESK)
    assert response.status_code == 200
    assert response.context["cl"].result_count == Role.objects.count()
    html = response.content.decode()
    for field in (
        "salary_low",
        "salary_median",
        "salary_high",
        "salary_source",
        "salary_as_of",
        "outlook_growth_pct",
    ):
        assert f'name="form-0-{field}"' in html


def test_the_desk_filters_roles_without_a_figure_and_stale_ones(editor_client, settings):
    assert set(desk_slugs(editor_client.get(DESK, {"figure": "none"}))) == set(
        Role.objects.filter(salary_low__isnull=True).values_list("slug", flat=True)
    )
    Role.objects.filter(slug="data-scientist").update(salary_as_of=datetime.date(2020, 5, 1))
    settings.SALARY_STALE_MONTHS = 12
    stale = desk_slugs(editor_client.get(DESK, {"figure": "stale"}))
    assert "data-scientist" in stale
    settings.SALARY_STALE_MONTHS = 12 * 100
    assert desk_slugs(editor_client.get(DESK, {"figure": "stale"})) == []


def test_the_desk_searches_titles_and_sorts_by_as_of_date(editor_client):
    assert desk_slugs(editor_client.get(DESK, {"q": "robot"})) == ["robotics-engineer"]
    Role.objects.filter(slug="data-scientist").update(salary_as_of=datetime.date(2025, 5, 1))
    as_of_column = 5  # list_display index: title, low, median, high, source, as of…
    ordered = desk_slugs(editor_client.get(DESK, {"o": str(as_of_column)}))
    dated = [slug for slug in ordered if Role.objects.get(slug=slug).salary_as_of]
    assert dated[0] == "data-scientist"


def desk_post(client, roles, changes, reason=REASON):
    """Post the desk's editable list, as the browser does, with `changes` by slug."""
    data = {
        "form-TOTAL_FORMS": len(roles),
        "form-INITIAL_FORMS": len(roles),
        "_save": "Save",
        "change_reason": reason,
    }
    for index, role in enumerate(roles):
        row = {"id": role.pk, **figure_values(role)}
        row.update(changes.get(role.slug, {}))
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return client.post(DESK + "?q=engineer", data)


def test_several_roles_are_saved_in_one_go_from_the_desk(editor_client):
    roles = list(Role.objects.filter(title__icontains="engineer").order_by("title"))
    response = desk_post(
        editor_client,
        roles,
        {
            "robotics-engineer": {"salary_high": 145_000},
            "computer-vision-engineer": {"salary_low": 105_000},
        },
    )
    assert response.status_code == 302
    assert Role.objects.get(slug="robotics-engineer").salary_high == 145_000
    assert Role.objects.get(slug="computer-vision-engineer").salary_low == 105_000


def test_a_bad_or_stale_row_on_the_desk_saves_nothing_and_says_why(editor_client):
    roles = list(Role.objects.filter(title__icontains="engineer").order_by("title"))
    Role.objects.get(slug="computer-vision-engineer").save()  # someone else saved meanwhile
    response = desk_post(
        editor_client,
        roles,
        {
            "robotics-engineer": {"salary_high": 145_000},
            "machine-learning-engineer": {"salary_low": 170_000},
        },
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved this role" in text
    assert "The high figure is below the low one ($170,000)." in text
    assert Role.objects.get(slug="robotics-engineer").salary_high == 140_000


# --- Immediately visible, never overwritten ---------------------------------------


def test_a_saved_figure_shows_on_the_public_pages_at_once(editor_client, client):
    role = Role.objects.get(slug="ai-specialist")
    source = Source.objects.get(slug="us-bls")
    response = editor_client.post(
        change_url(role),
        form_data(
            role,
            salary_low=100_000,
            salary_high=150_000,
            salary_source=source.pk,
            salary_as_of="2025-05-01",
        ),
    )
    assert response.status_code == 302
    page = client.get(role.get_absolute_url()).content.decode()
    assert "$100,000 – $150,000" in page and "U.S. Bureau of Labor Statistics" in page
    assert "figures as of 2025" in page
    assert "Figures last updated here on" in page
    assert "$100,000 – $150,000" in client.get("/roles/?q=AI+Specialist").content.decode()


def test_desk_edits_survive_a_second_set_up(editor_client):
    roles = list(Role.objects.filter(title__icontains="engineer").order_by("title"))
    desk_post(editor_client, roles, {"robotics-engineer": {"salary_high": 145_000}})
    call_command("load_seed", verbosity=0)
    assert Role.objects.get(slug="robotics-engineer").salary_high == 145_000


def test_an_editor_features_a_role_in_the_admin(admin_client, client):
    role = Role.objects.get(slug="robotics-engineer")
    url = reverse("admin:careers_role_change", args=[role.pk])
    response = admin_client.post(url, form_data(role, is_featured="on"))
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).is_featured
    home = client.get("/").content.decode()
    assert "Robotics Engineer" in home.split('id="featured-heading"')[1].split("</section>")[0]
    changelist = admin_client.get(
        reverse("admin:careers_role_changelist"), {"is_featured__exact": 1}
    )
    assert {r.slug for r in changelist.context["cl"].result_list} == {
        "data-scientist",
        "machine-learning-engineer",
        "research-scientist",
        "robotics-engineer",
    }


# --- Why a figure changed ----------------------------------------------------------


def test_a_changed_figure_needs_a_reason_which_the_history_keeps(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    refused = editor_client.post(
        change_url(role), form_data(role, salary_low=95_000, change_reason="")
    )
    assert refused.status_code == 200
    assert "Say why the figures changed, e.g. “BLS May 2025 release”." in page_text(refused)
    assert Role.objects.get(pk=role.pk).salary_low == 90_000

    saved = editor_client.post(change_url(role), form_data(role, salary_low=95_000))
    assert saved.status_code == 302
    latest = Role.objects.get(pk=role.pk).history.first()
    assert (latest.salary_low, latest.history_change_reason) == (95_000, REASON)


def test_a_change_to_the_text_alone_needs_no_reason(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    response = editor_client.post(
        change_url(role), form_data(role, summary="Builds robots.", change_reason="")
    )
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).summary == "Builds robots."


def test_the_desk_saves_a_batch_with_its_one_reason_and_refuses_one_without(editor_client):
    roles = list(Role.objects.filter(title__icontains="engineer").order_by("title"))
    changes = {
        "robotics-engineer": {"salary_high": 145_000},
        "computer-vision-engineer": {"salary_low": 105_000},
    }
    refused = desk_post(editor_client, roles, changes, reason="")
    assert refused.status_code == 200
    assert "Say why the figures changed" in page_text(refused)
    assert Role.objects.get(slug="robotics-engineer").salary_high == 140_000
    assert 'name="change_reason"' in editor_client.get(DESK).content.decode()

    saved = desk_post(editor_client, roles, changes, reason="OEWS 2025 check")
    assert saved.status_code == 302
    for slug in changes:
        entry = Role.objects.get(slug=slug).history.first()
        assert entry.history_change_reason == "OEWS 2025 check"


def test_a_revert_is_refused_if_someone_saves_after_the_revert_form_was_opened(
    editor_client, make_editor
):
    role = Role.objects.get(slug="robotics-engineer")
    seeded = role.history.earliest()
    editor_client.post(change_url(role), form_data(role, salary_low=99_000))
    revert_url = reverse("admin:careers_role_simple_history", args=[role.pk, seeded.history_id])
    opened = Role.objects.get(pk=role.pk)
    editor_client.get(revert_url)
    # Meanwhile, a second editor changes the high figure.
    sam = logged_in(make_editor("sam"))
    assert sam.post(change_url(opened), form_data(opened, salary_high=150_000)).status_code == 302

    response = editor_client.post(revert_url, form_data(opened, salary_low=seeded.salary_low))
    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved this role while you were editing it" in text
    assert "salary high: $140,000 → $150,000" in text
    role = Role.objects.get(pk=role.pk)
    assert (role.salary_low, role.salary_high) == (99_000, 150_000)
