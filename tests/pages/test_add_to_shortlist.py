"""An advisor signed in adds the role they are reading, or one they are comparing, to a
shortlist, without leaving the page; nobody else sees the control."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Shortlist
from tests.helpers import logged_in, make_advisor, make_shortlist, text

ADD = "/my-shortlists/add-role/"
ROLE = "/roles/data-scientist/"
COMPARE = "/compare/?roles=data-scientist&roles=robotics-engineer"


def test_anonymous_visitors_see_no_control_and_the_page_asks_nothing_more(client):
    for path in (ROLE, COMPARE):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(path).content.decode()
        assert "Add to shortlist" not in html and 'name="csrfmiddlewaretoken"' not in html
        sql = " ".join(query["sql"] for query in captured)
        assert "careers_shortlist" not in sql and "auth_" not in sql


def test_other_staff_see_no_control(editor_client):
    assert "Add to shortlist" not in editor_client.get(ROLE).content.decode()


def test_an_advisor_sees_the_control_with_only_their_own_lists(ada, ada_client):
    make_shortlist(ada, title="Year 12")
    make_shortlist(make_advisor("bob"), title="Bob’s list")
    html = ada_client.get(ROLE).content.decode()
    assert "<summary>Add to shortlist</summary>" in html
    assert '<input type="hidden" name="role" value="data-scientist">' in html
    assert ">Year 12</option>" in html and "Bob’s list" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_adding_to_a_list_goes_back_to_the_role_page_with_a_message(ada, ada_client, make_role):
    first = make_role(title="First Pick")
    shortlist = make_shortlist(ada, [first], title="Year 12")
    response = ada_client.post(
        ADD, {"role": "data-scientist", "shortlist": shortlist.pk, "next": ROLE}, follow=True
    )
    assert response.redirect_chain == [(ROLE, 302)]
    assert "Added Data Scientist to “Year 12”." in text(response)
    assert [item.role.title for item in shortlist.items.all()] == ["First Pick", "Data Scientist"]
    # Adding it again keeps it once and says so.
    response = ada_client.post(
        ADD, {"role": "data-scientist", "shortlist": shortlist.pk, "next": ROLE}, follow=True
    )
    assert "Data Scientist is already on “Year 12”." in text(response)
    assert shortlist.items.count() == 2


def test_naming_a_new_list_makes_it_with_the_role_on_it(ada, ada_client):
    ada_client.post(ADD, {"role": "robotics-engineer", "new_title": " Year 13 ", "next": COMPARE})
    shortlist = Shortlist.objects.get(owner=ada)
    assert shortlist.title == "Year 13"
    assert [item.role.slug for item in shortlist.items.all()] == ["robotics-engineer"]


def test_the_compare_page_lets_the_advisor_choose_which_compared_role(ada, ada_client):
    html = ada_client.get(COMPARE).content.decode()
    assert '<select id="add-role" name="role">' in html
    assert '<option value="data-scientist">Data Scientist</option>' in html
    assert '<option value="robotics-engineer">Robotics Engineer</option>' in html


def test_bad_choices_are_messages_not_errors_and_add_nothing(ada, ada_client, roles):
    bobs = make_shortlist(make_advisor("bob"), title="Bob’s list")
    cases = [
        {"role": "data-scientist", "next": ROLE},  # no list chosen or named
        {"role": "data-scientist", "shortlist": bobs.pk, "next": ROLE},  # not hers
        {"role": "no-such-role", "new_title": "Year 12", "next": ROLE},
        {"role": "data-scientist", "shortlist": "abc", "next": ROLE},
    ]
    for data in cases:
        response = ada_client.post(ADD, data, follow=True)
        assert response.status_code == 200 and response.redirect_chain == [(ROLE, 302)]
        assert "Added" not in text(response)
    assert "Choose one of your shortlists or name a new one." in text(
        ada_client.post(ADD, cases[0], follow=True)
    )
    assert not Shortlist.objects.filter(owner=ada).exists() and not bobs.items.exists()


def test_it_never_sends_the_advisor_to_another_site(ada_client):
    response = ada_client.post(
        ADD, {"role": "data-scientist", "new_title": "Y", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/my-shortlists/"


def test_an_advisor_signed_out_cannot_add(client):
    response = client.post(ADD, {"role": "data-scientist", "new_title": "Y"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Shortlist.objects.exists()
    assert logged_in(make_advisor("cy")).get(ROLE).status_code == 200
