"""Building blocks of the Word narrative: text as real paragraphs, tables, dates.

Text rules (the same for every narrative field):

* A blank line starts a new paragraph.
* A single newline inside a paragraph becomes a line break (``w:br``): the lines stay together
  the way the author grouped them (an address, a list of partners) without the paragraph gap.
* A line starting with ``-``, ``–`` or ``•`` becomes its own ``List Bullet`` paragraph without the
  marker ("-5 %" is not a bullet); a following line without a marker continues that item.

Every string passes through ``clean_text`` first: python-docx raises ``ValueError`` on control
characters XML cannot hold, and an export must never fail on a pasted U+0001.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from ..core.text import clean_text
from . import docx_styles as st

EMPTY = "–"
#: Text width of A4 with 2,5 cm margins, what the column widths below add up to.
TEXT_WIDTH_CM = 16.0
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_BULLET = re.compile(r"^[ \t]*(?:[-–](?![\d\s-])|[-–][ \t]+|•[ \t]*)")

# tblLook bit values (ECMA-376 §17.7.6): which conditional parts of the table style apply.
_LOOK_FIRST_ROW, _LOOK_LAST_ROW, _LOOK_FIRST_COL, _LOOK_NO_HBAND, _LOOK_NO_VBAND = 0x20, 0x40, 0x80, 0x200, 0x400


def text(value: object) -> str:
    """Any value as text XML can hold."""
    return clean_text("" if value is None else str(value))


def add_lines(paragraph, value: str) -> None:
    """One run: python-docx writes each newline as a line break (w:br) and each tab as w:tab."""
    if value:
        paragraph.add_run(value)


def _paragraphs(value: str) -> list[tuple[bool, list[str]]]:
    """The text as (is bullet item, lines) per paragraph."""
    result: list[tuple[bool, list[str]]] = []
    for block in _PARAGRAPH_BREAK.split(value):
        current = None
        for line in block.split("\n"):
            marker = _BULLET.match(line)
            if marker:
                line = line[marker.end():]
                if not line.strip():
                    continue  # a lone "-" is not an item
                current = (True, [])
                result.append(current)
            elif current is None:
                if not line.strip():
                    continue
                current = (False, [])
                result.append(current)
            current[1].append(line.strip())
    return result


def add_text(container, value: str, style: str = st.NORMAL, bullet_style: str = st.LIST_BULLET) -> int:
    """Write narrative text into a document or a table cell; returns the paragraphs written."""
    paragraphs = _paragraphs(text(value).strip())
    for bullet, lines in paragraphs:
        add_lines(container.add_paragraph(style=bullet_style if bullet else style), "\n".join(lines))
    return len(paragraphs)


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float
    amount: bool = False  # right-aligned figure


def _mark_row(row, *, header: bool = False) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _set_look(table, *, first_row: bool, last_row: bool, first_col: bool) -> None:
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    flags = {"w:firstRow": first_row, "w:lastRow": last_row, "w:firstColumn": first_col,
             "w:lastColumn": False, "w:noHBand": True, "w:noVBand": True}
    for key, on in flags.items():
        look.set(qn(key), "1" if on else "0")
    value = (_LOOK_FIRST_ROW * first_row + _LOOK_LAST_ROW * last_row + _LOOK_FIRST_COL * first_col
             + _LOOK_NO_HBAND + _LOOK_NO_VBAND)
    look.set(qn("w:val"), f"{value:04X}")


def _text_width_cm(doc: DocxDocument) -> float:
    """Width between the margins of the (last) section: a user template may be Letter or wider-margined."""
    section = doc.sections[-1]
    try:
        width = section.page_width - section.left_margin - section.right_margin
    except TypeError:  # a template without page size or margins
        return TEXT_WIDTH_CM
    return Emu(width).cm if width > Cm(5) else TEXT_WIDTH_CM


def _new_table(doc: DocxDocument, widths: Sequence[float], rows: int):
    # Columns are designed for A4 with 2,5 cm margins; scale them to the template's text width.
    scale = _text_width_cm(doc) / sum(widths)
    widths = [w * scale for w in widths]
    body = doc.element.body
    last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else (body[-1] if len(body) else None)
    if last is not None and last.tag == qn("w:tbl"):
        doc.add_paragraph(style=st.CELL)  # two adjacent tables would merge into one
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = doc.styles[st.TABLE]
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return table


#: A cell is text, or (text, note) where the note is a smaller grey line below (e.g. a category).
CellValue = str | tuple[str, str]


def _fill(cell, value: CellValue, style: str) -> None:
    """Replace the cell's empty paragraph with ``value`` written as paragraphs."""
    if isinstance(value, tuple):
        value, note = value
        _fill(cell, value, style)
        if text(note).strip():
            cell.add_paragraph(text(note).strip(), style=st.CELL_NOTE)
        return
    paragraph = cell.paragraphs[0]
    value = text(value).strip()
    if "\n\n" in value or any(_BULLET.match(line) for line in value.split("\n")):
        cell._tc.remove(paragraph._p)
        if not add_text(cell, value, style=style):
            cell.add_paragraph(style=style)  # a cell must hold at least one paragraph
        return
    paragraph.style = style
    add_lines(paragraph, value)


def add_data_table(doc: DocxDocument, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
                   totals: Sequence[str] | None = None):
    """A table with a repeated header row and an optional bold totals row."""
    table = _new_table(doc, [c.width_cm for c in columns], 1 + len(rows) + (totals is not None))
    _set_look(table, first_row=True, last_row=totals is not None, first_col=False)
    for cell, column in zip(table.rows[0].cells, columns):
        _fill(cell, column.title, st.CELL_AMOUNT_BOLD if column.amount else st.CELL_BOLD)
    _mark_row(table.rows[0], header=True)
    for row, values in zip(table.rows[1:], rows):
        for cell, column, value in zip(row.cells, columns, values):
            _fill(cell, value, st.CELL_AMOUNT if column.amount else st.CELL)
        _mark_row(row)
    if totals is not None:
        row = table.rows[-1]
        for cell, column, value in zip(row.cells, columns, totals):
            _fill(cell, value, st.CELL_AMOUNT_BOLD if column.amount else st.CELL_BOLD)
        _mark_row(row)
    return table


def add_facts_table(doc: DocxDocument, facts: Sequence[tuple[str, str]], widths=(5.0, 11.0)):
    """A two-column label/value table. It has no header row (a repeated "Údaj | Hodnota" would
    say nothing); the label column is bold and shaded by the table style."""
    table = _new_table(doc, widths, len(facts))
    _set_look(table, first_row=False, last_row=False, first_col=True)
    for row, (label, value) in zip(table.rows, facts):
        _fill(row.cells[0], label, st.CELL_BOLD)
        _fill(row.cells[1], value or EMPTY, st.CELL)
        _mark_row(row)
    return table
