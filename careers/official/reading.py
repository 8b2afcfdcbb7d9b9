"""Official wage estimates from BLS's OEWS download files.

BLS publishes each May release as an .xlsx workbook (e.g. national_M2025_dl.xlsx);
editors may also upload a CSV export of it. Columns are found by name, in any case
and any order. Reading is all or nothing: every cell is checked first, and a file
with one bad cell is refused with every problem named by row and column.

The format's markers:
  *   wage not available          → empty figure
  **  employment not available    → empty figure
  #   at or above the top-code    → the release's top-code, flagged top-coded
  ANNUAL = TRUE / HOURLY = TRUE   → only annual / only hourly wages are published

Only national, cross-industry, all-ownership rows are kept; rows for other areas or
industries are counted and skipped.
"""

import datetime
import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from careers.formatting import Wage, usd
from careers.models.figures import SALARY_HARD_MAX, SALARY_HARD_MIN
from careers.official.models import (
    ANNUAL_WAGE_FIELDS,
    EMPLOYMENT_MAX,
    HOURLY_WAGE_MAX,
    HOURS_PER_YEAR,
    NATIONAL_AREA,
    PERCENTILE_FIELDS,
    SOC_CODE_PATTERN,
    Occupation,
)
from careers.uploads import (
    MAX_COLUMNS,
    UploadRefused,
    check_xlsx,
    csv_rows,
    max_rows,
    too_many_rows,
)

# Rows kept: the national, cross-industry, all-ownership estimates.
CROSS_INDUSTRY = "000000"
ALL_OWNERSHIPS = "1235"
NOT_AVAILABLE = {"", "*", "**"}
TOP_CODED = "#"
# The most problems one refusal lists; a wholly wrong file would otherwise list thousands.
PROBLEMS_SHOWN = 20

# Our field ← BLS's column (lower case).
WAGE_COLUMNS = {
    "annual_mean": "a_mean",
    "annual_p10": "a_pct10",
    "annual_p25": "a_pct25",
    "annual_median": "a_median",
    "annual_p75": "a_pct75",
    "annual_p90": "a_pct90",
    "hourly_median": "h_median",
}
REQUIRED_COLUMNS = (
    "area",
    "area_title",
    "occ_code",
    "occ_title",
    "o_group",
    "tot_emp",
    *WAGE_COLUMNS.values(),
)
# Read when present: NAICS and OWN_CODE (rows for other industries are skipped), and
# ANNUAL and HOURLY (the annual-only and hourly-only flags).
# ASCII digits with at most one dot (commas are removed first; a minus is let through for
# the clearer "outside the possible range"). Decimal() alone would also take "١٢٣",
# "1_000", "1e5" and "NaN", which no BLS file holds.
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class OewsFileError(Exception):
    """The file cannot be imported; `problems` says where and why, in plain words."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("Nothing was imported.\n" + "\n".join(self.shown_problems()))

    def shown_problems(self):
        """The first PROBLEMS_SHOWN problems, and how many more there are."""
        shown = self.problems[:PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        return shown + ([f"…and {more} more problems."] if more > 0 else [])


@dataclass(frozen=True)
class EstimateRow:
    """One kept row of the file: an occupation and its figures, ready to store."""

    row_number: int
    code: str
    title: str
    level: str
    area_code: str
    values: dict  # ESTIMATE_FIGURE_FIELDS → value

    def wage(self, field):
        """One figure as a Wage, to show it as the site will (e.g. "$239,200 or more")."""
        return Wage(
            self.values[field], self.values[f"{field}_top_coded"], field.startswith("hourly")
        )


@dataclass
class OewsFile:
    """A read file: its kept rows and how many it skipped, and why."""

    rows: list[EstimateRow] = field(default_factory=list)
    skipped_areas: int = 0
    skipped_industries: int = 0


# --- Reading the file ----------------------------------------------------------------


def _cell_text(value):
    """A cell from either format as the text BLS wrote: 120230.0 → "120230"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # The shortest text that reads back as the same float: 57.8, not 57.799999….
        text = repr(value)
        return text.removesuffix(".0") if "e" not in text else format(Decimal(text), "f")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()  # a date where a number belongs: reported as such
    return str(value).strip()


def _xlsx_rows(data):
    from openpyxl import load_workbook  # only imports when an .xlsx arrives

    try:
        # Sizes, packing and rows are checked before openpyxl reads anything
        # (careers.uploads): it would build a row of a million cells whole.
        check_xlsx(io.BytesIO(data))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise OewsFileError([f"This is not a readable .xlsx workbook ({error})."]) from None
    except (zlib.error, EOFError) as error:
        raise OewsFileError([f"This .xlsx workbook is damaged ({error})."]) from None
    try:
        # BLS's workbooks hold the data on one sheet (some add a field-descriptions
        # sheet): use the first whose header row names OCC_CODE.
        for sheet in workbook.worksheets:
            # The sheet's declared dimension is only a claim: read no further than the
            # checked limits, whatever it says.
            rows = sheet.iter_rows(
                max_col=min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS),
                max_row=min(sheet.max_row or max_rows() + 1, max_rows() + 1),
                values_only=True,
            )
            header = next(rows, None)
            if header and "occ_code" in {_cell_text(cell).lower() for cell in header}:
                yield [_cell_text(cell) for cell in header]
                for row in rows:
                    yield [_cell_text(cell) for cell in row]
                return
        raise OewsFileError(["No sheet in the workbook has an OCC_CODE column."])
    # read_only workbooks parse each sheet's XML while it is read, so a damaged sheet
    # fails here (ParseError is a SyntaxError), not in load_workbook().
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as error:
        raise OewsFileError([f"This .xlsx workbook is damaged ({error})."]) from None
    finally:
        workbook.close()


def _csv_rows(data):
    # Read as a stream: a 60 MB file is never also decoded into one 60 MB string.
    for row in csv_rows(io.BytesIO(data), encodings=("utf-8-sig", "cp1252")):
        yield [cell.strip() for cell in row]


def table_rows(data):
    """The file's rows as lists of cell texts, header first; .xlsx or CSV by content.
    A file over careers.uploads' limits is refused as soon as that is known."""
    try:
        if data.startswith(b"PK\x03\x04"):
            yield from _xlsx_rows(data)
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            raise OewsFileError(["This is an old .xls workbook; save it as .xlsx or CSV."])
        else:
            yield from _csv_rows(data)
    except UploadRefused as refusal:
        raise OewsFileError([str(refusal)]) from None


# --- Checking each cell --------------------------------------------------------------


class _Cells:
    """One row's cells by column name, collecting a problem for each bad cell."""

    def __init__(self, row_number, cells, columns, problems):
        self.row_number = row_number
        self.cells = cells
        self.columns = columns  # lower-case name → (index, name as the file spells it)
        self.problems = problems

    def text(self, column):
        index = self.columns.get(column, (None,))[0]
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]

    def problem(self, column, message):
        name = self.columns[column][1] if column in self.columns else column.upper()
        self.problems.append(f"Row {self.row_number}, column {name}: {message}")

    def flag(self, column):
        text = self.text(column).upper()
        if text in ("", "FALSE", "0"):
            return False
        if text in ("TRUE", "1"):
            return True
        self.problem(column, f"“{self.text(column)}” should be TRUE or empty.")
        return False

    def number(self, column, *, whole, maximum, minimum=0):
        """(value, top-coded?) for a numeric cell; (None, False) when not available."""
        text = self.text(column).replace(",", "")
        if text in NOT_AVAILABLE:
            return None, False
        if text == TOP_CODED:
            return None, True
        try:
            if not NUMBER.fullmatch(text):
                raise InvalidOperation
            value = Decimal(text)
        except InvalidOperation:
            self.problem(column, f"“{self.text(column)[:40]}” is not a number.")
            return None, False
        if not value.is_finite() or value < minimum or value > maximum:
            self.problem(
                column,
                f"{self.text(column)[:40]} is outside the possible range {minimum:,} to "
                f"{maximum:,}.",
            )
            return None, False
        if whole:
            if value != value.to_integral_value():
                self.problem(column, f"{text} should be a whole number.")
                return None, False
            return int(value), False
        if value != value.quantize(Decimal("0.01")):
            self.problem(column, f"{text} has more than two decimal places.")
            return None, False
        return value.quantize(Decimal("0.01")), False


def _estimate_values(cells, hourly_top_code):
    """The figures of one row, with markers turned into empty or top-coded values."""
    annual_top_code = int(hourly_top_code * HOURS_PER_YEAR)
    values = {}
    employment, top_coded = cells.number("tot_emp", whole=True, maximum=EMPLOYMENT_MAX)
    if top_coded:
        cells.problem("tot_emp", "employment cannot be top-coded (#).")
    values["employment"] = employment
    for name, column in WAGE_COLUMNS.items():
        if name in ANNUAL_WAGE_FIELDS:
            amount, top_coded = cells.number(
                column, whole=True, minimum=SALARY_HARD_MIN, maximum=SALARY_HARD_MAX
            )
            top_code = annual_top_code
        else:
            amount, top_coded = cells.number(
                column, whole=False, minimum=Decimal("0.01"), maximum=HOURLY_WAGE_MAX
            )
            top_code = hourly_top_code
        values[name] = top_code if top_coded else amount
        values[f"{name}_top_coded"] = top_coded
    values["annual_only"] = cells.flag("annual")
    values["hourly_only"] = cells.flag("hourly")
    values["area_title"] = cells.text("area_title")[:100]

    if values["annual_only"] and values["hourly_only"]:
        cells.problem("hourly", "a row cannot be both ANNUAL and HOURLY only.")
    if values["annual_only"] and values["hourly_median"] is not None:
        cells.problem("h_median", "the row is annual-only (ANNUAL is TRUE) but has an hourly wage.")
    if values["hourly_only"]:
        for name in ANNUAL_WAGE_FIELDS:
            if values[name] is not None:
                cells.problem(
                    WAGE_COLUMNS[name],
                    "the row is hourly-only (HOURLY is TRUE) but has an annual wage.",
                )
                break
    present = [(name, values[name]) for name in PERCENTILE_FIELDS if values[name] is not None]
    for (lower, low), (higher, high) in itertools.pairwise(present):
        if low > high:
            cells.problem(
                WAGE_COLUMNS[higher],
                f"{usd(high)} is below the {WAGE_COLUMNS[lower].upper()} figure ({usd(low)}); "
                "percentiles must rise.",
            )
    return values


def read_oews(data, hourly_top_code):
    """Read and check a whole OEWS file (bytes). Raises OewsFileError listing every bad cell."""
    rows = table_rows(data)
    header = next(rows, None)
    if not header or not any(header):
        raise OewsFileError(["The file is empty."])
    columns = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        if key and key not in columns:
            columns[key] = (index, name.strip())
    missing = [name.upper() for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise OewsFileError(
            [
                f"Row 1: the file has no column named {', '.join(missing)}. Upload BLS's OEWS "
                "download file (.xlsx) or a CSV export of it, with its header row."
            ]
        )

    problems = []
    result = OewsFile()
    first_seen = {}
    for row_number, cells in enumerate(rows, start=2):
        if row_number - 1 > max_rows():
            raise OewsFileError([f"{too_many_rows()} Use BLS's national file."])
        if not any(cells):
            continue  # blank lines at the end of a spreadsheet
        row = _Cells(row_number, cells, columns, problems)
        if row.text("area") != NATIONAL_AREA:
            result.skipped_areas += 1
            continue
        naics, ownership = row.text("naics"), row.text("own_code")
        if (naics and naics.zfill(6) != CROSS_INDUSTRY) or (
            ownership and ownership != ALL_OWNERSHIPS
        ):
            result.skipped_industries += 1
            continue

        code = row.text("occ_code")
        if not re.match(SOC_CODE_PATTERN, code):
            row.problem("occ_code", f"“{code[:40]}” is not a SOC code like 15-2051.")
        elif code in first_seen:
            row.problem("occ_code", f"{code} appears twice (first on row {first_seen[code]}).")
        else:
            first_seen[code] = row_number
        title = row.text("occ_title")
        if not title:
            row.problem("occ_title", "the occupation needs its title.")
        level = row.text("o_group").lower()
        if level not in Occupation.Level.values:
            row.problem(
                "o_group",
                f"“{row.text('o_group')[:40]}” is not one of {', '.join(Occupation.Level.values)}.",
            )
        values = _estimate_values(row, hourly_top_code)
        result.rows.append(EstimateRow(row_number, code, title[:200], level, NATIONAL_AREA, values))
    if problems:
        raise OewsFileError(problems)
    if not result.rows:
        raise OewsFileError(
            [
                f"The file has no national cross-industry rows (skipped {result.skipped_areas} for "
                f"other areas and {result.skipped_industries} for other industries)."
            ]
        )
    return result
