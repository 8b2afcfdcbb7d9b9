"""An editor imports BLS's OEWS national file (the .xlsx download or a CSV of it): every
figure lands exactly as published, BLS's markers mean what BLS says they mean, and a
bad file changes nothing and says where it is wrong.

The seeded database already holds the "May 2025" release, imported from the same sample;
tests of a first import use "May 2024", a release it does not hold."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from careers.formatting import count, wage
from careers.models import Area, Occupation, WageEstimate, WageRelease
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE
from careers.official.reading import OewsFileError
from careers.seeding import AREAS_SEED
from tests.helpers import row_counts
from tests.helpers.oews import (
    MAY_2023,
    SAMPLE_FILE,
    as_csv,
    as_xlsx,
    estimates_of,
    figures,
    import_file,
    row_of,
    sample_rows,
    sample_with,
)

FULLWIDTH_DIGITS = "\uff11\uff12\uff10\uff12\uff13\uff10"  # 120230 in full-width digits
DATA_SCIENTISTS_ROW = 14  # the spreadsheet's row number: the header is row 1


def refusal(data, **options):
    """Import a bad file as a new release, check it wrote nothing, return the message."""
    before = row_counts()
    with pytest.raises(OewsFileError) as refused:
        import_file(data, **options)
    assert row_counts() == before
    return str(refused.value)


# --- The figures land exactly as published --------------------------------------------


def test_the_data_scientists_figures_are_the_ones_bls_published():
    report = import_file(SAMPLE_FILE.read_bytes())

    assert (report.new_release, report.new_estimates, report.changed) == (True, 18, [])
    scientists = estimates_of("May 2024")["15-2051"]
    assert scientists.occupation.title == "Data Scientists"
    assert scientists.annual_median == 120_230
    assert (scientists.annual_p10, scientists.annual_p90) == (67_240, 199_130)
    assert scientists.employment == 262_440
    assert scientists.hourly_median == Decimal("57.80")


# Our field ← BLS's column, written out again so the test does not trust the importer's map.
ANNUAL_COLUMNS = {
    "annual_mean": "A_MEAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_median": "A_MEDIAN",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
}


def published_figure(text, top_code):
    """(value, top-coded?) as BLS's documentation defines the cell."""
    if text in ("", "*", "**"):
        return None, False
    if text == "#":
        return top_code, True
    return (Decimal(text) if "." in text else int(text)), False


def test_every_row_of_the_sample_is_stored_as_published():
    import_file(SAMPLE_FILE.read_bytes())

    stored = estimates_of("May 2024")
    rows = sample_rows()
    assert set(stored) == {row["OCC_CODE"] for row in rows}
    for row in rows:
        estimate = stored[row["OCC_CODE"]]
        expected = {
            "employment": published_figure(row["TOT_EMP"], None)[0],
            "hourly_median": published_figure(row["H_MEDIAN"], DEFAULT_HOURLY_TOP_CODE)[0],
            "annual_only": row["ANNUAL"] == "TRUE",
            "hourly_only": row["HOURLY"] == "TRUE",
        }
        for name, column in ANNUAL_COLUMNS.items():
            value, top_coded = published_figure(row[column], 239_200)
            expected |= {name: value, f"{name}_top_coded": top_coded}
        actual = {name: getattr(estimate, name) for name in expected}
        assert actual == expected, row["OCC_CODE"]
        assert (estimate.area.title, estimate.area.kind) == (row["AREA_TITLE"], Area.Kind.NATIONAL)
        assert estimate.industry.is_cross_industry
        assert (estimate.occupation.title, estimate.occupation.level) == (
            row["OCC_TITLE"],
            row["O_GROUP"],
        )


# --- BLS's markers --------------------------------------------------------------------


def test_a_wage_at_the_top_code_is_stored_as_the_top_code_and_flagged():
    import_file(SAMPLE_FILE.read_bytes())

    executives = estimates_of("May 2024")["11-1011"]
    assert (executives.annual_p75, executives.annual_p75_top_coded) == (239_200, True)
    assert (executives.annual_p90, executives.annual_p90_top_coded) == (239_200, True)
    assert (executives.annual_median, executives.annual_median_top_coded) == (213_990, False)


def test_an_older_release_with_a_lower_top_code_stores_that_top_code():
    # Before May 2024 BLS's top-code was $100.00 an hour, $208,000 a year.
    rows = sample_rows()
    row_of(rows, "11-1011")["A_MEDIAN"] = "#"

    import_file(as_csv(rows), **MAY_2023, hourly_top_code=Decimal("100.00"))

    executives = estimates_of("May 2023")["11-1011"]
    assert (executives.annual_median, executives.annual_p90) == (208_000, 208_000)
    assert executives.annual_median_top_coded and executives.annual_p90_top_coded
    assert WageRelease.objects.get(name="May 2023").annual_top_code == 208_000


def test_a_wage_marked_not_available_is_left_empty():
    import_file(SAMPLE_FILE.read_bytes())

    actors = estimates_of("May 2024")["27-2011"]
    assert actors.annual_mean is None
    assert actors.annual_mean_top_coded is False


def test_employment_marked_not_available_is_left_empty():
    import_file(sample_with("27-2011", TOT_EMP="**"))

    assert estimates_of("May 2024")["27-2011"].employment is None


def test_an_annual_only_occupation_has_no_hourly_wage():
    import_file(SAMPLE_FILE.read_bytes())

    administrators = estimates_of("May 2024")["11-9032"]
    assert administrators.annual_only and not administrators.hourly_only
    assert administrators.hourly_median is None
    assert administrators.annual_median == 105_870


def test_an_hourly_only_occupation_has_no_annual_wages():
    import_file(SAMPLE_FILE.read_bytes())

    actors = estimates_of("May 2024")["27-2011"]
    assert actors.hourly_only and not actors.annual_only
    assert actors.hourly_median == Decimal("29.05")
    assert [getattr(actors, name) for name in ANNUAL_COLUMNS] == [None] * 6


# --- A bad file changes nothing and says where it is wrong ----------------------------


def test_one_bad_cell_refuses_the_whole_file_and_names_its_row_and_column():
    rows = sample_rows()
    rows[4]["A_MEDIAN"] = "12O230"  # the fifth occupation, on the spreadsheet's row 6
    rows.append({**rows[0], "OCC_CODE": "15-2099", "OCC_TITLE": "Mathematical Science, Other"})

    message = refusal(as_csv(rows))

    assert message == "Nothing was imported.\nRow 6, column A_MEDIAN: “12O230” is not a number."
    assert not WageRelease.objects.filter(name="May 2024").exists()
    assert not Occupation.objects.filter(code="15-2099").exists()


def test_the_refusal_spells_the_column_as_the_file_does_and_lists_every_bad_cell():
    rows = [{name.lower(): value for name, value in row.items()} for row in sample_rows()]
    rows[4]["a_median"] = "12O230"
    rows[12]["tot_emp"] = "lots"

    message = refusal(as_csv(rows))

    assert "Row 6, column a_median: “12O230” is not a number." in message
    assert f"Row {DATA_SCIENTISTS_ROW}, column tot_emp: “lots” is not a number." in message


@pytest.mark.parametrize(
    ("column", "text", "complaint"),
    [
        ("TOT_EMP", "about 260k", "“about 260k” is not a number."),
        ("A_MEDIAN", "-120230", "-120230 is outside the possible range 1,000 to 10,000,000."),
        ("A_MEDIAN", str(10**30), f"{10**30} is outside the possible range 1,000 to 10,000,000."),
        ("TOT_EMP", str(10**30), f"{10**30} is outside the possible range 0 to 1,000,000,000."),
        ("A_MEDIAN", "120230.50", "120230.50 should be a whole number."),
        ("H_MEDIAN", "57.805", "57.805 has more than two decimal places."),
        (
            "A_MEDIAN",
            "80000",
            "$80,000 is below the A_PCT25 figure ($85,660); percentiles must rise.",
        ),
        ("OCC_CODE", "15-205", "“15-205” is not a SOC code like 15-2051."),
        ("O_GROUP", "occupation", "“occupation” is not one of total, major, minor, broad"),
        ("ANNUAL", "maybe", "“maybe” should be TRUE or empty."),
        ("TOT_EMP", "#", "employment cannot be top-coded (#)."),
        ("OCC_TITLE", "", "the occupation needs its title."),
        # Digits of other scripts, underscores and exponents are not how BLS writes numbers.
        ("A_MEDIAN", "١٢٠٢٣٠", "“١٢٠٢٣٠” is not a number."),
        ("A_MEDIAN", FULLWIDTH_DIGITS, f"“{FULLWIDTH_DIGITS}” is not a number."),
        ("A_MEDIAN", "120_230", "“120_230” is not a number."),
        ("A_MEDIAN", "1.2023e5", "“1.2023e5” is not a number."),
        ("A_MEDIAN", "NaN", "“NaN” is not a number."),
    ],
    ids=[
        *("text as employment", "negative wage", "huge wage", "huge employment"),
        *("cents in an annual wage", "three decimals in an hourly wage"),
        *("percentiles out of order", "bad SOC code", "unknown O_GROUP", "ANNUAL maybe"),
        *("top-coded employment", "no title", "Arabic-Indic digits", "full-width digits"),
        *("underscore in a number", "exponent", "NaN"),
    ],
)
def test_a_bad_cell_is_refused_with_its_row_column_and_reason(column, text, complaint):
    message = refusal(sample_with("15-2051", **{column: text}))

    assert f"Row {DATA_SCIENTISTS_ROW}, column {column}: {complaint}" in message


def test_the_same_occupation_twice_is_refused():
    rows = sample_rows()
    rows.append(row_of(rows, "15-2051"))

    message = refusal(as_csv(rows))

    assert "Row 20, column OCC_CODE: 15-2051 appears twice for U.S., Cross-industry" in message


def test_a_file_without_a_required_column_is_refused_naming_it():
    rows = sample_rows()
    columns = [name for name in rows[0] if name != "A_PCT90"]

    message = refusal(as_csv(rows, columns))

    assert "the file has no column named A_PCT90." in message


def damaged_workbook():
    """A real .xlsx whose sheet was cut off half way."""
    whole = zipfile.ZipFile(io.BytesIO(as_xlsx(sample_rows())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for name in whole.namelist():
            content = whole.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            damaged.writestr(name, content)
    return buffer.getvalue()


def zip_of_notes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Not a workbook.")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        pytest.param(b"", "The file is empty.", id="empty"),
        pytest.param(
            SAMPLE_FILE.read_bytes().splitlines()[0],
            "The file has no estimates.",
            id="header only",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "This is an old .xls workbook; save it as .xlsx or CSV.",
            id="old xls",
        ),
        pytest.param(
            bytes(range(256)) * 8, "The file is neither UTF-8 nor Windows text", id="binary"
        ),
        pytest.param(
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "This is not a CSV file", id="binary with nul"
        ),
        pytest.param(zip_of_notes(), "This is not a readable .xlsx workbook", id="zip"),
        pytest.param(
            b"PK\x03\x04" + bytes(range(200)), "This is not a readable .xlsx workbook", id="bad zip"
        ),
        pytest.param(damaged_workbook(), "This .xlsx workbook is damaged", id="damaged sheet"),
        pytest.param(
            as_xlsx([{"Field": "OCC_CODE"}]),
            "No sheet in the workbook has an OCC_CODE column.",
            id="workbook without data",
        ),
    ],
)
def test_a_file_that_is_not_an_oews_table_is_refused_saying_what_it_is(data, complaint):
    assert complaint in refusal(data)


# --- Files as editors really save them ------------------------------------------------


NEWER = {"release": "May 2026", "published": datetime.date(2026, 11, 2)}


def test_titles_in_any_script_are_kept_as_written():
    import_file(sample_with("15-2051", OCC_TITLE="Data Scientists — é 📊"), **NEWER)

    assert Occupation.objects.get(code="15-2051").title == "Data Scientists — é 📊"


def test_a_csv_saved_as_windows_text_keeps_its_accents():
    data = sample_with("15-2051", OCC_TITLE="Scientifiques des données, été").decode()

    import_file(data.encode("cp1252"), **NEWER)

    assert Occupation.objects.get(code="15-2051").title == "Scientifiques des données, été"


def test_titles_follow_the_newest_release_even_when_an_older_one_is_imported_later():
    import_file(sample_with("15-2051", OCC_TITLE="Data scientists (old title)"))  # May 2024

    assert Occupation.objects.get(code="15-2051").title == "Data Scientists"


def test_a_csv_saved_by_excel_with_a_byte_order_mark_imports():
    report = import_file(b"\xef\xbb\xbf" + SAMPLE_FILE.read_bytes())

    assert report.new_estimates == 18


def test_columns_are_found_by_name_in_any_case_and_order_with_extra_ones_ignored():
    rows = [
        {name.lower(): value for name, value in row.items()} | {"notes": "checked by hand"}
        for row in sample_rows()
    ]

    import_file(as_csv(rows, columns=list(reversed(rows[0]))))

    assert estimates_of("May 2024")["15-2051"].annual_median == 120_230


def test_numbers_written_with_thousands_commas_are_read():
    import_file(sample_with("15-2051", TOT_EMP="262,440", A_MEDIAN="120,230"))

    scientists = estimates_of("May 2024")["15-2051"]
    assert (scientists.employment, scientists.annual_median) == (262_440, 120_230)


def test_rows_for_other_areas_industries_and_ownerships_are_stored_beside_the_national():
    rows = sample_rows()
    scientists = row_of(rows, "15-2051")
    rows += [
        {**scientists, "AREA": "06", "AREA_TITLE": "California", "AREA_TYPE": "2",
         "A_MEDIAN": "150000"},
        {**scientists, "NAICS": "541000", "NAICS_TITLE": "Professional Services",
         "I_GROUP": "3-digit"},
        {**scientists, "NAICS": "000001", "NAICS_TITLE": "Cross-industry, Private Ownership only",
         "OWN_CODE": "5", "A_MEDIAN": "130000"},
    ]  # fmt: skip

    report = import_file(as_csv(rows))

    assert report.new_estimates == 21
    assert len(estimates_of("May 2024")) == 18  # the national, cross-industry figures
    assert estimates_of("May 2024")["15-2051"].annual_median == 120_230
    scientist_figures = WageEstimate.objects.filter(
        occupation__code="15-2051", release__name="May 2024"
    )
    california = scientist_figures.get(area__code="06", area__kind=Area.Kind.STATE)
    assert (california.annual_median, california.area.title) == (150_000, "California")
    private = scientist_figures.get(industry__naics="000001", industry__ownership="5")
    assert private.annual_median == 130_000 and private.area.is_national
    assert scientist_figures.get(industry__naics="541000").industry.level == "3-digit"


# --- BLS's .xlsx download -------------------------------------------------------------


def test_the_xlsx_download_and_its_csv_export_give_the_same_figures():
    import_file(as_csv(sample_rows()))
    import_file(as_xlsx(sample_rows()), **MAY_2023, file_name="national_M2023_dl.xlsx")

    from_csv, from_xlsx = estimates_of("May 2024"), estimates_of("May 2023")
    assert len(from_xlsx) == 18
    for code, estimate in from_csv.items():
        assert figures(from_xlsx[code]) == figures(estimate), code


def test_a_workbook_with_a_field_descriptions_sheet_first_reads_the_data_sheet():
    report = import_file(as_xlsx(sample_rows(), descriptions_sheet=True))

    assert report.new_estimates == 18
    assert estimates_of("May 2024")["15-2051"].hourly_median == Decimal("57.80")


@pytest.mark.parametrize(
    "layout", ["state_M2025_dl.xlsx", "MSA_M2025_dl.xlsx", "all_data_M_2025.csv"]
)
def test_the_state_metropolitan_and_all_data_downloads_import_by_column_name(layout):
    rows = list(csv.DictReader(io.StringIO(AREAS_SEED.path.read_text(encoding="utf-8"))))
    kind = {"state_": "2", "MSA_M2": "4", "all_da": ""}[layout[:6]]
    chosen = [row for row in rows if not kind or row["AREA_TYPE"] == kind][:400]
    # BLS's workbooks may order the columns differently: only the names count.
    chosen = [dict(reversed(row.items())) for row in chosen]
    data = as_xlsx(chosen) if layout.endswith(".xlsx") else as_csv(chosen)

    report = import_file(data, file_name=layout)

    assert report.new_estimates == len(chosen)
    for row in chosen[:: len(chosen) // 10]:
        stored = WageEstimate.objects.get(
            release__name="May 2024",
            occupation__code=row["OCC_CODE"],
            area__code=row["AREA"],
            area__kind=int(row["AREA_TYPE"]),
            industry__naics=row["NAICS"],
            industry__ownership=row["OWN_CODE"],
        )
        median = row["A_MEDIAN"].replace(",", "")
        assert stored.annual_median == (int(median) if median.isdigit() else None) or (
            median == "#" and stored.annual_median_top_coded
        )
        assert stored.area.title == row["AREA_TITLE"]


def test_blss_own_markers_in_area_rows_are_stored_as_published():
    """BLS's area sample holds genuine "#" rows (family medicine physicians, where every
    wage is at or above the top-code) and "**" employment."""
    import_file((Path(__file__).parent / "files" / "oews-areas-sample-may-2025.csv").read_bytes())

    physicians = WageEstimate.objects.filter(
        release__name="May 2024", occupation__code="29-1215"
    ).exclude(area__kind=Area.Kind.NATIONAL)
    top_coded = physicians.filter(annual_median_top_coded=True).first()
    assert top_coded is not None and top_coded.annual_median == 239_200
    assert wage(top_coded.median, compact=True) == "≥ $239,200"
    unpublished = WageEstimate.objects.filter(release__name="May 2024", employment=None).first()
    assert (
        unpublished is not None and count(unpublished.employment, compact=True) == "Not published"
    )
