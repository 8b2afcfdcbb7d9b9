"""An advisor keeps shortlists on the front of the site: makes one, renames it, writes a
note on each role, reorders and removes roles, sends the link, renews it, deletes the
list. No one else can see or change their lists."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from careers.models import Shortlist
from tests.helpers import logged_in, make_advisor, make_shortlist, text

MY = "/my-shortlists/"


def edit_url(shortlist):
    return f"{MY}{shortlist.pk}/"


def titles_in_order(shortlist):
    return [item.role.title for item in Shortlist.objects.get(pk=shortlist.pk).items.all()]


def test_signed_out_visitors_are_sent_to_sign_in_and_others_are_refused(client, editor_client):
    response = client.get(MY)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/my-shortlists/"
    assert editor_client.get(MY).status_code == 403
    assert client.post(f"{MY}add-role/", {"role": "data-scientist"}).status_code == 302
    assert editor_client.post(f"{MY}add-role/", {"role": "data-scientist"}).status_code == 403


def test_an_advisor_signing_in_finds_their_lists_from_the_admin_index(ada_client, editor_client):
    assert MY in ada_client.get("/admin/").content.decode()
    assert MY not in editor_client.get("/admin/").content.decode()


def test_a_superuser_may_keep_shortlists_too(django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="x")
    assert logged_in(boss).get(MY).status_code == 200


def test_an_advisor_makes_a_list_and_sees_only_their_own(ada, ada_client):
    make_shortlist(make_advisor("bob"), title="Bob’s list")
    response = ada_client.post(MY, {"title": "Year 12 computing", "introduction": "Hello."})
    shortlist = Shortlist.objects.get(title="Year 12 computing")
    assert shortlist.owner == ada and shortlist.introduction == "Hello."
    assert response["Location"] == edit_url(shortlist)
    page = text(ada_client.get(MY))
    assert "Year 12 computing 0 roles" in page and "Bob’s list" not in page


def test_a_list_without_a_title_is_a_form_error_not_a_new_list(ada_client):
    response = ada_client.post(MY, {"title": "  "})
    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert not Shortlist.objects.exists()


def test_renaming_keeps_the_link_and_an_empty_title_is_refused(ada, ada_client, roles):
    shortlist = make_shortlist(ada, roles)
    ada_client.post(edit_url(shortlist), {"title": "Year 13", "introduction": "New intro."})
    renamed = Shortlist.objects.get(pk=shortlist.pk)
    assert renamed.title == "Year 13" and renamed.token == shortlist.token
    response = ada_client.post(edit_url(shortlist), {"title": ""})
    assert response.status_code == 400 and "This field is required." in text(response)
    assert Shortlist.objects.get(pk=shortlist.pk).title == "Year 13"


def test_notes_are_saved_and_reach_the_students_page(ada, ada_client, client, roles):
    shortlist = make_shortlist(ada, roles)
    item = shortlist.items.get(role__slug="data-scientist")
    response = ada_client.post(
        f"{edit_url(shortlist)}roles/{item.pk}/note/", {f"{item.pk}-note": "Loves statistics."}
    )
    assert response["Location"] == f"{edit_url(shortlist)}#item-{item.pk}"
    assert "Loves statistics." in text(client.get(shortlist.share_path()))


def test_roles_move_up_and_down_and_come_off_the_list(ada, ada_client, make_role):
    a, b, c = (make_role(title=name) for name in ("Alpha", "Bravo", "Charlie"))
    shortlist = make_shortlist(ada, [a, b, c])
    item_c = shortlist.items.get(role=c)
    ada_client.post(f"{edit_url(shortlist)}roles/{item_c.pk}/up/")
    assert titles_in_order(shortlist) == ["Alpha", "Charlie", "Bravo"]
    item_a = shortlist.items.get(role=a)
    ada_client.post(f"{edit_url(shortlist)}roles/{item_a.pk}/down/")
    assert titles_in_order(shortlist) == ["Charlie", "Alpha", "Bravo"]
    # Moving the first role up changes nothing.
    item_c = shortlist.items.get(role=c)
    ada_client.post(f"{edit_url(shortlist)}roles/{item_c.pk}/up/")
    assert titles_in_order(shortlist) == ["Charlie", "Alpha", "Bravo"]
    ada_client.post(f"{edit_url(shortlist)}roles/{item_a.pk}/remove/")
    assert titles_in_order(shortlist) == ["Charlie", "Bravo"]
    # The page lists them in the new order.
    page = text(ada_client.get(edit_url(shortlist)))
    assert page.index("Charlie") < page.index("Bravo")


def test_the_page_gives_the_absolute_link_to_copy_or_email(ada, ada_client, roles, settings):
    settings.SITE_URL = "https://careers.example.org"
    shortlist = make_shortlist(ada, roles, title="Year 12 & 13")
    html = ada_client.get(edit_url(shortlist)).content.decode()
    url = f"https://careers.example.org/shortlists/{shortlist.token}/"
    # A read-only field to select by hand, and a copy button share.js turns on.
    assert re.search(
        rf'<input type="text" id="share-url" class="share-url" value="{url}" readonly>', html
    )
    assert f'data-copy-link="{url}" disabled>Copy link</button>' in html
    mailto = re.search(r'href="(mailto:[^"]+)">Email link', html).group(1)
    query = parse_qs(urlsplit(mailto.replace("&amp;", "&")).query)
    assert query["subject"] == ["Year 12 & 13"]
    assert url in query["body"][0]


def test_a_new_link_stops_the_old_one(ada, ada_client, client, roles):
    shortlist = make_shortlist(ada, roles)
    old = shortlist.share_path()
    response = ada_client.post(f"{edit_url(shortlist)}new-link/")
    assert response.status_code == 302
    assert client.get(old).status_code == 404
    assert client.get(Shortlist.objects.get(pk=shortlist.pk).share_path()).status_code == 200


def test_deleting_asks_first_then_removes_the_list_and_its_link(ada, ada_client, client, roles):
    shortlist = make_shortlist(ada, roles, title="Year 12")
    confirm = ada_client.get(f"{edit_url(shortlist)}delete/")
    assert "Delete “Year 12”?" in text(confirm)
    assert Shortlist.objects.filter(pk=shortlist.pk).exists()
    response = ada_client.post(f"{edit_url(shortlist)}delete/")
    assert response["Location"] == MY
    assert not Shortlist.objects.filter(pk=shortlist.pk).exists()
    assert client.get(shortlist.share_path()).status_code == 404


@pytest.mark.parametrize(
    "action", ["", "delete/", "new-link/", "roles/{item}/note/", "roles/{item}/up/"]
)
def test_another_advisors_list_and_unknown_ids_are_not_found(ada, roles, action):
    shortlist = make_shortlist(ada, roles)
    item = shortlist.items.first()
    bob = logged_in(make_advisor("bob"))
    path = edit_url(shortlist) + action.format(item=item.pk)
    assert bob.post(path, {"title": "Mine now"}).status_code == 404
    ada_client = logged_in(ada)
    assert ada_client.post(f"{MY}999999/{action.format(item=item.pk)}").status_code == 404
    assert Shortlist.objects.get(pk=shortlist.pk).title == "Year 12"
    if "{item}" in action:
        unknown = edit_url(shortlist) + action.format(item=999999)
        assert ada_client.post(unknown).status_code == 404


def test_writes_need_the_csrf_token(ada, roles):
    shortlist = make_shortlist(ada, roles)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ada)
    assert strict.post(f"{edit_url(shortlist)}delete/").status_code == 403
    assert strict.post(MY, {"title": "Sneaky"}).status_code == 403
    assert Shortlist.objects.filter(pk=shortlist.pk).exists()


def test_the_advisors_pages_are_noindex_and_take_a_fixed_number_of_queries(
    ada, ada_client, make_role, django_assert_max_num_queries
):
    def queries_for(count):
        shortlist = make_shortlist(ada, [make_role() for _ in range(count)])
        with django_assert_max_num_queries(12) as edit:
            response = ada_client.get(edit_url(shortlist))
        assert response["X-Robots-Tag"] == "noindex"
        with django_assert_max_num_queries(12) as listing:
            ada_client.get(MY)
        return len(edit), len(listing)

    assert queries_for(1) == queries_for(15)
