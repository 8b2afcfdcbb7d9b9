"""Editors import a release's BLS OEWS file in the admin: previewed, then confirmed, with
who imported it in the history; a bad upload or a spoilt confirmation is refused with
a message and writes nothing."""

import csv
import datetime
import io
import re
import tempfile
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from careers.models import Occupation, Source, WageEstimate, WageRelease
from careers.official.previews import PREVIEW_SALT as OEWS_TOKEN_SALT
from careers.seeding import AREAS_SEED, NATIONAL_SEED
from tests.helpers import page_text
from tests.helpers.oews import estimate

SAMPLE = NATIONAL_SEED.path.read_bytes()
SAMPLE_NAME = NATIONAL_SEED.path.name
IMPORT_URL = reverse("admin:careers_wagerelease_import")
CONFIRM_URL = reverse("admin:careers_wagerelease_import_confirm")
NEW_RELEASE = {"release": "May 2024", "published": "2025-04-02"}
SEEDED_RELEASE = {"release": "May 2025", "published": "2026-05-15"}


@pytest.fixture(autouse=True)
def upload_dir(monkeypatch, tmp_path):
    """Previewed uploads wait in django-import-export's temporary storage, which keeps
    them in the system's temporary folder: here, a folder of this test's own."""
    directory = tmp_path / "oews-uploads"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def sample_with(*cells):
    """The sample file with cells changed, each given as (SOC code, column, new value)."""
    rows = list(csv.reader(io.StringIO(SAMPLE.decode("utf-8-sig"))))
    header = rows[0]
    for code, column, value in cells:
        row = next(row for row in rows if row[header.index("OCC_CODE")] == code)
        row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def row_number(code):
    """The row of SOC `code` in the sample, counted as a spreadsheet does (header = 1)."""
    lines = SAMPLE.decode("utf-8-sig").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if f",{code}," in line)


def preview(client, data=SAMPLE, name=SAMPLE_NAME, **fields):
    values = {**NEW_RELEASE, "hourly_top_code": "115.00", **fields}
    if data is not None:
        values["file"] = SimpleUploadedFile(name, data, "text/csv")
    return client.post(IMPORT_URL, values)


def token_in(response):
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "the preview offers no confirm button"
    return match.group(1)


def confirm(client, token):
    return client.post(CONFIRM_URL, {"token": token})


def what_is_stored():
    """Every official row and its history: what an import writes."""
    return {
        "releases": WageRelease.objects.count(),
        "estimates": WageEstimate.objects.count(),
        "occupations": Occupation.objects.count(),
        "sources": Source.objects.count(),
        "release history": WageRelease.history.count(),
        "estimate history": WageEstimate.history.count(),
        "occupation history": Occupation.history.count(),
    }


# --- Finding the import page, and who may use it --------------------------------


def test_an_editor_finds_the_import_button_on_both_lists_and_opens_the_form(editor_client):
    for changelist in ("wagerelease", "wageestimate"):
        page = editor_client.get(reverse(f"admin:careers_{changelist}_changelist"))
        assert f'href="{IMPORT_URL}"' in page.content.decode()
        assert "Import a BLS OEWS file" in page_text(page)

    response = editor_client.get(IMPORT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Import a BLS OEWS file</h1>" in html
    for name, label in [
        ("file", "BLS OEWS file"),
        ("release", "Release name"),
        ("published", "Publication date"),
        ("hourly_top_code", "Hourly top-code (US$)"),
    ]:
        assert f'<label class="required" for="id_{name}">{label}:</label>' in html
        assert f'aria-describedby="id_{name}_helptext"' in html
    assert 'type="date" name="published"' in html
    assert 'name="hourly_top_code" value="115.00"' in html
    assert "$115.00 an hour ($239,200 a year) for the May 2024 release onwards" in page_text(
        response
    )


def test_staff_without_the_import_permission_get_403_and_see_no_button(client):
    user = get_user_model().objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_wagerelease"))
    client.force_login(user)
    page = client.get(reverse("admin:careers_wagerelease_changelist"))
    assert page.status_code == 200 and "Import a BLS OEWS file" not in page_text(page)
    assert client.get(IMPORT_URL).status_code == 403
    assert preview(client).status_code == 403
    assert confirm(client, "anything").status_code == 403


def test_visitors_who_are_not_staff_are_sent_to_the_login(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- Preview, then confirm ---------------------------------------------------------


def test_previewing_the_sample_as_a_new_release_shows_the_counts_and_saves_nothing(
    editor_client, upload_dir
):
    before = what_is_stored()
    response = preview(editor_client)
    text = page_text(response)
    assert response.status_code == 200
    assert "Nothing has been saved yet." in text
    assert "Release May 2024: new." in text
    assert "18 new estimates, 0 changed, 0 unchanged." in text
    assert "0 new occupations, 0 renamed; 0 new areas, 0 new industries." in text
    assert 'value="Confirm import"' in response.content.decode()
    assert what_is_stored() == before
    assert len(list(upload_dir.iterdir())) == 1  # kept for the confirmation
    # What students will see comes first, as the site will show it.
    linked = text.split("New figures students will see")[1].split("Confirm import")[0]
    assert "15-2051 Data Scientists $67,240 $120,230 $199,130 $57.80 an hour 262,440" in linked
    assert "11-1011" not in linked  # linked to no role


def test_confirming_imports_the_estimates_with_the_editor_in_their_history(
    editor, editor_client, upload_dir
):
    before = what_is_stored()
    response = confirm(editor_client, token_in(preview(editor_client)))

    release = WageRelease.objects.get(name="May 2024")
    estimates = reverse("admin:careers_wageestimate_changelist")
    assert response.status_code == 302
    assert response["Location"] == f"{estimates}?release__id__exact={release.pk}"
    assert release.published == datetime.date(2025, 4, 2)
    assert release.estimates.count() == 18
    assert what_is_stored()["estimates"] == before["estimates"] + 18
    history = WageEstimate.history.filter(release=release)
    assert history.count() == 18
    assert set(history.values_list("history_user", flat=True)) == {editor.pk}
    assert set(history.values_list("history_change_reason", flat=True)) == {
        f"Imported from BLS OEWS May 2024 ({SAMPLE_NAME})"
    }
    assert release.history.get().history_user == editor
    assert list(upload_dir.iterdir()) == []  # the stored upload is gone once imported

    listing = editor_client.get(response["Location"])
    text = page_text(listing)
    assert "Imported. Release May 2024: new. 18 new estimates, 0 changed" in text
    assert listing.context["cl"].result_count == 18


def test_importing_the_same_file_again_changes_nothing(editor_client):
    first = preview(editor_client)
    confirm(editor_client, token_in(first))
    after_first = what_is_stored()

    again = preview(editor_client)
    text = page_text(again)
    assert "0 new estimates, 0 changed, 18 unchanged." in text
    assert "There is nothing to import: OEWS May 2024 already holds these figures." in text
    assert 'value="Confirm import"' not in again.content.decode()
    # Nor does the first preview's button, pressed a second time.
    replay = confirm(editor_client, token_in(first))
    assert replay.status_code == 400
    assert "no longer stored" in page_text(replay)
    assert what_is_stored() == after_first


def test_a_changed_figure_shows_old_and_new_before_confirming_and_is_saved_after(editor_client):
    median = estimate("15-2051").annual_median
    employment = estimate("11-1011").employment
    data = sample_with(
        ("15-2051", "A_MEDIAN", str(median + 1_000)),  # linked to roles
        ("11-1011", "TOT_EMP", str(employment + 50)),  # linked to none
    )

    response = preview(editor_client, data, **SEEDED_RELEASE)
    text = page_text(response)
    assert "0 new estimates, 2 changed, 16 unchanged." in text
    linked = (
        "Changed figures students will see: occupations linked to roles "
        "Occupation Figure Now After the import "
        f"15-2051 Data Scientists median {median:,} {median + 1_000:,}"
    )
    other = (
        "Other changed figures Occupation Figure Now After the import "
        f"11-1011 Chief Executives employment {employment:,} {employment + 50:,}"
    )
    assert linked in text and other in text
    assert text.index(linked) < text.index(other)  # what students see comes first
    assert estimate("15-2051").annual_median == median

    confirm(editor_client, token_in(response))
    assert estimate("15-2051").annual_median == median + 1_000
    assert estimate("11-1011").employment == employment + 50
    assert (
        estimate("15-2051")
        .history.first()
        .history_change_reason.startswith("Imported from BLS OEWS May 2025")
    )


# --- Refusals: a form error, never a 500, nothing written ----------------------------


def test_a_file_with_one_bad_cell_is_refused_naming_its_row_and_column(editor_client):
    before = what_is_stored()
    response = preview(editor_client, sample_with(("15-2051", "A_MEDIAN", "12x")))
    assert response.status_code == 200
    text = page_text(response)
    assert f"Row {row_number('15-2051')}, column A_MEDIAN: “12x” is not a number." in text
    assert "Please correct the error below." in text
    assert 'value="Confirm import"' not in response.content.decode()
    assert what_is_stored() == before


@pytest.mark.parametrize(
    ("upload", "fields", "message"),
    [
        (
            ("notes.txt", SAMPLE),
            {},
            "Upload an .xlsx workbook or a .csv file; other kinds cannot be read.",
        ),
        (
            ("huge.csv", SAMPLE + b"\n" * (100 * 1024)),
            {},
            "The file is 103.7 KB; the limit is 100 KB.",
        ),
        (None, {}, "This field is required."),
        (
            ("oews.csv", SAMPLE),
            {"release": "Spring 2024"},
            "“Spring 2024” is not a release name like “May 2025”.",
        ),
        (
            ("oews.csv", SAMPLE),
            {"published": "2999-01-01"},
            "The publication date 2999-01-01 is in the future.",
        ),
        (
            ("oews.csv", SAMPLE),
            {"published": "2024-04-30"},
            "The publication date 2024-04-30 is before the month the release describes.",
        ),
        (("oews.csv", SAMPLE), {"published": "last May"}, "Enter a valid date."),
        (("oews.csv", SAMPLE), {"hourly_top_code": "0"}, "The hourly top-code must be between"),
        (("empty.csv", b""), {}, "The submitted file is empty."),
        (("old.xlsx", b"PK\x03\x04broken"), {}, "This is not a readable .xlsx workbook"),
    ],
    ids=[
        "wrong-extension",
        "too-big",
        "no-file",
        "bad-release-name",
        "future-date",
        "published-before-the-month",
        "not-a-date",
        "zero-top-code",
        "empty-file",
        "broken-workbook",
    ],
)
def test_each_bad_upload_is_refused_with_a_form_error_and_nothing_is_saved(
    editor_client, upload_dir, settings, upload, fields, message
):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100 * 1024  # a small limit keeps the test file small
    before = what_is_stored()
    name, data = upload or (None, None)
    response = preview(editor_client, data, name, **fields)
    assert response.status_code == 200
    assert message in page_text(response)
    assert 'class="errornote"' in response.content.decode()
    assert what_is_stored() == before
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []


def tampered(token):
    """The token with its payload altered and the signature left as it was."""
    payload, rest = token.split(":", 1)
    return ("x" if payload[0] != "x" else "y") + payload[1:] + ":" + rest


def expired(token):
    """The same token, signed as if the preview had been made two hours ago."""
    payload = signing.loads(token, salt=OEWS_TOKEN_SALT)

    class TwoHoursAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 2 * 60 * 60)

    return TwoHoursAgo(salt=OEWS_TOKEN_SALT).sign_object(payload)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (tampered, "does not match a preview this site made"),
        (expired, "This preview is more than an hour old"),
        (lambda token: "", "This confirmation has no preview with it."),
    ],
    ids=["tampered", "expired", "missing"],
)
def test_a_spoilt_confirmation_is_refused_and_nothing_is_saved(editor_client, spoil, message):
    token = token_in(preview(editor_client))
    before = what_is_stored()
    response = confirm(editor_client, spoil(token))
    assert response.status_code == 400
    text = page_text(response)
    assert "Nothing was imported. Upload the file again" in text and message in text
    assert "<h1>Import a BLS OEWS file</h1>" in response.content.decode()  # upload again
    assert what_is_stored() == before


def test_another_editors_preview_cannot_be_confirmed(editor_client, make_editor):
    token = token_in(preview(editor_client))
    other = Client()
    other.force_login(make_editor("sam"))
    before = what_is_stored()
    response = confirm(other, token)
    assert response.status_code == 400
    assert "made by someone else" in page_text(response)
    assert what_is_stored() == before


def test_a_stored_upload_that_changed_after_the_preview_is_refused(editor_client, upload_dir):
    token = token_in(preview(editor_client))
    (stored,) = upload_dir.iterdir()
    stored.write_bytes(sample_with(("15-2051", "A_MEDIAN", "150000")))
    before = what_is_stored()
    response = confirm(editor_client, token)
    assert response.status_code == 400
    assert "not the one previewed" in page_text(response)
    assert what_is_stored() == before


def test_a_preview_confirmed_too_late_is_refused_and_its_stored_upload_deleted(
    editor_client, upload_dir
):
    token = token_in(preview(editor_client))
    assert len(list(upload_dir.iterdir())) == 1
    response = confirm(editor_client, expired(token))
    assert response.status_code == 400
    assert "more than an hour old" in page_text(response)
    assert list(upload_dir.iterdir()) == []  # nobody can confirm it any more


def test_an_area_file_keeps_only_linked_occupations_when_asked_and_confirms_the_same(
    editor_client, upload_dir
):
    data = AREAS_SEED.path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    linked = set(Occupation.objects.filter(role_links__isnull=False).values_list("code", flat=True))
    kept = sum(row["OCC_CODE"] in linked for row in rows)
    assert 0 < kept < len(rows)

    response = preview(editor_client, data, "all_data_M_2024.csv", linked_only="on")

    text = page_text(response)
    assert f"{kept:,} new estimates" in text
    assert f"Skipped {len(rows) - kept:,} rows for occupations no role links to." in text
    confirm(editor_client, token_in(response))
    stored = WageEstimate.objects.filter(release__name="May 2024")
    assert stored.count() == kept
    assert set(stored.values_list("occupation__code", flat=True)) <= linked
