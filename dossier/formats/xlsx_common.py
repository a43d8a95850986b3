"""What the Excel export and import share: sheet names, the hidden data sheet's layout, cell text.

The workbook carries a machine-readable copy of the dossier in a very hidden sheet, so a
budget exported last year can be imported again without loss (see ``xlsx_import.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ..core.text import clean_text

SUMMARY_SHEET = "Souhrn"
DATA_SHEET = "_dossier"
#: Excel keeps "History" for its change tracking and refuses it as a sheet name.
RESERVED_SHEETS = (SUMMARY_SHEET, DATA_SHEET, "History")
MAX_SHEET_NAME = 31

# The data sheet: row 1 holds the marker (A), schema version (B), chunk count (C) and the
# SHA-256 of the JSON text (D); the JSON itself follows in column A from row 2 on.
#: 16 000 characters are at most 32 000 UTF-16 units, safely under Excel's 32 767 per cell
#: even when every character is an emoji.
CHUNK_CHARS = 16_000

#: Excel's limit for one cell, counted in UTF-16 units.
MAX_CELL_UNITS = 32_767

_FORBIDDEN_IN_SHEET = str.maketrans({"[": "(", "]": ")", ":": "-", "/": "-", "\\": "-", "*": "", "?": ""})
_WHITESPACE = re.compile(r"\s+")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_cut(text: str, units: int) -> str:
    """The longest prefix of ``text`` with at most ``units`` UTF-16 units (never half an emoji)."""
    while utf16_len(text) > units:
        excess = utf16_len(text) - units
        text = text[: len(text) - max(1, excess // 2)]
    return text


def cell_text(value: str) -> str:
    """User text ready for a cell: XML-safe and within Excel's per-cell limit (marked with "…")."""
    value = clean_text(value)
    if len(value) > MAX_CELL_UNITS // 2 and utf16_len(value) > MAX_CELL_UNITS:
        value = utf16_cut(value, MAX_CELL_UNITS - 1) + "…"
    return value


def write_text(sheet, row: int, col: int, value: str, fmt) -> None:
    """User text as a string cell (never a formula, even "=SUM(1)"); empty text as a blank cell."""
    text = cell_text(value)
    if text:
        sheet.write_string(row, col, text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def merge_text(sheet, first_row: int, first_col: int, last_row: int, last_col: int, value: str, fmt) -> None:
    """Merged cells holding user text, as a string cell (or a blank one when empty).

    merge_range passes the text to write(), which keeps it a plain string only while the
    workbook never turns strings into formulas, URLs or numbers; ours all say so.
    """
    if sheet.strings_to_formulas or sheet.strings_to_urls or sheet.strings_to_numbers:
        raise ValueError("merge_text needs a workbook that writes strings as they are")
    sheet.merge_range(first_row, first_col, last_row, last_col, cell_text(value), fmt)


def _sheet_base(raw: str) -> str:
    name = _trim(_WHITESPACE.sub(" ", clean_text(raw).translate(_FORBIDDEN_IN_SHEET)), 10 * MAX_SHEET_NAME)
    if utf16_len(name) <= MAX_SHEET_NAME:
        return name
    # Cut at a word boundary where one is near, and mark the cut so the name does not look like a typo.
    cut = utf16_cut(name, MAX_SHEET_NAME - 1)
    space = cut.rfind(" ")
    if space >= MAX_SHEET_NAME * 2 // 3:
        cut = cut[:space]
    return _trim(cut, MAX_SHEET_NAME - 1) + "…"


def _trim(name: str, units: int = MAX_SHEET_NAME) -> str:
    # Excel refuses names that start or end with an apostrophe; trailing spaces look like typos.
    return utf16_cut(name.strip(" '"), units).strip(" '")


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Valid, case-insensitively unique sheet names for the given raw titles, in order."""
    taken = {name.casefold() for name in RESERVED_SHEETS}
    names = []
    for index, raw in enumerate(titles, start=1):
        base = _sheet_base(raw) or f"Projekt {index}"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = _trim(base, MAX_SHEET_NAME - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def cell_number(value: Decimal | int) -> int | float:
    """The one place a Decimal becomes a float: at the cell boundary, for XlsxWriter."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)
