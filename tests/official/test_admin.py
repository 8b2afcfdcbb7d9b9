"""Editors read the official BLS figures in the admin, which nobody edits by hand,
correct a release's publication date, and link each role to its occupations."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Area, Occupation, Role, RoleOccupation, WageRelease
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews
from tests.helpers import form_data, page_text
from tests.helpers.oews import SAMPLE_FILE, estimate


@pytest.fixture
def superuser_client():
    user = get_user_model().objects.create_superuser(
        "root", "root@example.org", "a-long-test-password"
    )
    client = Client()
    client.force_login(user)
    return client


# --- Reading the official figures ------------------------------------------------


def test_the_estimates_list_says_top_coded_and_missing_figures_as_they_are(editor_client):
    response = editor_client.get(reverse("admin:careers_wageestimate_changelist"), {"q": "11-1011"})
    text = page_text(response)
    assert "11-1011 Chief Executives U.S. Cross-industry OEWS May 2025" in text
    assert "$239,200 or more" in text  # the 90th percentile, "#" in BLS's file
    assert "239,200 " not in text.replace("$239,200 or more", "")
    actors = page_text(
        editor_client.get(reverse("admin:careers_wageestimate_changelist"), {"q": "Actors"})
    )
    assert "Not available" in actors  # hourly-only: no annual figures


def test_the_estimates_list_filters_by_release_and_level(editor_client):
    url = reverse("admin:careers_wageestimate_changelist")
    release = WageRelease.objects.get(name="May 2025")
    response = editor_client.get(url, {"release__id__exact": release.pk})
    assert response.context["cl"].result_count == release.estimates.count()
    response = editor_client.get(url, {"area__kind__exact": Area.Kind.STATE})
    assert {e.area.kind for e in response.context["cl"].result_list} == {Area.Kind.STATE}
    response = editor_client.get(url, {"occupation__level__exact": "major"})
    assert {e.occupation.code for e in response.context["cl"].result_list} == {"15-0000"}


def test_nobody_adds_changes_or_deletes_an_estimate_by_hand_not_even_a_superuser(
    superuser_client,
):
    chief = estimate("11-1011")
    change_url = reverse("admin:careers_wageestimate_change", args=[chief.pk])
    view = superuser_client.get(change_url)
    assert view.status_code == 200 and "$239,200 or more" in page_text(view)
    assert 'name="_save"' not in view.content.decode()

    assert superuser_client.get(reverse("admin:careers_wageestimate_add")).status_code == 403
    assert superuser_client.post(change_url, {"employment": 1}).status_code == 403
    delete_url = reverse("admin:careers_wageestimate_delete", args=[chief.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403
    version = chief.history.first()
    revert_url = reverse(
        "admin:careers_wageestimate_simple_history", args=[chief.pk, version.history_id]
    )
    assert superuser_client.post(revert_url, {}).status_code == 403
    assert estimate("11-1011").employment == chief.employment
    listing = superuser_client.get(reverse("admin:careers_wageestimate_changelist"))
    assert "Add official wage estimate" not in page_text(listing)


def test_the_estimates_list_runs_the_same_few_queries_however_many_rows(
    editor_client, django_assert_max_num_queries
):
    url = reverse("admin:careers_wageestimate_changelist")
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as one_release:
        before = editor_client.get(url).context["cl"].result_count
    import_oews(
        SAMPLE_FILE.read_bytes(),
        release="May 2024",
        published=datetime.date(2025, 4, 2),
        hourly_top_code=DEFAULT_HOURLY_TOP_CODE,
        file_name=SAMPLE_FILE.name,
    )
    with CaptureQueriesContext(connection) as two_releases:
        response = editor_client.get(url)
    assert response.context["cl"].result_count == before + 18
    assert len(two_releases) == len(one_release)


def test_releases_are_listed_with_their_estimates_and_made_only_by_importing(
    editor_client, superuser_client
):
    text = page_text(editor_client.get(reverse("admin:careers_wagerelease_changelist")))
    stored = WageRelease.objects.get(name="May 2025").estimates.count()
    assert "May 2025 May 15, 2026" in text and f" {stored} " in text
    release = WageRelease.objects.get(name="May 2025")
    assert superuser_client.get(reverse("admin:careers_wagerelease_add")).status_code == 403
    delete_url = reverse("admin:careers_wagerelease_delete", args=[release.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403


def test_an_editor_corrects_a_releases_publication_date_but_not_to_an_impossible_one(
    editor, editor_client
):
    release = WageRelease.objects.get(name="May 2025")
    url = reverse("admin:careers_wagerelease_change", args=[release.pk])
    response = editor_client.post(url, {"published": "2026-05-14", "source": release.source_id})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.published == datetime.date(2026, 5, 14)
    assert release.history.first().history_user == editor

    for date, message in [
        ("2025-04-30", "is before the month the release describes"),
        ((timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "is in the future"),
    ]:
        response = editor_client.post(url, {"published": date, "source": release.source_id})
        assert response.status_code == 200 and message in page_text(response)
    release.refresh_from_db()
    assert release.published == datetime.date(2026, 5, 14)


def test_occupations_are_listed_with_their_linked_roles_and_editors_may_add_not_delete(
    editor_client,
):
    url = reverse("admin:careers_occupation_changelist")
    response = editor_client.get(url, {"q": "15-2051"})
    (data_scientists,) = response.context["cl"].result_list
    linked = RoleOccupation.objects.filter(occupation__code="15-2051").count()
    assert linked > 0 and data_scientists.role_count == linked
    assert f"15-2051 Data Scientists Detailed occupation {linked}" in page_text(response)

    response = editor_client.post(
        reverse("admin:careers_occupation_add"),
        {
            "code": "15-2099",
            "title": "Mathematical Science Occupations, All Other",
            "level": "detailed",
        },
    )
    assert response.status_code == 302 and Occupation.objects.filter(code="15-2099").exists()
    delete_url = reverse("admin:careers_occupation_delete", args=[data_scientists.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403


# --- Linking a role to its occupations ---------------------------------------------


def with_new_link(role, occupation, note):
    data = form_data(role)
    index = data["occupation_links-TOTAL_FORMS"]
    data["occupation_links-TOTAL_FORMS"] = index + 1
    data.update(
        {
            f"occupation_links-{index}-role": role.pk,
            f"occupation_links-{index}-occupation": occupation.pk,
            f"occupation_links-{index}-note": note,
            f"occupation_links-{index}-position": 5,
        }
    )
    return data


def test_a_roles_page_shows_its_occupations_and_a_link_needs_a_note(editor, editor_client):
    role = Role.objects.get(slug="data-scientist")
    url = reverse("admin:careers_role_change", args=[role.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    assert "occupation_links-TOTAL_FORMS" in html
    assert "Closest official occupations (BLS)" in page_text(page)
    first_link = role.occupation_links.first()
    assert str(first_link.occupation) in page_text(page)

    statisticians = Occupation.objects.get(code="15-2041")
    assert not role.occupation_links.filter(occupation=statisticians).exists()
    response = editor_client.post(url, with_new_link(role, statisticians, ""))
    assert response.status_code == 200
    assert "This field is required." in page_text(response)
    assert not role.occupation_links.filter(occupation=statisticians).exists()

    response = editor_client.post(url, with_new_link(role, statisticians, "shares the methods"))
    assert response.status_code == 302
    link = role.occupation_links.get(occupation=statisticians)
    assert link.note == "shares the methods"
    assert link.history.first().history_user == editor
