"""Helpers for tests of BLS's OEWS figures: the shipped sample as BLS lays it out, as
CSV or .xlsx; importing it; reading back what was stored; a bigger country for the
query-bound tests."""

import csv
import datetime
import io

from openpyxl import Workbook

from careers.models import ESTIMATE_FIGURE_FIELDS, WageEstimate
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews
from tests.helpers import ROOT

# --- BLS OEWS files, as BLS publishes them ---------------------------------------------
# The benchmark (tests/benchmarks/oews_import.py) builds its files with these too, so
# both read the same shapes of file.

SAMPLE_FILE = ROOT / "fixtures/official/oews-national-may-2025.csv"
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


# --- Importing OEWS files -------------------------------------------------------------
# The seeded database already holds the "May 2025" release, imported from the sample;
# a first import uses "May 2024" (or "May 2023"), releases it does not hold.

MAY_2024 = {"release": "May 2024", "published": datetime.date(2025, 4, 2)}
MAY_2023 = {"release": "May 2023", "published": datetime.date(2024, 4, 3)}


def row_of(rows, code):
    return next(row for row in rows if row["OCC_CODE"] == code)


def sample_with(code, **cells):
    """The sample as CSV, with some cells of one occupation's row changed."""
    rows = sample_rows()
    row_of(rows, code).update(cells)
    return as_csv(rows)


def import_file(data, *, release="May 2024", published=MAY_2024["published"], **options):
    """Import as May 2024, a release the seed does not hold, unless told otherwise."""
    options = {"file_name": "national_dl.csv", "hourly_top_code": DEFAULT_HOURLY_TOP_CODE} | options
    return import_oews(data, release=release, published=published, **options)


def estimates_of(release):
    """{SOC code: estimate} for every national, cross-industry estimate of the release."""
    return {
        estimate.occupation.code: estimate
        for estimate in WageEstimate.objects.national()
        .filter(release__name=release)
        .select_related("occupation", "area", "industry")
    }


def estimate(code, release="May 2025"):
    return WageEstimate.objects.national().get(occupation__code=code, release__name=release)


def figures(wage_estimate):
    """Every figure of an estimate, in a fixed order, to compare two estimates."""
    return tuple(getattr(wage_estimate, name) for name in ESTIMATE_FIGURE_FIELDS)


def add_metro_areas(count, occupations=None):
    """`count` more metropolitan areas ("Metro 0, CA"…), each with a May 2025 estimate
    for `occupations` (default: every occupation with one): a much bigger country, for
    tests that a page's queries do not grow with it. Returns the areas."""
    from careers.models import Area, NaicsIndustry, Occupation, WageRelease

    release = WageRelease.objects.get(name="May 2025")
    industry = NaicsIndustry.objects.get(naics="000000", ownership="1235")
    if occupations is None:
        occupations = Occupation.objects.filter(wage_estimates__isnull=False).distinct()
    occupations = list(occupations)
    areas = Area.objects.bulk_create(
        Area(code=f"9{n:04d}", kind=Area.Kind.METROPOLITAN, title=f"Metro {n}, CA", slug=f"m-{n}")
        for n in range(count)
    )
    add_estimates(
        release,
        (
            (occupation, area, industry, 100 + n, 100_000 + n)
            for n, area in enumerate(areas)
            for occupation in occupations
        ),
    )
    return areas


def add_national_industries(count, occupations):
    """`count` more national industries ("Industry 0"…, private, 4-digit), each with a
    May 2025 estimate for `occupations`, employing more people than any real one: for
    tests that a page's queries do not grow with BLS's industries. Returns them."""
    from careers.models import Area, NaicsIndustry, WageRelease

    release = WageRelease.objects.get(name="May 2025")
    nation = Area.objects.get(kind=Area.Kind.NATIONAL)
    industries = NaicsIndustry.objects.bulk_create(
        NaicsIndustry(naics=f"8{n:03d}A1", ownership="5", title=f"Industry {n}", level="4-digit")
        for n in range(count)
    )
    add_estimates(
        release,
        (
            (occupation, nation, industry, 1_000_000 + n, 100_000 + n)
            for occupation in occupations
            for n, industry in enumerate(industries)
        ),
    )
    return industries


def add_estimates(release, rows):
    """One estimate of `release` for each (occupation, area, industry, employment,
    annual median) in `rows`, in one query."""
    WageEstimate.objects.bulk_create(
        WageEstimate(
            release=release,
            occupation=occupation,
            area=area,
            industry=industry,
            employment=employment,
            annual_median=median,
        )
        for occupation, area, industry, employment, median in rows
    )
