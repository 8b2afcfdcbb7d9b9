"""What an uploaded spreadsheet may hold, and reading one without trusting it.

The one place for the limits both importers obey: the BLS wage import
(careers.official) and the role figures CSV (careers.importing, through the admin).

- settings.IMPORT_MAX_UPLOAD_BYTES: the largest file accepted (env-configurable).
- settings.IMPORT_MAX_ROWS: the most rows after the header (env-configurable).
- MAX_COLUMNS cells a row, MAX_CELL_CHARS characters a cell (Excel's own limit).
- An .xlsx is a zip: its parts' declared sizes and compression ratio are checked, then
  its sheets are scanned as a stream, all before openpyxl parses a byte of it, since
  openpyxl builds a whole row (and a whole shared-strings table) in memory.

A file over a limit is refused with UploadRefused, whose text is for the editor.
"""

import codecs
import contextlib
import contextvars
import csv
import io
import re
import zipfile
from xml.parsers import expat

from django.conf import settings

from careers.formatting import counted

# BLS's files have 32 columns and the role CSV 10: a row of more is not a table of ours.
MAX_COLUMNS = 100
# Excel's own limit for one cell.
MAX_CELL_CHARS = 32_767
# A CSV record (which may span lines inside quotes) longer than this is refused as it is read.
MAX_RECORD_CHARS = MAX_COLUMNS * 1_000
# An .xlsx's XML, unpacked: BLS's national workbook holds about 3 MB of it. More than
# this would take openpyxl minutes and gigabytes to parse.
XLSX_MAX_XML_BYTES = 100 * 1024 * 1024
# Spreadsheet XML packs 5 to 20 times; a part packed far tighter is a "zip bomb".
XLSX_MAX_RATIO = 100
XLSX_RATIO_FROM_BYTES = 1024 * 1024  # small parts may pack tightly; they cost nothing
# Distinct texts (the shared strings, all read into memory at once) a workbook may hold,
# per row allowed: a BLS row has a few texts of its own (code, title), the rest repeat.
SHARED_STRINGS_PER_ROW = 4
# Elements inside one sheet row (a cell is <c>, <v> and perhaps <f>, <is>, <t>).
MAX_ROW_ELEMENTS = MAX_COLUMNS * 8
CHUNK_BYTES = 1024 * 1024
COLUMN_LETTERS = re.compile(r"[A-Za-z]{1,3}")


class UploadRefused(ValueError):
    """The upload breaks a limit or is not what it claims to be; the text says which."""


# An importer made for bigger files (BLS's all-data workbook: about 400,000 rows) may
# raise the row and unpacked-size limits while it reads: see larger_files().
_larger = contextvars.ContextVar("larger_import_limits", default=None)


@contextlib.contextmanager
def larger_files(*, rows, xml_bytes):
    """Within the block, allow `rows` rows and `xml_bytes` unpacked .xlsx bytes. Reading
    stays a stream, so memory does not grow with either."""
    token = _larger.set((rows, xml_bytes))
    try:
        yield
    finally:
        _larger.reset(token)


def max_upload_bytes():
    return settings.IMPORT_MAX_UPLOAD_BYTES


def max_rows():
    larger = _larger.get()
    return larger[0] if larger else settings.IMPORT_MAX_ROWS


def max_xml_bytes():
    larger = _larger.get()
    return larger[1] if larger else XLSX_MAX_XML_BYTES


def size_text(size):
    """A file size as editors read it: "61.2 MB", "12 KB", "300 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return counted(size, "byte")


def check_size(size):
    """Refuse a file of `size` bytes over settings.IMPORT_MAX_UPLOAD_BYTES."""
    limit = max_upload_bytes()
    if size > limit:
        raise UploadRefused(f"The file is {size_text(size)}; the limit is {size_text(limit)}.")


def too_many_rows():
    return UploadRefused(
        f"The file has more than {counted(max_rows(), 'row')} after its header; "
        "that is the most one import reads."
    )


# --- CSV ------------------------------------------------------------------------------


def _encoding_of(file, encodings):
    """The first of `encodings` the whole (seekable, binary) file decodes in, read in
    chunks so no second copy of the file is made."""
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        file.seek(0)
        try:
            while chunk := file.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        file.seek(0)
        return encoding
    return None


class _Records:
    """The text's lines for csv.reader, refusing binary data and any record longer
    than MAX_RECORD_CHARS while reading it (readline stops there, so one endless
    line never fills memory). `pending` counts the current record's characters."""

    def __init__(self, text):
        self.text = text
        self.pending = 0

    def __iter__(self):
        return self

    def __next__(self):
        line = self.text.readline(MAX_RECORD_CHARS + 1)
        if not line:
            raise StopIteration
        if "\0" in line:
            raise UploadRefused("This is not a CSV file (it holds binary data).")
        self.pending += len(line)
        if self.pending > MAX_RECORD_CHARS:
            raise UploadRefused(
                f"A row of the file is longer than {counted(MAX_RECORD_CHARS, 'character')}; "
                "this is not a table of ours."
            )
        return line


def csv_rows(file, *, encodings=("utf-8-sig",)):
    """Each record of a CSV file (a seekable binary file object) as a list of cell
    texts, header first, read as a stream. Refuses (UploadRefused) text in none of
    `encodings`, binary data, a record of more than MAX_COLUMNS cells, a cell of more
    than MAX_CELL_CHARS characters and more than settings.IMPORT_MAX_ROWS rows after
    the header. The file is left open (and rewound) for whoever reads it next."""
    encoding = _encoding_of(file, encodings)
    if encoding is None:
        names = " nor ".join("UTF-8" if e.startswith("utf") else "Windows text" for e in encodings)
        either = "neither " if len(encodings) > 1 else "not "
        raise UploadRefused(f"The file is {either}{names}; save it as CSV UTF-8.")
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    lines = _Records(text)
    row_cap = max_rows()
    try:
        for number, record in enumerate(csv.reader(lines), start=1):
            lines.pending = 0
            if number - 1 > row_cap:
                raise too_many_rows()
            if len(record) > MAX_COLUMNS:
                raise UploadRefused(
                    f"Row {number} has {counted(len(record), 'cell')}; the most a row may "
                    f"have is {MAX_COLUMNS}."
                )
            if any(len(cell) > MAX_CELL_CHARS for cell in record):
                raise _cell_too_long(number)
            yield record
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _cell_too_long(None) from None
        raise UploadRefused(f"This is not a readable CSV file ({error}).") from None
    finally:
        # A TextIOWrapper closes its file when collected, and the caller owns the file.
        if not file.closed:
            text.detach()
            file.seek(0)


def _cell_too_long(row_number):
    where = f"Row {row_number} has a cell" if isinstance(row_number, int) else "A cell"
    return UploadRefused(
        f"{where} longer than {counted(MAX_CELL_CHARS, 'character')} (Excel's own limit)."
    )


# --- .xlsx ----------------------------------------------------------------------------


def check_xlsx(file):
    """Refuse (UploadRefused) an .xlsx (a seekable binary file object) whose parts
    unpack to more than XLSX_MAX_XML_BYTES or pack more than XLSX_MAX_RATIO to 1, or
    whose sheets hold a row past settings.IMPORT_MAX_ROWS + 1 (the header) or a row of
    more than MAX_COLUMNS cells, or that holds more shared strings than
    SHARED_STRINGS_PER_ROW a row. Only the zip's directory and a streaming scan of its
    XML are read: memory stays a few megabytes whatever the file claims. Python's
    zipfile never unpacks more than a part declares, so the declared sizes bind.
    A file that is not a zip at all is left for the reader to name (zipfile.BadZipFile)."""
    with zipfile.ZipFile(file) as archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > max_xml_bytes():
            raise UploadRefused(
                f"The workbook unpacks to {size_text(unpacked)}; the limit is "
                f"{size_text(max_xml_bytes())}. Save only the sheet you need, or as CSV."
            )
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > XLSX_RATIO_FROM_BYTES and ratio > XLSX_MAX_RATIO:
                raise UploadRefused(
                    f"The workbook's part {part.filename} unpacks {ratio:,.0f} times larger "
                    "than it is packed; no real spreadsheet does. It was refused unread."
                )
        for part in parts:
            if part.filename.lower().endswith(".xml"):
                with archive.open(part) as stream:
                    _scan_sheet(stream)
    file.seek(0)


class _SheetScan:
    """Counts a sheet's rows and each row's cells as expat reads it, refusing at once."""

    def __init__(self):
        self.depth = 0
        self.row_depth = None  # depth of the <row> being read, None outside one
        self.row_number = 0
        self.cells = self.elements = 0
        self.strings = 0

    def start(self, tag, attributes):
        self.depth += 1
        name = tag.rpartition(" ")[2]
        if self.row_depth is None:
            if name == "row":
                self.start_row(attributes.get("r"))
            elif name == "si":
                self.count_shared_string()
            return
        self.elements += 1
        if name == "c":
            self.cells += 1
            column = COLUMN_LETTERS.match(attributes.get("r", ""))
            if self.cells > MAX_COLUMNS or (column and _column_index(column[0]) > MAX_COLUMNS):
                self.refuse_wide_row()
        if self.elements > MAX_ROW_ELEMENTS:
            self.refuse_wide_row()

    def start_row(self, number):
        self.row_depth = self.depth
        self.cells = self.elements = 0
        self.row_number = int(number) if number and number.isdigit() else self.row_number + 1
        if self.row_number - 1 > max_rows():
            raise too_many_rows()

    def count_shared_string(self):
        self.strings += 1
        # BLS's large workbooks hold numbers and a few thousand names, so the usual
        # row limit bounds the texts, for every import: openpyxl keeps them all in memory.
        rows = settings.IMPORT_MAX_ROWS
        if self.strings > rows * SHARED_STRINGS_PER_ROW:
            raise UploadRefused(
                f"The workbook holds more than {counted(self.strings - 1, 'different text')}; "
                f"{counted(rows, 'row')} of ours never need as many."
            )

    def end(self, tag):
        if self.depth == self.row_depth:
            self.row_depth = None
        self.depth -= 1

    def refuse_wide_row(self):
        raise UploadRefused(
            f"Row {self.row_number} of a sheet has more than {MAX_COLUMNS} cells; "
            "this is not a table of ours."
        )


def _column_index(letters):
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _scan_sheet(stream):
    scan = _SheetScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    try:
        while chunk := stream.read(CHUNK_BYTES):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        pass  # damaged XML: openpyxl names it when it reads the part
