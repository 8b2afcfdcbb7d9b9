"""How long a full BLS OEWS national file takes to import, and in how many queries.

    .venv/bin/python -m tests.benchmarks.oews_import

Runs against a throwaway SQLite database, prints a table and exits with status 1 when an
import misses its target. The file builders here are also what the tests use to make
OEWS files, so both read the same shapes of file.
"""

import csv
import datetime
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

SAMPLE_FILE = Path(__file__).resolve().parents[2] / "fixtures/official/oews-national-may-2025.csv"
# BLS's national file has about 830 detailed occupations and 1,400 rows with the groups.
OCCUPATIONS = 1_100
TARGET_SECONDS = 5.0
# Columns BLS's workbooks hold as text; the rest are numbers unless a marker stands there.
TEXT_COLUMNS = {
    *("AREA_TITLE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP"),
    *("OCC_CODE", "OCC_TITLE", "O_GROUP", "HOURLY"),
}
MARKERS = {"*", "**", "#"}


def sample_rows():
    """The real May 2025 national sample, one dict per row, BLS's column names as keys."""
    with SAMPLE_FILE.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def national_rows(count):
    """`count` detailed occupations (41-0001, 41-0002, …) with plausible, rising figures."""
    template = next(row for row in sample_rows() if row["OCC_CODE"] == "15-2051")
    rows = []
    for number in range(1, count + 1):
        median = 30_000 + 97 * number
        rows.append(
            {
                **template,
                "OCC_CODE": f"41-{number:04d}",
                "OCC_TITLE": f"Sales Occupation {number}",
                "TOT_EMP": str(1_000 + 13 * number),
                "A_MEAN": str(median + 4_210),
                "A_PCT10": str(median * 55 // 100),
                "A_PCT25": str(median * 72 // 100),
                "A_MEDIAN": str(median),
                "A_PCT75": str(median * 132 // 100),
                "A_PCT90": str(median * 165 // 100),
                "H_MEDIAN": f"{median / 2080:.2f}",
            }
        )
    return rows


def as_csv(rows, columns=None):
    """The rows as a CSV export of BLS's file; `columns` picks and orders the header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or list(rows[0]), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def bls_cell(column, text):
    """A cell as BLS's workbooks hold it: numbers as numbers, codes and markers as text,
    ANNUAL as a real boolean and HOURLY as the text TRUE (both occur)."""
    if text == "":
        return None
    if column == "ANNUAL":
        return text == "TRUE"
    if column in TEXT_COLUMNS or text in MARKERS:
        return text
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text  # not a number: kept as typed, as Excel would


def as_xlsx(rows, *, descriptions_sheet=False):
    """The rows as BLS's .xlsx download, optionally after a "Field descriptions" sheet."""
    workbook = Workbook()
    sheet = workbook.active
    if descriptions_sheet:
        sheet.title = "Field descriptions"
        sheet.append(["Field", "Field description"])
        sheet.append(["OCC_CODE", "The 6-digit Standard Occupational Classification code"])
        sheet = workbook.create_sheet("All May 2025 data")
    columns = list(rows[0])
    sheet.append(columns)
    for row in rows:
        sheet.append([bls_cell(column, row[column]) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(label, run):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        report = run()
        seconds = time.perf_counter() - start
    print(
        f"{label:<34} {seconds:>7.2f} s {len(queries):>8} "
        f"{report.new_estimates:>6} {len(report.changed):>8} {report.unchanged:>10}"
    )
    return seconds


def main():
    with tempfile.TemporaryDirectory() as directory:
        os.environ["DJANGO_DB_PATH"] = str(Path(directory) / "benchmark.sqlite3")
        return run_benchmark()


def run_benchmark():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews

    call_command("migrate", verbosity=0)
    rows = national_rows(OCCUPATIONS)
    csv_file, xlsx_file = as_csv(rows), as_xlsx(rows)
    corrected_file = as_csv([row | {"A_MEAN": str(int(row["A_MEAN"]) + 1)} for row in rows])

    def importing(data, release, published, **options):
        return lambda: import_oews(
            data,
            release=release,
            published=published,
            file_name="national_dl",
            hourly_top_code=DEFAULT_HOURLY_TOP_CODE,
            **options,
        )

    may_2025, may_2024 = (
        ("May 2025", datetime.date(2026, 5, 15)),
        ("May 2024", datetime.date(2025, 4, 2)),
    )
    print(f"Importing {OCCUPATIONS:,} occupations; target {TARGET_SECONDS:.0f} s per import.")
    print(f"{'':<34} {'time':>9} {'queries':>8} {'new':>6} {'changed':>8} {'unchanged':>10}")
    timings = [
        measure("first import (CSV)", importing(csv_file, *may_2025)),
        measure("same file again (CSV)", importing(csv_file, *may_2025)),
        measure("second release (xlsx)", importing(xlsx_file, *may_2024)),
        measure("dry run, every row corrected", importing(corrected_file, *may_2025, dry_run=True)),
        measure("every row corrected (CSV)", importing(corrected_file, *may_2025)),
    ]
    missed = [seconds for seconds in timings if seconds > TARGET_SECONDS]
    print(
        f"{len(missed)} of {len(timings)} imports missed the target."
        if missed
        else "All on target."
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
