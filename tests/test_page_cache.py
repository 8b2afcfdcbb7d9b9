"""A visitor who is not signed in gets each public page from the cache, and an editor's
change is on that visitor's very next page, whichever way the editor made it."""

import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.html import escape

from careerguide.page_cache import STATUS_HEADER, PageCacheMiddleware
from careers import content_version
from careers.models import (
    Area,
    Credential,
    GuideEntry,
    Industry,
    KeyPoint,
    Occupation,
    Role,
    SalaryFactor,
    Shortlist,
    Skill,
    Statistic,
)
from tests.helpers import REASON, figure_values, form_data, make_shortlist

PAGES = {
    "home": "/",
    "directory": "/roles/",
    "role": "/roles/data-scientist/",
    "compare": "/compare/?roles=data-scientist&roles=robotics-engineer",
    "match": "/match/?skills=python",
    "paths": "/paths/",
    "skills": "/skills/",
    "skill": "/skills/python/",
    "industries": "/industries/",
    "industry": "/industries/{industry}/",
    "credentials": "/credentials/",
    "credential": "/credentials/{credential}/",
    "guide": "/guide/",
    "guide figures": "/guide/figures/",
    "official data": "/official-data/",
    "places": "/places/",
    "place": "/places/{place}/",
    "salary factors": "/salary-factors/",
    "search": "/search/?q=data",
}

# What an editor may rename, in the order a page's text is searched for one it shows.
SHOWN = [
    (Role, "title"),
    (Skill, "name"),
    (Industry, "name"),
    (Credential, "name"),
    (SalaryFactor, "name"),
    (GuideEntry, "title"),
    (KeyPoint, "title"),
    (Statistic, "statement"),
    (Occupation, "title"),
    (Area, "title"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def url_of(page):
    """The page's address in the seeded database."""
    return PAGES[page].format(
        industry=Industry.objects.filter(roles__isnull=False).first().slug,
        credential=Credential.objects.filter(role_credentials__isnull=False).first().slug,
        place=Area.objects.filter(kind=Area.Kind.STATE).order_by("title").first().slug,
    )


def main_text(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def rename_something_shown(html):
    """Rename, with a plain save(), the first record whose name the page shows as the
    whole text of an element (a link, a heading, a cell); returns the new name."""
    for model, field in SHOWN:
        for record in model.objects.order_by("pk"):
            name = getattr(record, field)
            if re.search(rf">\s*{re.escape(escape(name))}\s*<", html):
                setattr(record, field, f"{name} Revised")
                record.save()
                return f"{name} Revised"
    raise AssertionError("the page shows nothing an editor can rename")


def cached_twice(client, url):
    """Ask for a page twice: the second answer comes from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200
    assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    return second


@pytest.mark.parametrize("page", PAGES)
def test_the_second_visit_to_a_page_asks_the_database_nothing(
    client, page, django_assert_num_queries
):
    url = url_of(page)
    client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again[STATUS_HEADER] == "hit"


@pytest.mark.parametrize("page", PAGES)
def test_an_editors_save_is_on_the_next_anonymous_visit(client, page):
    url = url_of(page)
    cached = cached_twice(client, url)
    new_name = rename_something_shown(main_text(cached))
    after = client.get(url)
    assert after[STATUS_HEADER] == "miss"
    assert escape(new_name) in main_text(after)


def admin_rename(editor_client, role, title):
    response = editor_client.post(
        f"/admin/careers/role/{role.pk}/change/", form_data(role, title=title)
    )
    assert response.status_code == 302


def desk_raise(editor_client, role, salary_high):
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "_save": "Save",
        "change_reason": REASON,
        **{f"form-0-{key}": value for key, value in figure_values(role).items()},
        "form-0-id": role.pk,
        "form-0-salary_high": salary_high,
    }
    response = editor_client.post("/admin/careers/role/?q=data+scientist", data)
    assert response.status_code == 302


@pytest.mark.parametrize("page", PAGES)
def test_a_role_renamed_on_its_admin_page_is_on_every_page_next_time(client, editor_client, page):
    url = url_of(page)
    before = main_text(cached_twice(client, url))
    role = Role.objects.get(slug="data-scientist")
    admin_rename(editor_client, role, "Data Scientist (Applied)")
    after = client.get(url)
    assert after[STATUS_HEADER] == "miss"
    if escape(role.title) in before:
        assert "Data Scientist (Applied)" in main_text(after)


@pytest.mark.parametrize("page", PAGES)
def test_a_figure_saved_at_the_salary_desk_is_on_every_page_next_time(client, editor_client, page):
    url = url_of(page)
    cached_twice(client, url)
    role = Role.objects.get(slug="data-scientist")
    desk_raise(editor_client, role, 987_000)
    assert Role.objects.get(pk=role.pk).salary_high == 987_000
    after = client.get(url)
    assert after[STATUS_HEADER] == "miss"
    if page == "role":
        assert "987,000" in main_text(after)


# --- Never cached ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor_client", "ada_client"])
def test_signed_in_people_always_get_a_page_made_for_them(client, who, request):
    signed_in = request.getfixturevalue(who)
    cached_twice(client, "/roles/data-scientist/")
    for _ in range(2):
        page = signed_in.get("/roles/data-scientist/")
        assert STATUS_HEADER not in page
    if who == "ada_client":
        assert "Add to shortlist" in page.content.decode()
    assert "Add to shortlist" not in client.get("/roles/data-scientist/").content.decode()


def test_the_admin_is_never_cached(client, editor_client):
    for browser in (client, editor_client, editor_client):
        for url in ("/admin/login/", "/admin/"):
            assert STATUS_HEADER not in browser.get(url)


def test_a_shared_shortlist_is_never_cached_so_withdrawing_it_takes_effect_at_once(
    client, ada, roles
):
    shortlist = make_shortlist(ada, roles)
    url = shortlist.share_path()
    assert STATUS_HEADER not in client.get(url)
    assert STATUS_HEADER not in client.get(url)
    Shortlist.objects.filter(pk=shortlist.pk).withdraw()
    assert client.get(url).status_code == 410


def test_an_advisors_lists_are_never_cached(ada_client):
    for _ in range(2):
        assert STATUS_HEADER not in ada_client.get("/my-shortlists/")


def test_the_health_check_is_never_cached(client):
    for _ in range(2):
        response = client.get("/healthz")
        assert STATUS_HEADER not in response
        assert response["Cache-Control"] == "no-store"


def middleware_serving(make_response):
    """The page cache in front of a view that answers with make_response(); counts the
    times the view ran."""
    runs = []

    def view(request):
        runs.append(request)
        return make_response()

    return PageCacheMiddleware(view), runs


def with_cookie():
    response = HttpResponse("<p>Welcome</p>")
    response.set_cookie("visitor", "42")
    return response


def private():
    response = HttpResponse("<p>Yours</p>")
    response["Cache-Control"] = "private"
    return response


@pytest.mark.parametrize(
    "make_response",
    [
        with_cookie,
        private,
        lambda: HttpResponse("Not here", status=404),
        lambda: HttpResponse("Moved", status=302),
    ],
    ids=["sets a cookie", "private", "not found", "redirect"],
)
def test_an_answer_that_is_not_the_same_for_everyone_is_never_stored(make_response):
    middleware, runs = middleware_serving(make_response)
    for _ in range(2):
        response = middleware(RequestFactory().get("/roles/"))
        assert STATUS_HEADER not in response
    assert len(runs) == 2


def test_a_visitor_with_a_session_or_a_message_waiting_is_not_served_from_the_cache():
    middleware, runs = middleware_serving(lambda: HttpResponse("<p>Roles</p>"))
    middleware(RequestFactory().get("/roles/"))
    assert middleware(RequestFactory().get("/roles/"))[STATUS_HEADER] == "hit"
    for cookie in ("sessionid", "messages"):
        request = RequestFactory().get("/roles/")
        request.COOKIES[cookie] = "something"
        assert STATUS_HEADER not in middleware(request)
    assert len(runs) == 3


def test_a_page_that_showed_a_message_is_not_stored():
    class ShownMessages:
        used, added_new = True, False

    def view(request):
        request._messages = ShownMessages()  # as MessageMiddleware's storage, once read
        return HttpResponse("<p>Saved.</p>")

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        assert STATUS_HEADER not in middleware(RequestFactory().get("/roles/"))


# --- Keys --------------------------------------------------------------------------------


def test_different_query_strings_never_share_a_page(client):
    core = client.get("/roles/?track=core")
    specialism = client.get("/roles/?track=specialism")
    assert (core[STATUS_HEADER], specialism[STATUS_HEADER]) == ("miss", "miss")
    assert core.content != specialism.content
    assert client.get("/roles/?track=core")[STATUS_HEADER] == "hit"
    assert client.get("/search/?q=")[STATUS_HEADER] == "miss"
    assert client.get("/search/")[STATUS_HEADER] == "miss"
    assert client.get("/search/?q=data")[STATUS_HEADER] == "miss"


def test_parameters_in_another_order_are_the_same_page_but_repeated_ones_keep_theirs(client):
    client.get("/roles/?track=core&sort=title")
    assert client.get("/roles/?sort=title&track=core")[STATUS_HEADER] == "hit"
    forward = client.get("/compare/?roles=data-scientist&roles=robotics-engineer")
    backward = client.get("/compare/?roles=robotics-engineer&roles=data-scientist")
    assert (forward[STATUS_HEADER], backward[STATUS_HEADER]) == ("miss", "miss")
    again = client.get("/compare/?roles=data-scientist&roles=robotics-engineer")
    assert again[STATUS_HEADER] == "hit"


def test_a_page_asked_for_at_another_address_is_cached_apart(client):
    client.get("/", HTTP_HOST="localhost")
    assert client.get("/", HTTP_HOST="127.0.0.1")[STATUS_HEADER] == "miss"


def test_caching_is_off_when_page_cache_seconds_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert STATUS_HEADER not in client.get("/roles/")


# --- The content version -----------------------------------------------------------------


def test_every_save_delete_and_link_change_moves_the_content_version_on(make_role):
    before = content_version.current()
    role = make_role()
    after_save = content_version.current()
    role.industries.add(Industry.objects.first())
    after_link = content_version.current()
    role.delete()
    assert before < after_save < after_link < content_version.current()


def test_an_advisors_shortlist_leaves_the_content_version_alone(ada, roles):
    before = content_version.current()
    make_shortlist(ada, roles)
    assert content_version.current() == before


def test_the_content_version_survives_being_evicted_without_going_back():
    first = content_version.current()
    cache.delete(content_version.KEY)
    content_version.bump()
    assert content_version.current() > first


def test_a_bump_counts_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    start = content_version.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        content_version.bump()
        content_version.bump()
    # One callback for the transaction, however many rows it changed.
    assert len(callbacks) == 1
    assert content_version.current() == start + 3


def test_the_code_version_reads_a_static_root_outside_the_project(settings, tmp_path):
    # Django accepts STATIC_ROOT as a str, anywhere (the bench's is a temporary folder):
    # the server must still start, and a different manifest must give a different version.
    from careerguide.page_cache import code_version

    settings.STATIC_ROOT = str(tmp_path)
    before = code_version.__wrapped__()
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    assert code_version.__wrapped__() != before
