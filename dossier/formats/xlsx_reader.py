"""A small, bounded reader of .xlsx cell values: only the sheets and rows Dossier asks for.

openpyxl parses the whole shared-strings part and every row of a sheet; a hostile workbook (a
million rows, a huge shared-strings part) then costs minutes and gigabytes. Here the zip goes
through ``zip_guard``, the XML is parsed as a stream by libxml2 (lxml) with DTDs refused before
the parser sees them and entity expansion and network access off (so no XXE or billion laughs),
a sheet is read only up to the rows asked for, and only the shared strings the read cells use
are kept.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from ..core.errors import DossierError
from .zip_guard import MB, GuardedZip, ZipLimits, has_dtd

#: The XML parts read whole (workbook, relationships, shared strings up to the last one used) are a
#: few MB in a workbook of ours; the data sheet's JSON goes to the shared strings.
MAX_XML_PART = 48 * MB
#: Sheets are read as streams that stop after the rows asked for; this only bounds the stream.
MAX_SHEET_PART = 256 * MB
#: The workbook part and its relationships list the sheets: a few kB in any real workbook.
MAX_INDEX_PART = 4 * MB
#: Cells parsed per row asked for (ours have 11): a row of a million cells is not read to its end.
CELLS_PER_ROW = 64
#: Cells parsed in the whole workbook: bounds the time of reading (about 10 µs each) whatever the
#: number of sheets; an export of 10 000 budget lines has some 120 000.
MAX_CELLS = 250_000
#: Shared strings beyond this index are never ours: a workbook has a few per budget line plus one
#: per 16 000 characters of hidden data, so this allows some 50 000 budget lines.
MAX_SHARED_INDEX = 200_000
#: Columns read per row (our sheets have 11); cells further right are ignored.
MAX_COLS = 16
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
#: OOXML writes characters XML cannot hold as "_xHHHH_" (and a literal "_x" as "_x005F_x").
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class SharedRef(int):
    """A cell holding a shared-string index, resolved once the strings are read."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column(ref: str | None, fallback: int) -> int:
    match = _CELL_REF.match(ref or "")
    if not match:
        return fallback
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return col - 1


class XlsxReader:
    """Cell values of named sheets: ``str``, ``Decimal``, ``bool`` or ``None``."""

    def __init__(self, archive: GuardedZip):
        self.zip, self.label = archive, archive.label
        self.sheets: dict[str, str] = {}  # name → part, in workbook order
        self.states: dict[str, str] = {}
        self._strings_part = "xl/sharedStrings.xml"
        self.cells_left = MAX_CELLS
        self._read_workbook()

    def _events(self, part: str, events=("end",), cap: int = MAX_XML_PART, tag=None) -> Iterator[tuple[str, Any]]:
        """Parse events of one part; any XML trouble becomes a Czech error."""
        stream = _NoDtd(self.zip.open(part, cap), self.label)
        try:
            # libxml2 in C, without DTDs, entity expansion or network, and with its size limits
            # on text nodes and nesting; _NoDtd refuses a DTD before the parser sees one.
            yield from etree.iterparse(
                stream,
                events=events,
                tag=tag,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
            )
        except (etree.LxmlError, SyntaxError, ValueError, UnicodeError):
            raise DossierError(f"{self.label} je poškozený a nelze jej přečíst.") from None
        finally:
            stream.close()

    def _read_workbook(self) -> None:
        if not self.zip.has("xl/workbook.xml"):
            raise DossierError(f"{self.label} není sešit Excel (.xlsx) nebo je poškozený.")
        targets, strings = {}, None
        if self.zip.has("xl/_rels/workbook.xml.rels"):
            for _event, element in self._events("xl/_rels/workbook.xml.rels", cap=MAX_INDEX_PART):
                if _local(element.tag) == "Relationship" and element.get("TargetMode") != "External":
                    target = element.get("Target") or ""
                    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    targets[element.get("Id")] = part
                    if (element.get("Type") or "").endswith("/sharedStrings"):
                        strings = part
        if strings:
            self._strings_part = strings
        for _event, element in self._events("xl/workbook.xml", cap=MAX_INDEX_PART):
            if _local(element.tag) == "sheet":
                name = element.get("name") or ""
                part = targets.get(element.get(f"{{{_REL_NS}}}id"))
                if name and part and name not in self.sheets:
                    self.sheets[name] = part
                    self.states[name] = element.get("state") or "visible"
                if len(self.sheets) > 10_000:
                    raise DossierError(f"{self.label} obsahuje podezřele mnoho listů; nelze jej otevřít.")

    def raw_rows(self, sheet: str, max_rows: int, max_cols: int = MAX_COLS) -> tuple[list[list], bool]:
        """The first ``max_rows`` rows (1-based row n at index n-1) and whether the sheet goes on.

        Shared strings are left as ``SharedRef``; ``resolve`` fills them in for all sheets at once.
        """
        part = self.sheets[sheet]
        if not self.zip.has(part):
            raise DossierError(f"{self.label}: list „{sheet}“ chybí, sešit je poškozený.")
        rows: list[list] = []
        row_no, col_no, more, row = 0, -1, False, None
        cells_left = allowed = min(max_rows * CELLS_PER_ROW + 10_000, self.cells_left)
        # One event per cell (libxml2 filters the tags); finished cells and rows are dropped at once,
        # so memory stays flat however long the sheet or wide the row.
        for _event, cell in self._events(part, cap=MAX_SHEET_PART, tag="{*}c"):
            cells_left -= 1
            if cells_left < 0:  # far more cells than the rows asked for can hold
                more = True
                break
            parent = cell.getparent()
            if parent is not row:
                if row is not None and row.getparent() is not None:
                    row.getparent().remove(row)
                row, col_no = parent, -1
                row_no = _row_number(row.get("r") if row is not None else None, row_no + 1)
                if row_no > max_rows:
                    more = True
                    break
            col_no = _column(cell.get("r"), col_no + 1)
            if 0 <= col_no < max_cols:
                value, inline = None, []
                for child in cell:
                    tag = _local(child.tag)
                    if tag == "v":
                        value = child.text or ""
                    elif tag == "is":
                        inline = [t.text or "" for t in child.iter("{*}t") if _local(t.getparent().tag) != "rPh"]
                while len(rows) < row_no:
                    rows.append([])
                cells = rows[row_no - 1]
                cells.extend([None] * (col_no + 1 - len(cells)))
                cells[col_no] = self._cell(cell.get("t"), value, inline)
            cell.clear()
            while cell.getprevious() is not None:
                del parent[0]
        self.cells_left -= allowed - max(cells_left, 0)
        return rows, more

    def _cell(self, cell_type, value, inline):
        if cell_type == "s":
            try:
                index = int(value)
            except (TypeError, ValueError):
                return None
            if not 0 <= index <= MAX_SHARED_INDEX:
                raise DossierError(f"{self.label} odkazuje na podezřele mnoho textů; nelze jej otevřít.")
            return SharedRef(index)
        if cell_type == "inlineStr":
            return _unescape("".join(inline))
        if cell_type in ("str", "e"):
            return value or ""
        if cell_type == "b":
            return value == "1"
        if value is None or value == "":
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
        # NaN, infinities and absurd exponents ("1e999999999" would print a billion digits) stay text.
        return number if number.is_finite() and abs(number.adjusted()) <= 30 else value

    def resolve(self, *tables: list[list]) -> None:
        """Replace every ``SharedRef`` in ``tables`` by its text, reading only up to the last index used."""
        wanted = {cell for table in tables for row in table for cell in row if isinstance(cell, SharedRef)}
        if not wanted:
            return
        strings = self._shared_strings(set(map(int, wanted)))
        for table in tables:
            for row in table:
                for i, cell in enumerate(row):
                    if isinstance(cell, SharedRef):
                        row[i] = strings.get(int(cell), "")

    def _shared_strings(self, wanted: set[int]) -> dict[int, str]:
        if not self.zip.has(self._strings_part):
            raise DossierError(f"{self.label} je poškozený: chybí část s texty.")
        last, index, found = max(wanted), 0, {}
        for _event, item in self._events(self._strings_part, tag="{*}si"):
            if index in wanted:
                # Rich text has its runs' <t>; phonetic hints (<rPh>) are not part of the text.
                found[index] = _unescape(
                    "".join(t.text or "" for t in item.iter("{*}t") if _local(t.getparent().tag) != "rPh")
                )
            item.clear()
            while item.getprevious() is not None:  # drop finished strings: memory stays flat
                del item.getparent()[0]
            index += 1  # noqa: SIM113 - counted after the lookup, then checked against the last wanted
            if index > last:
                break
        return found


class _NoDtd:
    """A stream that refuses XML with a DTD or entity declarations (Office never writes one;
    every entity trick, from XXE to billion laughs, needs one)."""

    def __init__(self, stream, label: str):
        self._stream, self._label, self._tail = stream, label, b""

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if has_dtd(self._tail + data):
            raise DossierError(
                f"{self._label} obsahuje nepovolené konstrukce XML (DTD, entity); "
                "z bezpečnostních důvodů jej nelze otevřít."
            )
        self._tail = data[-32:]
        return data

    def close(self) -> None:
        self._stream.close()


def _row_number(ref: str | None, fallback: int) -> int:
    try:
        number = int(ref) if ref else fallback
    except ValueError:
        return fallback
    return number if number >= 1 else fallback


OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, and .xlsx encrypted with a password
#: An Office workbook has tens of parts; these bound what a hostile one may unpack to.
WORKBOOK_LIMITS = ZipLimits(max_entries=10_000, max_part=256 * MB, max_total=512 * MB)


@contextmanager
def open_workbook(raw: bytes, name: str) -> Iterator[XlsxReader]:
    """Any workbook from outside (a budget block, an accounting export) through the guarded zip."""
    if raw.startswith(OLE_SIGNATURE):
        raise DossierError(f"Sešit {name} je zaheslovaný nebo ve starém formátu .xls; uložte jej jako .xlsx.")
    with GuardedZip(
        raw, f"Sešit {name}", WORKBOOK_LIMITS, not_a_zip=f"Soubor {name} není sešit Excel (.xlsx) nebo je poškozený."
    ) as archive:
        yield XlsxReader(archive)


def visible_sheets(reader: XlsxReader) -> list[str]:
    return [title for title, state in reader.states.items() if state == "visible"]


def sheet_rows(reader: XlsxReader, title: str, max_rows: int, max_cols: int) -> tuple[list[tuple], bool]:
    """A sheet's first ``max_rows`` rows as tuples with texts filled in, and whether it goes on."""
    rows, more = reader.raw_rows(title, max_rows, max_cols)
    reader.resolve(rows)
    return [tuple(row) for row in rows], more
