"""An OEWS file's rows as lists of cell texts, header first, from either format BLS's
files come in (.xlsx, or a CSV export of it), read as a stream within careers.uploads'
limits. careers.official.reading checks what they say."""

import datetime
import io
import zipfile
import zlib
from decimal import Decimal

from careers.uploads import MAX_COLUMNS, UploadRefused, check_xlsx, csv_rows, max_rows


class OewsFileError(Exception):
    """The file cannot be imported; `problems` says where and why, in plain words."""

    def __init__(self, problems, total=None):
        self.problems = list(problems)
        # How many there were in all, when only the first of many were kept.
        self.total = max(total or 0, len(self.problems))
        super().__init__("Nothing was imported.\n" + "\n".join(self.shown_problems()))

    def shown_problems(self):
        """The first PROBLEMS_SHOWN problems, and how many more there are."""
        shown = self.problems[:PROBLEMS_SHOWN]
        more = self.total - len(shown)
        return shown + ([f"…and {more} more problems."] if more > 0 else [])


# The most problems one refusal lists; a wholly wrong file would otherwise list thousands.
PROBLEMS_SHOWN = 20


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
    # Read as a stream: a 60 MB file is never also decoded into one 60 MB string. A first
    # quick pass counts the rows, so a file over the limit is refused in seconds rather
    # than after every row before the limit has been checked.
    for _ in csv_rows(io.BytesIO(data), encodings=("utf-8-sig", "cp1252")):
        pass
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
