"""Importing a release again, or a corrected file, changes only what differs, with
history; a dry run writes nothing; a full national file imports in a few queries;
and the import_oews command does the same from the command line.

The seeded database already holds the "May 2025" release, imported from the same sample."""

import datetime
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.models import WageEstimate
from careers.official.importing import FigureChange
from tests.helpers import row_counts
from tests.helpers.oews import (
    MAY_2023,
    MAY_2024,
    SAMPLE_FILE,
    as_csv,
    estimates_of,
    figures,
    import_file,
    national_rows,
    row_of,
    sample_rows,
    sample_with,
)

PUBLISHED_2025 = datetime.date(2026, 5, 15)  # the seeded May 2025 release's date


# --- Importing again ------------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing_and_writes_no_history():
    before = row_counts()

    report = import_file(SAMPLE_FILE.read_bytes(), release="May 2025", published=PUBLISHED_2025)

    assert (report.new_estimates, len(report.changed), report.unchanged) == (0, 0, 18)
    assert not report.new_release and not report.new_occupations
    assert not report.changes_anything
    assert "Nothing to change: the release is already up to date." in report.summary_lines()
    assert row_counts() == before


def test_a_corrected_file_changes_only_the_corrected_figure_with_history(editor):
    import_file(SAMPLE_FILE.read_bytes())  # another release, which must stay as it is
    may_2024_before = {code: figures(e) for code, e in estimates_of("May 2024").items()}
    rows = [row for row in sample_rows() if row["OCC_CODE"] != "27-2011"]  # actors left out
    row_of(rows, "15-2051")["A_MEDIAN"] = "121000"
    history_before = WageEstimate.history.count()

    report = import_file(
        as_csv(rows),
        release="May 2025",
        published=PUBLISHED_2025,
        user=editor,
        file_name="national_M2025_dl_corrected.csv",
    )

    assert report.changed == [
        FigureChange("15-2051", "Data Scientists", [("median", "120,230", "121,000")])
    ]
    # Actors are kept, as is every state, metropolitan and industry figure of the seed.
    stored = WageEstimate.objects.filter(release__name="May 2025").count()
    assert (report.new_estimates, report.unchanged, report.kept_absent) == (0, 16, stored - 17)
    may_2025 = estimates_of("May 2025")
    assert may_2025["15-2051"].annual_median == 121_000
    assert may_2025["27-2011"].hourly_median == Decimal("29.05")  # absent from the file: kept
    assert WageEstimate.history.count() == history_before + 1
    entry = may_2025["15-2051"].history.latest()
    assert (entry.history_type, entry.history_user) == ("~", editor)
    assert entry.history_change_reason == (
        "Imported from BLS OEWS May 2025 (national_M2025_dl_corrected.csv)"
    )
    may_2024_after = {code: figures(e) for code, e in estimates_of("May 2024").items()}
    assert may_2024_after == may_2024_before


def test_corrections_to_different_figures_of_several_occupations_are_all_saved():
    rows = sample_rows()
    row_of(rows, "15-2051")["A_MEDIAN"] = "121000"
    row_of(rows, "15-2041").update(TOT_EMP="29100", A_PCT90="175000")
    row_of(rows, "11-1011")["A_PCT75"] = "238000"  # no longer at the top-code

    report = import_file(as_csv(rows), release="May 2025", published=PUBLISHED_2025)

    assert [change.code for change in report.changed] == ["11-1011", "15-2041", "15-2051"]
    stored = estimates_of("May 2025")
    assert stored["15-2051"].annual_median == 121_000
    assert (stored["15-2041"].employment, stored["15-2041"].annual_p90) == (29_100, 175_000)
    executives = stored["11-1011"]
    assert (executives.annual_p75, executives.annual_p75_top_coded) == (238_000, False)
    assert executives.annual_p90_top_coded


def test_a_dry_run_of_a_new_release_reports_it_and_writes_nothing():
    before = row_counts()

    report = import_file(SAMPLE_FILE.read_bytes(), dry_run=True)

    assert (report.dry_run, report.new_release, report.new_estimates) == (True, True, 18)
    assert row_counts() == before


def test_a_dry_run_of_a_correction_reports_the_change_and_writes_nothing():
    before = row_counts()

    report = import_file(
        sample_with("15-2051", A_MEDIAN="121000"),
        release="May 2025",
        published=PUBLISHED_2025,
        dry_run=True,
    )

    assert [change.changes for change in report.changed] == [[("median", "120,230", "121,000")]]
    assert row_counts() == before
    assert estimates_of("May 2025")["15-2051"].annual_median == 120_230


# --- A full national file -------------------------------------------------------------


def queries_to_import(rows, **release):
    with CaptureQueriesContext(connection) as queries:
        report = import_file(as_csv(rows), **release)
    assert report.new_estimates == len(rows)
    return len(queries)


def test_a_full_national_file_imports_in_a_few_queries_however_many_rows_it_has():
    # Speed is measured by tests/benchmarks/oews_import.py; here, only that the work is
    # done in bulk. 14 queries measured: the release, its source, then a bulk insert
    # each for occupations, estimates and their history; and ANALYZE at the end.
    hundred = queries_to_import(national_rows(100), **MAY_2024)
    full = queries_to_import(national_rows(1_100), **MAY_2023)

    assert full == hundred
    assert full <= 21


# --- The management command -----------------------------------------------------------


def run_command(*arguments):
    out = io.StringIO()
    call_command("import_oews", *arguments, stdout=out)
    return out.getvalue()


def test_the_command_imports_a_release_and_summarises_it():
    output = run_command(str(SAMPLE_FILE), "--release", "May 2024", "--published", "2025-04-02")

    assert output.splitlines() == [
        "Release May 2024: new.",
        "18 new estimates, 0 changed, 0 unchanged.",
        "0 new occupations, 0 renamed; 0 new areas, 0 new industries.",
    ]
    assert len(estimates_of("May 2024")) == 18


def test_the_command_names_changes_to_occupations_that_roles_link_to(tmp_path):
    corrected = tmp_path / "national_M2025_dl.csv"
    corrected.write_bytes(sample_with("15-2051", A_MEDIAN="121000"))

    output = run_command(str(corrected), "--release", "May 2025", "--published", "2026-05-15")

    assert "0 new estimates, 1 changed, 17 unchanged." in output
    assert "  15-2051 Data Scientists (linked to a role): median 120,230 → 121,000" in output


def test_the_command_dry_run_says_so_and_saves_nothing():
    before = row_counts()

    output = run_command(
        str(SAMPLE_FILE), "--release", "May 2024", "--published", "2025-04-02", "--dry-run"
    )

    assert output.startswith("Dry run: nothing was saved.\nRelease May 2024: new.\n")
    assert row_counts() == before


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        (["--published", "15/05/2026"], "“15/05/2026” is not a date like 2026-05-15."),
        (["--published", "2026-02-30"], "“2026-02-30” is not a date like 2026-05-15."),
        (["--published", tomorrow()], f"The publication date {tomorrow()} is in the future."),
        (
            ["--published", "2025-04-30"],
            "The publication date 2025-04-30 is before the month the release describes.",
        ),
        (["--release", "2025"], "“2025” is not a release name like “May 2025”."),
        (["--release", "Mayo 2025"], "“Mayo 2025” is not a release name like “May 2025”."),
        (["--top-code", "abc"], "--top-code “abc” is not a number."),
        (["--top-code", "0"], "The hourly top-code must be between $0 and $5,000."),
        (["--top-code", "99999"], "The hourly top-code must be between $0 and $5,000."),
        (["--top-code", "115.005"], "The hourly top-code 115.005 has more than two decimals."),
    ],
)
def test_the_command_refuses_bad_options_with_a_clear_message(options, complaint):
    arguments = {"--release": "May 2025", "--published": "2026-05-15"}
    arguments |= dict(zip(options[::2], options[1::2], strict=True))
    before = row_counts()

    with pytest.raises(CommandError) as refused:
        run_command(str(SAMPLE_FILE), *[part for pair in arguments.items() for part in pair])

    assert str(refused.value) == complaint
    assert row_counts() == before


def test_the_command_refuses_a_bad_file_listing_its_problems(tmp_path):
    bad = tmp_path / "national_M2024_dl.csv"
    bad.write_bytes(sample_with("15-2051", A_MEDIAN="12O230"))

    with pytest.raises(CommandError) as refused:
        run_command(str(bad), "--release", "May 2024", "--published", "2025-04-02")

    assert str(refused.value) == (
        "Nothing was imported.\nRow 14, column A_MEDIAN: “12O230” is not a number."
    )


def test_the_command_names_a_missing_file_without_a_traceback(tmp_path):
    missing = tmp_path / "national_M2025_dl.xlsx"
    # Run as an editor would, so Django's own handling of CommandError is what is tested.
    command = ["manage.py", "import_oews", str(missing), "--release", "May 2025"]
    result = subprocess.run(
        [sys.executable, *command, "--published", "2026-05-15"],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DB_PATH": str(tmp_path / "unused.sqlite3")},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr.startswith("CommandError: There is no file at ")
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
