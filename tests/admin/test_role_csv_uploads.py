"""A role figures CSV built to exhaust the server (50 MB, a million rows, one endless
cell) or that is no CSV of ours is refused by the import form within seconds, in little
memory, before django-import-export reads it; nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.importing import COLUMNS
from careers.models import Role
from tests.helpers import page_text, row_counts
from tests.helpers.nasty_files import BINARY, csv_with_rows, measured

IMPORT_URL = reverse("admin:careers_role_import")
HEADER = ",".join(COLUMNS).encode()
ROW = (
    b"data-scientist,Data Scientist,100000,120000,150000,us-bls,2025-05-01,10.5,2024-2034,us-bls,"
    b"BLS May 2025 release"
)
# Measured: at most 0.5 s and 33 MB (the million-row CSV, 16 MB, which the test client
# also holds whole); the import ran past 150 s and 1.4 GB before.
PEAK_MB_MAX = 100
SECONDS_MAX = 10


def refusal_of(client, data, name="figures.csv"):
    """Upload the file for a preview; the page's text once it is refused, measured."""
    before = row_counts(), {role.slug: role.figures() for role in Role.objects.all()}
    upload = SimpleUploadedFile(name, data, "text/csv")
    with measured() as cost:
        response = client.post(IMPORT_URL, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context.get("confirm_form") is None
    assert (row_counts(), {role.slug: role.figures() for role in Role.objects.all()}) == before
    assert cost["seconds"] < SECONDS_MAX, cost
    assert cost["peak_mb"] < PEAK_MB_MAX, cost
    return page_text(response)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(lambda: b"", "The submitted file is empty.", id="0 bytes"),
        pytest.param(
            lambda: BINARY, "The file is not UTF-8; save it as CSV UTF-8.", id="binary named .csv"
        ),
        pytest.param(
            lambda: b"OCC_CODE,A_MEDIAN\r\n15-2051,112590\r\n",
            "The file has no slug column. Its header row must name columns of the export: slug,",
            id="wrong columns",
        ),
        pytest.param(
            lambda: HEADER + b",salary_hgih\r\n" + ROW + b",1\r\n",
            "The file has columns the import does not read (salary_hgih).",
            id="a misspelt column",
        ),
        pytest.param(
            lambda: csv_with_rows(HEADER, b"data-scientist", 1_000_000),
            "The file has more than 50,000 rows after its header",
            id="a million rows",
        ),
        pytest.param(
            lambda: HEADER + b"\r\n" + b"x" * 1_000_000,
            "A row of the file is longer than 100,000 characters",
            id="one enormous cell",
        ),
        pytest.param(
            lambda: HEADER + b"\r\n" + b"," * 200,
            "Row 2 has 201 cells; the most a row may have is 100.",
            id="a row of 201 cells",
        ),
    ],
)
def test_a_file_that_is_no_csv_of_ours_is_refused_quickly(editor_client, build, message):
    assert message in refusal_of(editor_client, build())


def test_a_file_over_the_size_limit_is_refused_unread(editor_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10 * 1024  # a small limit keeps the test file small
    text = refusal_of(editor_client, csv_with_rows(HEADER, ROW, 200))
    assert "The file is 22.2 KB; the limit is 10 KB." in text


def test_a_file_over_the_row_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 100
    text = refusal_of(editor_client, csv_with_rows(HEADER, ROW, 101))
    assert "The file has more than 100 rows after its header" in text


def test_a_file_at_the_row_limit_is_previewed(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 2
    data = csv_with_rows(HEADER, ROW, 1) + ROW.replace(b"data-scientist", b"robotics-engineer")
    response = editor_client.post(
        IMPORT_URL,
        {"import_file": SimpleUploadedFile("figures.csv", data), "format": "0", "resource": "0"},
    )
    assert response.context["confirm_form"] is not None
