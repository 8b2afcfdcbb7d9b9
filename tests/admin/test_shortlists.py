"""Advisors build shortlists of roles in the admin and share them by a secret link."""

import io
import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.accounts import ADVISORS_GROUP, EDITORS_GROUP
from careers.models import Role, Shortlist, ShortlistItem
from tests.helpers import form_data

PASSWORD = "a-long-test-password-2026"
CHANGELIST = "/admin/careers/shortlist/"


def make_staff(name, group_name):
    user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_advisor(name="ada"):
    return make_staff(name, ADVISORS_GROUP)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def page_text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def make_shortlist(owner, roles=(), **fields):
    """A shortlist with `roles` in that order, each with a note naming it."""
    shortlist = Shortlist.objects.create(
        owner=owner, title=fields.pop("title", "Year 12"), **fields
    )
    for position, role in enumerate(roles, start=1):
        ShortlistItem.objects.create(
            shortlist=shortlist, role=role, position=position, note=f"Why {role.title}."
        )
    return shortlist


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


def run_action(client, action, shortlists):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [s.pk for s in shortlists]}
    )


def changelist_titles(response):
    return [shortlist.title for shortlist in response.context["cl"].result_list]


@pytest.fixture
def ada():
    return make_advisor("ada")


@pytest.fixture
def ada_client(ada):
    return logged_in(ada)


@pytest.fixture
def roles():
    return [Role.objects.get(slug=slug) for slug in ("data-scientist", "robotics-engineer")]


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
    ada, ada_client, roles
):
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    response = ada_client.get(CHANGELIST)
    assert changelist_titles(response) == ["Year 12 computing"]
    row = response.context["cl"].result_list[0]
    assert row.item_count == 2
    html = response.content.decode()
    assert f'<a href="/shortlists/{shortlist.token}/">/shortlists/{shortlist.token}/</a>' in html
    assert 'alt="True"' in html  # the "live" icon


def test_the_list_page_counts_roles_without_a_query_per_list(ada, ada_client, roles):
    make_shortlist(ada, roles)

    def queries_for_list_page():
        with CaptureQueriesContext(connection) as captured:
            assert ada_client.get(CHANGELIST).status_code == 200
        return len(captured)

    one_list = queries_for_list_page()
    for number in range(5):
        make_shortlist(ada, roles, title=f"List {number}")
    assert queries_for_list_page() == one_list


def test_the_change_page_shows_the_token_and_a_clickable_public_link(ada, ada_client, roles):
    shortlist = make_shortlist(ada, roles)
    html = ada_client.get(admin_url(shortlist, "change")).content.decode()
    url = f"/shortlists/{shortlist.token}/"
    assert f'<a href="{url}">{url}</a>' in html
    assert shortlist.token in page_text(ada_client.get(admin_url(shortlist, "change")))
    assert 'name="token"' not in html and 'name="owner"' not in html


def test_another_advisor_can_neither_see_open_edit_nor_withdraw_the_list(ada, roles):
    shortlist = make_shortlist(ada, roles, title="Ada’s list")
    bob = logged_in(make_advisor("bob"))
    make_shortlist(get_user_model().objects.get(username="bob"), title="Bob’s list")

    assert changelist_titles(bob.get(CHANGELIST)) == ["Bob’s list"]
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
    response = client.get(CHANGELIST)
    assert set(changelist_titles(response)) == {"Ada’s list", "Bob’s list"}
    assert "owner" in response.context["cl"].list_display
    change_page = client.get(admin_url(bob_list, "change"))
    assert change_page.status_code == 200 and 'name="owner"' in change_page.content.decode()


def test_an_editor_cannot_reach_shortlists():
    shortlist = make_shortlist(make_advisor("ada"))
    editor = logged_in(make_staff("edith", EDITORS_GROUP))
    assert editor.get(CHANGELIST).status_code == 403
    assert editor.get(reverse("admin:careers_shortlist_add")).status_code == 403
    response = editor.get(admin_url(shortlist, "change"))
    assert response.status_code in (302, 403) and response.status_code != 200
    assert editor.get(admin_url(shortlist, "history")).status_code == 403
    assert "/admin/careers/shortlist/" not in editor.get(reverse("admin:index")).content.decode()


def test_deleting_an_advisor_who_has_lists_is_refused_so_no_shared_link_breaks(ada):
    make_shortlist(ada)
    with pytest.raises(ProtectedError):
        ada.delete()


# --- The shared page --------------------------------------------------------------


def test_the_public_link_shows_the_title_introduction_notes_and_current_figures(
    client, ada, make_role
):
    first = make_role(
        title="Quantum Tester",
        salary_low=95_000,
        salary_high=150_000,
        outlook_growth_pct=22,
        outlook_period="2024–2034",
    )
    second = make_role(title="Data Gardener", stage=Role.Stage.MID)
    shortlist = make_shortlist(
        ada,
        [first, second],
        title="Year 12 computing",
        introduction="Have a look before the open day.\n\nBring questions.",
    )
    response = client.get(f"/shortlists/{shortlist.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Year 12 computing</h1>" in html
    assert "<p>Have a look before the open day.</p>" in html and "<p>Bring questions.</p>" in html
    assert f'<a href="{first.get_absolute_url()}">Quantum Tester</a>' in html
    text = page_text(response)
    assert text.index("Quantum Tester") < text.index("Data Gardener")
    assert "Why Quantum Tester." in text and "Why Data Gardener." in text
    assert "$95,000 – $150,000" in text and "Test salary survey" in text
    assert "+22% over 2024–2034" in text
    assert "Entry level" in text and "Mid-career" in text
    assert "No figure yet" in text  # the second role has no figures
    assert 'class="shortlist-item"' in html and 'class="advisor-note"' in html
    # Printed, the list carries its own address so the student can find it again.
    assert "<title>Year 12 computing · ML Career Guide</title>" in html
    assert f"This page: http://testserver{shortlist.share_path()}</p>" in html


def test_the_page_shows_a_figure_as_soon_as_an_editor_changes_it(client, ada, roles):
    shortlist = make_shortlist(ada, roles)
    Role.objects.filter(slug="robotics-engineer").update(salary_high=145_000)
    assert "$90,000 – $145,000" in page_text(client.get(shortlist.share_path()))


def test_search_engines_are_asked_not_to_index_a_shared_list(client, ada):
    response = client.get(make_shortlist(ada).share_path())
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unpublished_roles_are_left_out(client, ada, make_role):
    shown = make_role(title="Still Here")
    hidden = make_role(title="Gone Quiet", is_published=False)
    shortlist = make_shortlist(ada, [hidden, shown])
    text = page_text(client.get(shortlist.share_path()))
    assert "Still Here" in text and "Gone Quiet" not in text


def test_an_unknown_token_and_the_lists_id_are_not_found(client, ada):
    shortlist = make_shortlist(ada)
    assert client.get("/shortlists/not-a-real-token-at-all/").status_code == 404
    assert client.get(f"/shortlists/{shortlist.pk}/").status_code == 404


def test_a_withdrawn_list_says_so_with_410_and_restoring_brings_it_back(
    client, ada, ada_client, roles
):
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    url = shortlist.share_path()
    response = run_action(ada_client, "withdraw", [shortlist])
    assert response.status_code == 302
    assert Shortlist.objects.get(pk=shortlist.pk).withdrawn_at is not None

    response = client.get(url)
    assert response.status_code == 410
    text = page_text(response)
    assert "The advisor who shared this link withdrew the list" in text
    assert "Year 12 computing" not in text and "Data Scientist" not in text
    assert "<title>Shortlist withdrawn · ML Career Guide</title>" in response.content.decode()
    assert Shortlist.objects.live().count() == 0

    run_action(ada_client, "restore", [shortlist])
    response = client.get(url)
    assert response.status_code == 200 and "Year 12 computing" in page_text(response)
    assert list(Shortlist.objects.live().owned_by(ada)) == [shortlist]


def test_tokens_are_long_unique_and_unrelated_to_the_id(ada):
    shortlists = [make_shortlist(ada, title=f"List {number}") for number in range(50)]
    tokens = [shortlist.token for shortlist in shortlists]
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 20 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)
    # Neighbouring lists share no telling prefix: the token says nothing about the id.
    for before, after in itertools.pairwise(tokens):
        assert before[:8] != after[:8]
    assert all(str(shortlist.pk) != shortlist.token for shortlist in shortlists)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shortlist.objects.create(owner=ada, title="Copy", token=tokens[0])


def test_the_page_takes_the_same_two_queries_for_2_or_30_roles(
    client, ada, make_role, django_assert_max_num_queries
):
    def queries_for(count):
        roles = [make_role(salary_low=90_000, salary_high=120_000) for _ in range(count)]
        shortlist = make_shortlist(ada, roles)
        with django_assert_max_num_queries(2) as captured:
            response = client.get(shortlist.share_path())
        assert len(response.context["shortlist"].items.all()) == count
        return len(captured)

    assert queries_for(2) == queries_for(30)


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
