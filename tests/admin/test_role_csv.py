"""Bulk salary updates from a CSV: preview first, all or nothing, history like a manual edit."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from careers.importing import COLUMNS
from careers.models import Role
from tests.helpers import REASON


def exported_rows(client):
    response = client.post(
        reverse("admin:careers_role_export"),
        {"format": "0", "resource": "0", **{f"rolefiguresresource_{c}": "on" for c in COLUMNS}},
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def upload(client, content):
    return client.post(
        reverse("admin:careers_role_import"),
        {
            "import_file": SimpleUploadedFile("figures.csv", content, "text/csv"),
            "format": "0",
            "resource": "0",
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:careers_role_process_import"),
        {**form.initial, "resource": form.initial.get("resource", "0")},
    )


def row_for(rows, slug):
    return next(row for row in rows if row["slug"] == slug)


def test_the_export_has_every_role_and_the_import_shape(editor_client):
    rows = exported_rows(editor_client)
    assert list(rows[0].keys()) == COLUMNS
    assert len(rows) == Role.objects.count()
    robotics = row_for(rows, "robotics-engineer")
    assert (robotics["salary_low"], robotics["salary_high"]) == ("90000", "140000")
    assert robotics["salary_source"] == "ml-careers-article-2026"
    assert robotics["salary_as_of"] == "2026-01-01"


def test_the_preview_shows_each_change_and_changes_nothing(editor_client):
    rows = exported_rows(editor_client)
    row_for(rows, "robotics-engineer").update(salary_high="150000", change_reason=REASON)
    preview = upload(editor_client, as_csv(rows))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "confirm_form" in preview.context and preview.context["confirm_form"] is not None
    robotics = re.search(r'<tr class="update">.*?robotics-engineer.*?</tr>', html, re.S).group(0)
    # 140000 → 150000, marked without the style attributes the CSP would block.
    assert "<del>4</del><ins>5</ins>" in robotics
    # …and the row's last cell lists each changed field, old → new, with the reason.
    changes = re.search(r'<ul class="import-changes">(.*?)</ul>(.*?)</td>', robotics, re.S)
    assert changes.group(1) == "<li>salary_high: 140000 → 150000</li>"
    assert f"Reason: {REASON}" in changes.group(2)
    assert html.count('<tr class="update">') == 1
    assert Role.objects.get(slug="robotics-engineer").salary_high == 140_000


def test_a_confirmed_import_changes_exactly_the_rows_given_and_records_history(
    editor, editor_client, client
):
    before = {role.slug: (role.figures(), role.version) for role in Role.objects.all()}
    rows = exported_rows(editor_client)
    row_for(rows, "robotics-engineer").update(salary_high="150000", change_reason=REASON)
    row_for(rows, "ai-specialist").update(
        salary_low="100000",
        salary_high="150000",
        salary_source="us-bls",
        salary_as_of="2025-05-01",
        change_reason="Checked against OEWS 2025",
    )
    preview = upload(editor_client, as_csv(rows))
    response = confirm(editor_client, preview)
    assert response.status_code == 302

    changed = {"robotics-engineer", "ai-specialist"}
    for role in Role.objects.all():
        if role.slug in changed:
            assert role.version == before[role.slug][1] + 1
        else:
            assert (role.figures(), role.version) == before[role.slug], role.slug
    robotics = Role.objects.get(slug="robotics-engineer")
    assert robotics.salary_high == 150_000
    entry = robotics.history.first()
    assert (entry.history_user, entry.history_change_reason) == (editor, REASON)
    ai = Role.objects.get(slug="ai-specialist").history.first()
    assert ai.history_change_reason == "Checked against OEWS 2025"
    assert "$100,000 – $150,000" in client.get("/roles/ai-specialist/").content.decode()


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ({"slug": "astronaut"}, "Unknown role slug “astronaut”"),
        ({"salary_low": "ninety thousand"}, "“ninety thousand” is not a whole number of dollars"),
        ({"outlook_growth_pct": "fast"}, "“fast” is not a percentage"),
        ({"salary_low": "150000"}, "The high figure is below the low one ($150,000)."),
        ({"salary_source": ""}, "A salary figure needs a source."),
        ({"salary_source": "no-such-source"}, "does not exist"),
        ({"salary_as_of": "2999-01-01"}, "cannot be in the future"),
        ({"salary_low": "900"}, "outside the plausible range"),
        ({"salary_low": "95000", "change_reason": " "}, "Say why the figures changed"),
    ],
)
def test_one_bad_row_is_reported_and_nothing_is_applied(editor_client, bad_row, message):
    before = {role.slug: role.figures() for role in Role.objects.all()}
    rows = exported_rows(editor_client)
    # A good change in the same file
    row_for(rows, "data-scientist").update(salary_high="155000", change_reason=REASON)
    row_for(rows, "robotics-engineer")["change_reason"] = REASON
    row_for(rows, "robotics-engineer").update(bad_row)
    response = upload(editor_client, as_csv(rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert response.context.get("confirm_form") is None
    assert {role.slug: role.figures() for role in Role.objects.all()} == before


def test_spreadsheet_formatting_of_amounts_is_understood(editor_client):
    rows = exported_rows(editor_client)
    row_for(rows, "robotics-engineer").update(
        salary_low="$95,000", salary_high=" 150,000 ", change_reason=REASON
    )
    confirm(editor_client, upload(editor_client, as_csv(rows)))
    role = Role.objects.get(slug="robotics-engineer")
    assert (role.salary_low, role.salary_high) == (95_000, 150_000)


def test_imported_figures_survive_a_second_set_up(editor_client):
    rows = exported_rows(editor_client)
    row_for(rows, "robotics-engineer").update(salary_high="150000", change_reason=REASON)
    confirm(editor_client, upload(editor_client, as_csv(rows)))
    call_command("load_seed", verbosity=0)
    assert Role.objects.get(slug="robotics-engineer").salary_high == 150_000


def test_a_visitor_who_is_not_an_editor_cannot_import(client):
    user = get_user_model().objects.create_user("student", password="a-long-test-password-2026")
    client.force_login(user)
    response = upload(client, b"slug\n")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_title_that_a_spreadsheet_would_run_is_exported_as_text(editor_client):
    # Without the escape, Excel would run the formula when an editor opens the export.
    Role.objects.filter(slug="data-scientist").update(
        title='=HYPERLINK("https://evil.example/","Salary update")'
    )
    rows = exported_rows(editor_client)
    assert row_for(rows, "data-scientist")["title"] == (
        '\'=HYPERLINK("https://evil.example/","Salary update")'
    )
    assert all(not row[column].startswith(("=", "+", "@")) for row in rows for column in COLUMNS)


def test_an_escaped_export_imports_back_as_it_was(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    role.outlook_period = "-2 years from now"
    role.save()
    rows = exported_rows(editor_client)
    assert row_for(rows, "robotics-engineer")["outlook_period"] == "'-2 years from now"

    preview = upload(editor_client, as_csv(rows))
    assert preview.status_code == 200
    assert '<tr class="update">' not in preview.content.decode()  # nothing changed
    confirm(editor_client, preview)
    assert Role.objects.get(slug="robotics-engineer").outlook_period == "-2 years from now"
