"""Files built to hurt an importer, shared by the BLS import's tests and the role CSV's
(tests/helpers/__init__.py holds the well-meant files). Each is small on disk: the sheet XML is
written as a stream straight into the zip, never built whole, and never by openpyxl."""

import io
import time
import tracemalloc
import zipfile
from contextlib import contextmanager

# The least an .xlsx needs for openpyxl to open it: one sheet, xl/worksheets/sheet1.xml.
XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"
HEADER_ROW = b'<row r="1"><c t="inlineStr"><is><t>OCC_CODE</t></is></c></row>'


SHARED_STRINGS_PARTS = {
    "[Content_Types].xml": (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def xlsx_of(sheet_pieces, *, packed=True, shared_strings=0):
    """An .xlsx whose one sheet's XML is the byte strings `sheet_pieces` yields, in order.
    `packed=False` stores the sheet unpacked, to get past the packing-ratio check;
    `shared_strings` adds a table of that many different texts ("0", "1", …)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            if shared_strings and name in SHARED_STRINGS_PARTS:
                text = text.rpartition("</")[0] + SHARED_STRINGS_PARTS[name]
            archive.writestr(name, text)
        if shared_strings:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as table:
                table.write(
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                for start in range(0, shared_strings, 10_000):
                    numbers = range(start, min(start + 10_000, shared_strings))
                    table.write(b"".join(b"<si><t>%d</t></si>" % number for number in numbers))
                table.write(b"</sst>")
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = method
        with archive.open(info, "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START)
            for piece in sheet_pieces:
                sheet.write(piece)
            sheet.write(SHEET_END)
    return buffer.getvalue()


def repeated(piece, times, batch=10_000):
    """`piece` `times` times over, in batches, for xlsx_of() or a CSV."""
    for start in range(0, times, batch):
        yield piece * min(batch, times - start)


def xlsx_with_a_wide_row(cells, *, packed=True):
    """A workbook whose header row holds `cells` cells."""
    return xlsx_of([b'<row r="1">', *repeated(b"<c><v>1</v></c>", cells), b"</row>"], packed=packed)


def xlsx_with_rows(rows, *, packed=True):
    """A workbook with an OCC_CODE header and `rows` one-cell rows under it."""
    return xlsx_of([HEADER_ROW, *repeated(b"<row><c><v>1</v></c></row>", rows)], packed=packed)


def csv_with_rows(header, row, rows):
    """A CSV of `header` and `row` repeated `rows` times (both bytes, without newline)."""
    return header + b"\r\n" + b"".join(repeated(row + b"\r\n", rows))


BINARY = bytes(range(256)) * 64  # a file of every byte value, e.g. a picture named .csv


@contextmanager
def measured():
    """Time and peak memory (tracemalloc) of the block: {"seconds": …, "peak_mb": …}."""
    result = {}
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result["seconds"] = time.perf_counter() - started
        result["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
