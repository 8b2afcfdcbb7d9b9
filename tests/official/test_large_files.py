"""An editor imports BLS's all-data download (about 400,000 rows: every occupation in
every area and industry) and keeps what the guide links to: it imports as a stream,
within a memory bound, and importing it again changes nothing."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.management import call_command

from careers.models import Area, WageEstimate
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews
from tests.helpers.nasty_files import measured

COLUMNS = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]
ROWS = 400_000
# One row in OCCUPATIONS_PER_AREA is data scientists, whom a role links to.
OCCUPATIONS_PER_AREA = 20
# Measured: 38 MB at the peak and 38 s under tracemalloc (the file itself, 60 MB, is
# built before measuring, as an upload already holds it).
PEAK_MB_MAX = 150


def all_data_file(rows=ROWS):
    """An all-data-layout CSV: metropolitan areas, each with OCCUPATIONS_PER_AREA
    occupations, the first of them data scientists."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for number in range(rows):
        area, occupation = divmod(number, OCCUPATIONS_PER_AREA)
        code, title = (
            ("15-2051", "Data Scientists")
            if occupation == 0
            else (f"29-{1000 + occupation:04d}", f"Occupation {occupation}")
        )
        median = 90_000 + area % 50_000
        writer.writerow(
            [
                f"{50_000 + area:05d}", f"Metro area {area}, ST", "4", "ST", "000000",
                "Cross-industry", "cross-industry", "1235", code, title, "detailed", "1,230",
                "5.1", "1.234", "1.50", "", "", "48.00", str(median + 2_000), "1.2",
                "30.00", "38.00", "45.00", "55.00", "70.00", "62,400", "79,000",
                f"{median:,}", "114,400", "145,600", "", "",
            ]
        )  # fmt: skip
    return text.getvalue().encode()


def import_all_data(data, **options):
    return import_oews(
        data,
        release="May 2025",
        published=datetime.date(2026, 5, 15),
        hourly_top_code=DEFAULT_HOURLY_TOP_CODE,
        file_name="all_data_M_2025.csv",
        linked_only=True,
        **options,
    )


def test_the_all_data_file_imports_as_a_stream_within_a_memory_bound():
    data = all_data_file()
    stored_before = WageEstimate.objects.count()

    with measured() as cost:
        report = import_all_data(data)

    assert cost["peak_mb"] < PEAK_MB_MAX, cost
    areas = ROWS // OCCUPATIONS_PER_AREA
    assert report.new_estimates == areas
    assert report.skipped_occupations == ROWS - areas
    assert WageEstimate.objects.count() == stored_before + areas
    last = WageEstimate.objects.get(area__code=f"{50_000 + areas - 1:05d}")
    assert (last.occupation.code, last.annual_median, last.location_quotient) == (
        "15-2051",
        90_000 + (areas - 1) % 50_000,
        Decimal("1.50"),
    )
    assert last.area.kind == Area.Kind.METROPOLITAN

    again = import_all_data(data)
    assert (again.new_estimates, again.changed_count, again.unchanged) == (0, 0, areas)


def test_the_command_keeps_only_linked_occupations_when_asked(tmp_path):
    path = tmp_path / "all_data_M_2025.csv"
    path.write_bytes(all_data_file(rows=200))
    output = io.StringIO()

    call_command(
        "import_oews",
        str(path),
        "--release",
        "May 2025",
        "--published",
        "2026-05-15",
        "--linked-only",
        stdout=output,
    )

    assert "10 new estimates, 0 changed, 0 unchanged." in output.getvalue()
    assert "Skipped 190 rows for occupations no role links to." in output.getvalue()
    assert not WageEstimate.objects.filter(occupation__code__startswith="29-").exists()
