"""A small, bounded reader of .xlsx cell values: only the sheets and rows Dossier asks for.

openpyxl parses the whole shared-strings part and every row of a sheet; a hostile workbook (a
million rows, a huge shared-strings part) then costs minutes and gigabytes. Here the zip goes
through ``zip_guard``, the XML is parsed as a stream by defusedxml with DTDs forbidden (so no
entity tricks), a sheet is read only up to the rows asked for, and only the shared strings the
read cells use are kept.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ..core.errors import DossierError
from .zip_guard import MB, GuardedZip

#: The XML parts a workbook of ours has are a few MB; the data sheet's JSON goes to shared strings.
MAX_XML_PART = 48 * MB
#: Shared strings beyond this index are never ours (a few per budget line).
MAX_SHARED_INDEX = 1_000_000
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
        self._read_workbook()

    def _events(self, part: str, events=("end",)) -> Iterator[tuple[str, object]]:
        """Parse events of one part; any XML trouble becomes a Czech error."""
        stream = self.zip.open(part, MAX_XML_PART)
        try:
            yield from iterparse(stream, events=events, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
        except DefusedXmlException:
            raise DossierError(f"{self.label} obsahuje nepovolené konstrukce XML (DTD, entity); "
                               "z bezpečnostních důvodů jej nelze otevřít.") from None
        except (SyntaxError, ValueError, UnicodeError):  # ParseError is a SyntaxError
            raise DossierError(f"{self.label} je poškozený a nelze jej přečíst.") from None
        finally:
            stream.close()

    def _read_workbook(self) -> None:
        if not self.zip.has("xl/workbook.xml"):
            raise DossierError(f"{self.label} není sešit Excel (.xlsx) nebo je poškozený.")
        targets, strings = {}, None
        if self.zip.has("xl/_rels/workbook.xml.rels"):
            for _event, element in self._events("xl/_rels/workbook.xml.rels"):
                if _local(element.tag) == "Relationship" and element.get("TargetMode") != "External":
                    target = element.get("Target") or ""
                    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    targets[element.get("Id")] = part
                    if (element.get("Type") or "").endswith("/sharedStrings"):
                        strings = part
        if strings:
            self._strings_part = strings
        for _event, element in self._events("xl/workbook.xml"):
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
        row_no, col_no, more = 0, 0, False
        cell_type, value, inline = None, None, []
        for event, element in self._events(part, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row_no = _row_number(element.get("r"), row_no + 1)
                    if row_no > max_rows:
                        more = True
                        break
                    col_no = -1
                elif tag == "c":
                    col_no = _column(element.get("r"), col_no + 1)
                    cell_type, value, inline = element.get("t"), None, []
                continue
            if tag == "v":
                value = element.text or ""
            elif tag == "t":
                inline.append(element.text or "")
            elif tag == "c":
                if 0 <= col_no < max_cols:
                    while len(rows) < row_no:
                        rows.append([])
                    cells = rows[row_no - 1]
                    cells.extend([None] * (col_no + 1 - len(cells)))
                    cells[col_no] = self._cell(cell_type, value, inline)
                element.clear()
            elif tag == "row":
                element.clear()
            elif tag == "sheetData":
                break
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
            return Decimal(value)
        except InvalidOperation:
            return None

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
        last, index, found, parts, phonetic = max(wanted), 0, {}, [], False
        for event, element in self._events(self._strings_part, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "si":
                    parts = []
                elif tag == "rPh":  # phonetic hints are not part of the text
                    phonetic = True
                continue
            if tag == "t" and not phonetic:
                parts.append(element.text or "")
            elif tag == "rPh":
                phonetic = False
            elif tag == "si":
                if index in wanted:
                    found[index] = _unescape("".join(parts))
                element.clear()
                index += 1
                if index > last:
                    break
        return found


def _row_number(ref: str | None, fallback: int) -> int:
    try:
        number = int(ref) if ref else fallback
    except ValueError:
        return fallback
    return number if number >= 1 else fallback
