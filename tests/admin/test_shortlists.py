"""Advisors build shortlists of roles in the admin, each seeing and changing only
their own; the public page is in tests/pages/test_shortlists.py."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.accounts import ADVISORS_GROUP, EDITORS_GROUP
from careers.models import Role, Shortlist, ShortlistItem
from tests.helpers import (
    PASSWORD,
    SHORTLIST_CHANGELIST,
    form_data,
    logged_in,
    make_advisor,
    make_shortlist,
    make_staff,
    page_text,
    run_action,
)


def add_form(title, introduction="", items=(), **extra):
    """What the admin's add page posts: the list and its role rows (role, note, position)."""
    data = {
        "title": title,
        "introduction": introduction,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for index, (role, note, position) in enumerate(items):
        data.update(
            {
                f"items-{index}-role": role.pk,
                f"items-{index}-note": note,
                f"items-{index}-position": position,
            }
        )
    data.update(extra)
    return data


def admin_url(shortlist, action):
    return reverse(f"admin:careers_shortlist_{action}", args=[shortlist.pk])


def changelist_titles(response):
    return [shortlist.title for shortlist in response.context["cl"].result_list]


# --- Who may do what -------------------------------------------------------------


def test_the_advisors_group_has_exactly_the_permissions_advisors_need():
    codenames = set(
        Group.objects.get(name=ADVISORS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert codenames == {
        *(f"{action}_shortlist" for action in ("add", "change", "delete", "view")),
        *(f"{action}_shortlistitem" for action in ("add", "change", "delete", "view")),
        "view_role",
    }


def test_createadvisor_makes_a_staff_account_in_the_advisors_group(monkeypatch):
    monkeypatch.setenv("ADVISOR_PASSWORD", PASSWORD)
    output = io.StringIO()
    call_command("createadvisor", "grace", email="grace@example.org", stdout=output)
    assert "Advisor “grace” created" in output.getvalue()
    user = get_user_model().objects.get(username="grace")
    assert user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    assert user.email == "grace@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [ADVISORS_GROUP]
    with pytest.raises(CommandError, match="already exists"):
        call_command("createadvisor", "grace")


def test_createadvisor_refuses_a_weak_password_and_a_missing_one(monkeypatch):
    monkeypatch.setenv("ADVISOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createadvisor", "weak")
    monkeypatch.delenv("ADVISOR_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="set \\$ADVISOR_PASSWORD"):
        call_command("createadvisor", "nobody")
    assert not get_user_model().objects.filter(username__in=["weak", "nobody"]).exists()


def test_an_advisor_builds_a_shortlist_of_two_roles_in_the_admin_and_owns_it(
    ada, ada_client, roles
):
    someone_else = make_advisor("bob")
    data_scientist, robotics = roles
    response = ada_client.post(
        reverse("admin:careers_shortlist_add"),
        add_form(
            "Year 12 computing",
            "Roles to look at before the open days.",
            [(robotics, "You liked the robot club.", 2), (data_scientist, "Maths and code.", 1)],
            owner=someone_else.pk,  # not on the advisor's form, so ignored
        ),
    )
    assert response.status_code == 302
    shortlist = Shortlist.objects.get(title="Year 12 computing")
    assert shortlist.owner == ada
    assert [(item.role, item.note) for item in shortlist.items.all()] == [
        (data_scientist, "Maths and code."),
        (robotics, "You liked the robot club."),
    ]
    assert shortlist.is_live()
    assert shortlist.history.count() == 1 and shortlist.history.get().history_user == ada


def test_the_advisors_form_has_no_owner_field_and_the_role_picker_searches_roles(ada_client):
    add_page = ada_client.get(reverse("admin:careers_shortlist_add")).content.decode()
    assert 'name="title"' in add_page and 'name="items-TOTAL_FORMS"' in add_page
    assert 'name="owner"' not in add_page
    response = ada_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "robot",
            "app_label": "careers",
            "model_name": "shortlistitem",
            "field_name": "role",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Robotics Engineer"]


def test_a_role_goes_on_a_list_only_once(ada, ada_client, roles):
    data_scientist, _ = roles
    response = ada_client.post(
        reverse("admin:careers_shortlist_add"),
        add_form("Twice", items=[(data_scientist, "", 1), (data_scientist, "", 2)]),
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for role" in page_text(response)
    assert not Shortlist.objects.filter(title="Twice").exists()
    shortlist = make_shortlist(ada, [data_scientist])
    with pytest.raises(IntegrityError), transaction.atomic():
        ShortlistItem.objects.create(shortlist=shortlist, role=data_scientist)


def test_an_advisors_list_page_shows_each_lists_role_count_state_and_public_link(
    ada, ada_client, roles, settings
):
    settings.SITE_URL = "https://careers.example.org"
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    response = ada_client.get(SHORTLIST_CHANGELIST)
    assert changelist_titles(response) == ["Year 12 computing"]
    row = response.context["cl"].result_list[0]
    assert row.item_count == 2
    html = response.content.decode()
    # Absolute, from the site's configured address, ready to paste into an email.
    url = f"https://careers.example.org/shortlists/{shortlist.token}/"
    assert f'<a href="{url}">{url}</a>' in html
    assert 'alt="True"' in html  # the "live" icon


def test_the_list_page_counts_roles_without_a_query_per_list(ada, ada_client, roles):
    make_shortlist(ada, roles)

    def queries_for_list_page():
        with CaptureQueriesContext(connection) as captured:
            assert ada_client.get(SHORTLIST_CHANGELIST).status_code == 200
        return len(captured)

    one_list = queries_for_list_page()
    for number in range(5):
        make_shortlist(ada, roles, title=f"List {number}")
    assert queries_for_list_page() == one_list


def test_the_change_page_shows_the_token_and_a_clickable_public_link(ada, ada_client, roles):
    shortlist = make_shortlist(ada, roles)
    html = ada_client.get(admin_url(shortlist, "change")).content.decode()
    url = f"{settings.SITE_URL}/shortlists/{shortlist.token}/"
    assert f'<a href="{url}">{url}</a>' in html
    assert shortlist.token in page_text(ada_client.get(admin_url(shortlist, "change")))
    assert 'name="token"' not in html and 'name="owner"' not in html


def test_another_advisor_can_neither_see_open_edit_nor_withdraw_the_list(ada, roles):
    shortlist = make_shortlist(ada, roles, title="Ada’s list")
    bob = logged_in(make_advisor("bob"))
    make_shortlist(get_user_model().objects.get(username="bob"), title="Bob’s list")

    assert changelist_titles(bob.get(SHORTLIST_CHANGELIST)) == ["Bob’s list"]
    # Django answers an object outside the advisor's queryset as if it did not exist:
    # back to the admin index with "… doesn’t exist. Perhaps it was deleted?".
    for action in ("change", "delete"):
        response = bob.get(admin_url(shortlist, action))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    response = bob.post(admin_url(shortlist, "change"), add_form("Taken over"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    response = bob.post(admin_url(shortlist, "delete"), {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    # The history pages look the record up without the queryset; the object check refuses.
    assert bob.get(admin_url(shortlist, "history")).status_code == 403
    version = shortlist.history.get().history_id
    revert_url = reverse("admin:careers_shortlist_simple_history", args=[shortlist.pk, version])
    assert bob.get(revert_url).status_code == 403
    assert bob.post(revert_url, add_form("Taken over")).status_code == 403
    run_action(bob, "withdraw", [shortlist])

    shortlist = Shortlist.objects.get(pk=shortlist.pk)
    assert (shortlist.title, shortlist.is_live(), shortlist.items.count()) == (
        "Ada’s list",
        True,
        2,
    )


def test_no_staff_member_can_learn_a_lists_secret_link_from_the_admins_view_on_site(ada, roles):
    from django.contrib.contenttypes.models import ContentType

    shortlist = make_shortlist(ada, roles)
    content_type = ContentType.objects.get_for_model(Shortlist)
    shortcut = reverse("admin:view_on_site", args=[content_type.pk, shortlist.pk])
    for client in (logged_in(make_advisor("bob")), logged_in(ada)):
        response = client.get(shortcut)
        assert response.status_code == 404
        assert shortlist.token not in response.get("Location", "")


def test_a_superuser_sees_and_opens_every_advisors_lists(ada, roles):
    make_shortlist(ada, roles, title="Ada’s list")
    bob_list = make_shortlist(make_advisor("bob"), title="Bob’s list")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = logged_in(admin)
    response = client.get(SHORTLIST_CHANGELIST)
    assert set(changelist_titles(response)) == {"Ada’s list", "Bob’s list"}
    assert "owner" in response.context["cl"].list_display
    change_page = client.get(admin_url(bob_list, "change"))
    assert change_page.status_code == 200 and 'name="owner"' in change_page.content.decode()


def test_an_editor_cannot_reach_shortlists():
    shortlist = make_shortlist(make_advisor("ada"))
    editor = logged_in(make_staff("edith", EDITORS_GROUP))
    assert editor.get(SHORTLIST_CHANGELIST).status_code == 403
    assert editor.get(reverse("admin:careers_shortlist_add")).status_code == 403
    response = editor.get(admin_url(shortlist, "change"))
    assert response.status_code in (302, 403) and response.status_code != 200
    assert editor.get(admin_url(shortlist, "history")).status_code == 403
    assert "/admin/careers/shortlist/" not in editor.get(reverse("admin:index")).content.decode()


def test_an_advisor_who_may_only_view_roles_cannot_revert_one_from_its_history():
    # django-simple-history saves a posted history form for anyone who may view it.
    role = Role.objects.get(slug="data-scientist")
    first = role.history.order_by("history_date").first()
    role.salary_high = 151_000
    role.save()
    revert_url = reverse("admin:careers_role_simple_history", args=[role.pk, first.history_id])
    advisor = logged_in(make_advisor())
    assert advisor.get(revert_url).status_code == 200  # advisors may read the history

    response = advisor.post(revert_url, form_data(Role.objects.get(pk=role.pk)))

    assert response.status_code == 403
    assert Role.objects.get(pk=role.pk).salary_high == 151_000
