"""How long a full BLS OEWS national file takes to import, and in how many queries.

    .venv/bin/python -m tests.benchmarks.oews_import

Runs against a throwaway SQLite database, prints a table and exits with status 1 when an
import misses its target. It builds its files with the tests' own OEWS file builders
(tests/helpers/), so both read the same shapes of file.
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

# BLS's national file has about 830 detailed occupations and 1,400 rows with the groups.
OCCUPATIONS = 1_100
TARGET_SECONDS = 5.0


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
    from tests.helpers import as_csv, as_xlsx, national_rows

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
