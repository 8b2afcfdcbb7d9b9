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

Every area (the nation, states, territories, metropolitan and nonmetropolitan areas)
and every industry row is read, so the national, state, metropolitan and all-data
files all import. The file is read as a stream: OewsReader yields one checked row at a
time and keeps only what checking needs, so the all-data workbook (about 400,000 rows)
reads in bounded memory; it may keep only some occupations (those roles link to).
"""

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from careers.formatting import Wage, usd
from careers.models.figures import SALARY_HARD_MAX, SALARY_HARD_MIN
from careers.official.models import (
    ANNUAL_WAGE_FIELDS,
    EMPLOYMENT_MAX,
    HOURLY_WAGE_MAX,
    HOURS_PER_YEAR,
    JOBS_PER_1000_MAX,
    LOCATION_QUOTIENT_MAX,
    PERCENTILE_FIELDS,
    SOC_CODE_PATTERN,
    Occupation,
)
from careers.official.places import (
    ALL_OWNERSHIPS,
    AREA_CODE_PATTERN,
    CROSS_INDUSTRY,
    NAICS_PATTERN,
    NATIONAL_AREA,
    Area,
    NaicsIndustry,
)
from careers.official.tables import OewsFileError, table_rows
from careers.uploads import max_rows, too_many_rows

__all__ = ["OewsFileError", "OewsReader", "read_oews"]

NOT_AVAILABLE = {"", "*", "**"}
TOP_CODED = "#"

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
# Read when present: AREA_TYPE and PRIM_STATE (the area), NAICS, NAICS_TITLE, I_GROUP
# and OWN_CODE (the industry; cross-industry, all owners when absent), JOBS_1000 and
# LOC_QUOTIENT, and ANNUAL and HOURLY (the annual-only and hourly-only flags).
# Problems kept word for word; beyond them only counted.
PROBLEMS_KEPT = 1000
# ASCII digits with at most one dot (commas are removed first; a minus is let through for
# the clearer "outside the possible range"). Decimal() alone would also take "١٢٣",
# "1_000", "1e5" and "NaN", which no BLS file holds.
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@dataclass(frozen=True)
class AreaRow:
    """An area as the file names it; (code, kind) is its identity."""

    code: str
    kind: int
    title: str
    states: str

    @property
    def key(self):
        return (self.code, self.kind)


@dataclass(frozen=True)
class IndustryRow:
    """An industry as the file names it; (naics, ownership) is its identity."""

    naics: str
    ownership: str
    title: str
    level: str

    @property
    def key(self):
        return (self.naics, self.ownership)

    @property
    def is_cross_industry(self):
        return self.key == (CROSS_INDUSTRY, ALL_OWNERSHIPS)


@dataclass(frozen=True)
class EstimateRow:
    """One kept row of the file: an occupation, where and in which industry, and its
    figures, ready to store."""

    row_number: int
    code: str
    title: str
    level: str
    area: AreaRow
    industry: IndustryRow
    values: dict  # ESTIMATE_FIGURE_FIELDS → value

    @property
    def is_national(self):
        return self.area.kind == Area.Kind.NATIONAL and self.industry.is_cross_industry

    @property
    def where(self):
        """ "California", or "U.S., Computer Systems Design (private)"."""
        if self.industry.is_cross_industry:
            return self.area.title
        return f"{self.area.title}, {self.industry.title}"

    def wage(self, field):
        """One figure as a Wage, to show it as the site will (e.g. "$239,200 or more")."""
        return Wage(
            self.values[field], self.values[f"{field}_top_coded"], field.startswith("hourly")
        )


@dataclass
class OewsFile:
    """A whole read file (small files and tests): its kept rows and how many it skipped."""

    rows: list[EstimateRow] = field(default_factory=list)
    skipped_occupations: int = 0


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

    def number(self, column, *, whole, maximum, minimum=0, places=2):
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
        step = Decimal(1).scaleb(-places)
        if value != value.quantize(step):
            self.problem(
                column,
                f"{text} has more than {('no', 'one', 'two', 'three')[places]} decimal places.",
            )
            return None, False
        return value.quantize(step), False


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
    for name, column, places, maximum in (
        ("jobs_per_1000", "jobs_1000", 3, JOBS_PER_1000_MAX),
        ("location_quotient", "loc_quotient", 2, LOCATION_QUOTIENT_MAX),
    ):
        values[name], top_coded = cells.number(column, whole=False, maximum=maximum, places=places)
        if top_coded:
            cells.problem(column, "this figure cannot be top-coded (#).")

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


# How many digits each type of area's code has (FIPS for states, CBSA for metro areas).
AREA_CODE_WIDTH = {
    Area.Kind.NATIONAL: 2,
    Area.Kind.STATE: 2,
    Area.Kind.TERRITORY: 2,
    Area.Kind.METROPOLITAN: 5,
    Area.Kind.NONMETROPOLITAN: 7,
}


def _area_kind(code, text):
    """BLS's AREA_TYPE, or, in a file without that column, the type its code implies."""
    if text:
        return int(text) if text.isdigit() and int(text) in Area.Kind.values else None
    if code == NATIONAL_AREA:
        return Area.Kind.NATIONAL
    return {2: Area.Kind.STATE, 5: Area.Kind.METROPOLITAN, 7: Area.Kind.NONMETROPOLITAN}.get(
        len(code)
    )


def _industry_level(naics):
    """BLS's I_GROUP for a file without that column, from the shape of the code."""
    if naics in (CROSS_INDUSTRY, "000001"):
        return NaicsIndustry.Level.CROSS_INDUSTRY
    if len(naics) == 2 or "-" in naics:
        return NaicsIndustry.Level.SECTOR
    if naics.endswith("000"):
        return NaicsIndustry.Level.THREE_DIGIT
    if naics.endswith("00"):
        return NaicsIndustry.Level.FOUR_DIGIT
    return NaicsIndustry.Level.FIVE_DIGIT


class OewsReader:
    """Reads an OEWS file (bytes) as a stream: `rows()` yields each checked row whose
    occupation is kept (all, or those in `keep_codes`), collecting a problem for each
    bad cell; `finish()` then raises OewsFileError if there was any, or if no row was
    kept. Only a hash of each kept row's identity stays in memory (to find repeats)."""

    def __init__(self, data, hourly_top_code, keep_codes=None):
        self.data = data
        self.hourly_top_code = hourly_top_code
        self.keep_codes = keep_codes
        self.problems = []
        self.problem_count = 0
        self.kept = 0
        self.skipped_occupations = 0
        self._seen = set()

    def _columns(self, header):
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
                    f"Row 1: the file has no column named {', '.join(missing)}. Upload one of "
                    "BLS's OEWS download files (.xlsx) or a CSV export of it, with its header row."
                ]
            )
        return columns

    def rows(self):
        rows = table_rows(self.data)
        columns = self._columns(next(rows, None))
        for row_number, cells in enumerate(rows, start=2):
            if row_number - 1 > max_rows():
                raise OewsFileError([str(too_many_rows())])
            if not any(cells):
                continue  # blank lines at the end of a spreadsheet
            code = cells[columns["occ_code"][0]] if columns["occ_code"][0] < len(cells) else ""
            if self.keep_codes is not None and code not in self.keep_codes:
                self.skipped_occupations += 1
                continue
            found = []
            row = self._row(_Cells(row_number, cells, columns, found), code)
            if found:
                self.problem_count += len(found)
                self.problems.extend(found[: max(PROBLEMS_KEPT - len(self.problems), 0)])
            elif row is not None:
                self.kept += 1
                yield row

    def _row(self, row, code):
        area = self._area(row)
        industry = self._industry(row)
        if not re.match(SOC_CODE_PATTERN, code):
            row.problem("occ_code", f"“{code[:40]}” is not a SOC code like 15-2051.")
        elif area and industry:
            identity = hash((area.key, industry.key, code))
            if identity in self._seen:
                row.problem(
                    "occ_code",
                    f"{code} appears twice for {area.title}, {industry.title} "
                    f"(area {area.code}, NAICS {industry.naics}, ownership {industry.ownership}).",
                )
            self._seen.add(identity)
        title = row.text("occ_title")
        if not title:
            row.problem("occ_title", "the occupation needs its title.")
        level = row.text("o_group").lower()
        if level not in Occupation.Level.values:
            row.problem(
                "o_group",
                f"“{row.text('o_group')[:40]}” is not one of {', '.join(Occupation.Level.values)}.",
            )
        values = _estimate_values(row, self.hourly_top_code)
        if area is None or industry is None:
            return None
        return EstimateRow(row.row_number, code, title[:200], level, area, industry, values)

    def _area(self, row):
        code = row.text("area")
        kind = _area_kind(code, row.text("area_type"))
        if kind is not None and code.isdigit():
            # A workbook may store the code as a number: Alabama's "01" reads 1.
            code = code.zfill(AREA_CODE_WIDTH.get(kind, len(code)))
        if not re.match(AREA_CODE_PATTERN, code):
            row.problem("area", f"“{code[:40]}” is not a BLS area code (2 to 7 digits).")
            return None
        if kind is None:
            row.problem("area_type", f"“{row.text('area_type')[:40]}” is not a BLS area type.")
            return None
        title = row.text("area_title")
        if not title:
            row.problem("area_title", "the area needs its name.")
            return None
        return AreaRow(code, kind, title[:200], row.text("prim_state")[:40])

    def _industry(self, row):
        naics = row.text("naics") or CROSS_INDUSTRY
        # Stored as a number, "000000" reads 0 and "000001" reads 1; sectors are 2 digits.
        naics = naics.zfill(6) if naics.isdigit() and len(naics) != 2 else naics
        if not re.match(NAICS_PATTERN, naics):
            row.problem("naics", f"“{naics[:40]}” is not a NAICS code like 541500.")
            return None
        ownership = row.text("own_code") or ALL_OWNERSHIPS
        if ownership not in NaicsIndustry.Ownership.values:
            row.problem("own_code", f"“{ownership[:40]}” is not one of BLS's ownership codes.")
            return None
        title = row.text("naics_title") or ("Cross-industry" if naics == CROSS_INDUSTRY else "")
        if not title:
            row.problem("naics_title", "the industry needs its name.")
            return None
        level = row.text("i_group").lower() or _industry_level(naics)
        if level not in NaicsIndustry.Level.values:
            row.problem("i_group", f"“{row.text('i_group')[:40]}” is not one of BLS's levels.")
            return None
        return IndustryRow(naics, ownership, title[:250], level)

    def finish(self):
        """Raise OewsFileError naming every problem, or saying nothing was kept."""
        if self.problem_count:
            raise OewsFileError(self.problems, total=self.problem_count)
        if not self.kept:
            kept = "" if self.keep_codes is None else " for the occupations roles link to"
            raise OewsFileError([f"The file has no estimates{kept}."])


def read_oews(data, hourly_top_code, keep_codes=None):
    """Read and check a whole (small) OEWS file. Raises OewsFileError listing every bad
    cell. The importer streams with OewsReader instead."""
    reader = OewsReader(data, hourly_top_code, keep_codes)
    result = OewsFile(rows=list(reader.rows()))
    reader.finish()
    result.skipped_occupations = reader.skipped_occupations
    return result
