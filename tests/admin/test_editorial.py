"""Editors curate the guide's entries and the salary factors in the admin: what they
save shows on the public pages at once, with history, and nobody deletes an entry."""

from django.contrib.auth.models import Group
from django.urls import reverse

from careers.accounts import EDITORS_GROUP
from careers.models import GuideEntry, SalaryFactor, Source
from tests.helpers import text

URL = "/salary-factors/"


# --- The guide --------------------------------------------------------------------


def test_an_editor_changes_a_guide_entry_and_the_guide_shows_it(editor_client, client):
    entry = GuideEntry.objects.get(slug="soft-skills")
    response = editor_client.post(
        reverse("admin:careers_guideentry_change", args=[entry.pk]),
        {
            "kind": entry.kind,
            "title": "Do soft skills matter?",
            "slug": entry.slug,
            "body": entry.body,
            "source": entry.source_id,
            "position": entry.position,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Do soft skills matter?" in text(client.get("/guide/"))
    assert entry.history.count() >= 2


def test_an_editor_adds_an_entry_and_may_not_delete_one(editor_client):
    source = Source.objects.get(slug="ml-careers-article-2026")
    response = editor_client.post(
        reverse("admin:careers_guideentry_add"),
        {
            "kind": "question",
            "title": "Can I switch careers later?",
            "slug": "switching-later",
            "body": "Yes: the skills carry over.",
            "source": source.pk,
            "position": 5,
        },
    )
    assert response.status_code == 302
    assert GuideEntry.objects.filter(slug="switching-later").exists()
    entry = GuideEntry.objects.get(slug="switching-later")
    response = editor_client.post(
        reverse("admin:careers_guideentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert GuideEntry.objects.filter(slug="switching-later").exists()


# --- Why pay varies: the salary factors -------------------------------------------


def test_an_editor_changes_a_factor_and_the_page_shows_it(editor_client, client):
    factor = SalaryFactor.objects.get(slug="location")
    response = editor_client.post(
        reverse("admin:careers_salaryfactor_change", args=[factor.pk]),
        {
            "name": "Location",
            "slug": "location",
            "summary": "Hubs pay more, and the gap is shrinking.",
            "explanation": factor.explanation,
            "source": factor.source_id,
            "position": 3,
            "figure_qualifier": "",
            "figure_low": "",
            "figure_high": "",
            "figure_unit": "",
            "figure_statement": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Hubs pay more, and the gap is shrinking." in text(client.get(URL))
    assert factor.history.count() >= 2  # the seed's entry and the editor's change


def test_editors_may_view_add_and_change_factors_but_not_delete_them():
    codenames = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"view_salaryfactor", "add_salaryfactor", "change_salaryfactor"} <= codenames
    assert "delete_salaryfactor" not in codenames
    # Granting these kept what editors could already do.
    assert {"change_role", "change_statistic", "add_skill"} <= codenames


def test_the_admin_lists_factors_with_their_figures(admin_client):
    html = admin_client.get(reverse("admin:careers_salaryfactor_changelist")).content.decode()
    assert "15–25%" in html and "nearly 2\u00d7" in html
    response = admin_client.get(reverse("admin:careers_salaryfactor_changelist"), {"q": "hubs"})
    assert [f.slug for f in response.context["cl"].result_list] == ["location"]
