"""Spreadsheet cells that are safe to open: the one rule for every CSV the site
writes (the directory's download and the admin's export) and reads back (the
admin's import).

A cell starting with =, +, -, @, a tab or a carriage return is run as a formula by
Excel and LibreOffice, so such text goes out with a leading apostrophe, and the
import takes the apostrophe off again. A plain number ("-3.5") runs nothing and is
written as it is.
"""

import re

from import_export.formats.base_formats import CSV

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def safe_cell(value):
    """A value ready for a CSV cell: None as "", formula-like text prefixed with "'"."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return ESCAPE + value
    return value


def unescaped_cell(value):
    """A cell as the site wrote it before safe_cell() escaped it."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeCSV(CSV):
    """django-import-export's CSV format, escaping formulae by safe_cell() when
    settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on (the library's own rule only
    drops a leading "=")."""

    def _escape_formulae(self, dataset):
        for _ in range(len(dataset)):
            dataset.append([safe_cell(cell) for cell in dataset.lpop()])
