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
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu
from lxml import etree

from ..core.text import clean_text
from . import docx_styles as st
from .compat import add_table_fast, cell_element, paragraph_element, row_element, table_element

EMPTY = "–"
#: Text width of A4 with 2,5 cm margins, what the column widths below add up to.
TEXT_WIDTH_CM = 16.0
#: Our own attributes on a python-docx Document: the chapter being streamed, the cached text width.
CHAPTER_ATTR = "_dossier_chapter"
_TEXT_WIDTH_ATTR = "_dossier_text_width_cm"
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
        current: tuple[bool, list[str]] | None = None
        for line in block.split("\n"):
            marker = _BULLET.match(line)
            if marker:
                line = line[marker.end() :]
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
    tr_pr = row_element(row).get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _set_look(table, *, first_row: bool, last_row: bool, first_col: bool) -> None:
    tbl_pr = table_element(table).tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    flags = {
        "w:firstRow": first_row,
        "w:lastRow": last_row,
        "w:firstColumn": first_col,
        "w:lastColumn": False,
        "w:noHBand": True,
        "w:noVBand": True,
    }
    for key, on in flags.items():
        look.set(qn(key), "1" if on else "0")
    value = (
        _LOOK_FIRST_ROW * first_row
        + _LOOK_LAST_ROW * last_row
        + _LOOK_FIRST_COL * first_col
        + _LOOK_NO_HBAND
        + _LOOK_NO_VBAND
    )
    look.set(qn("w:val"), f"{value:04X}")


def _text_width_cm(doc: DocxDocument) -> float:
    """Width between the margins of the (last) section: a user template may be Letter or wider-margined."""
    # doc.sections searches the whole body; the page setup does not change while we write.
    cached: float | None = getattr(doc, _TEXT_WIDTH_ATTR, None)
    if cached is None:
        cached = _measure_text_width_cm(doc)
        setattr(doc, _TEXT_WIDTH_ATTR, cached)
    return cached


def _measure_text_width_cm(doc: DocxDocument) -> float:
    section = doc.sections[-1]
    try:
        width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    except TypeError:  # a template without page size or margins
        return TEXT_WIDTH_CM
    return Emu(width).cm if width > Cm(5) else TEXT_WIDTH_CM


def streamed_chapter(doc: DocxDocument):
    """The detached element new blocks go into while ``docx_export`` streams a chapter, else None."""
    return getattr(doc, CHAPTER_ATTR, None)


def _last_block(body):
    """The last paragraph or table of the body (lxml's len() would walk every child)."""
    try:
        last = body[-1]
    except IndexError:
        return None
    return last.getprevious() if last.tag == qn("w:sectPr") else last


def _new_table(doc: DocxDocument, widths: Sequence[float], rows: int):
    # Columns are designed for A4 with 2,5 cm margins; scale them to the template's text width.
    scale = _text_width_cm(doc) / sum(widths)
    widths = [w * scale for w in widths]
    chapter = streamed_chapter(doc)
    last = _last_block(doc.element.body if chapter is None else chapter)
    if last is not None and last.tag == qn("w:tbl"):
        doc.add_paragraph(style=st.CELL)  # two adjacent tables would merge into one
    # Document.add_table would look up the page width in the whole body for every table.
    table = add_table_fast(doc, rows, len(widths), Cm(sum(widths)))
    table_element(table).tblStyle_val = st.style_id(doc, st.TABLE)
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
        cell_element(cell).remove(paragraph_element(paragraph))
        if not add_text(cell, value, style=style):
            cell.add_paragraph(style=style)  # a cell must hold at least one paragraph
        return
    paragraph.style = style
    add_lines(paragraph, value)


def add_data_table(
    doc: DocxDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[CellValue]],
    totals: Sequence[str] | None = None,
):
    """A table with a repeated header row and an optional bold totals row."""
    table = _new_table(doc, [c.width_cm for c in columns], 2 + (totals is not None))
    _set_look(table, first_row=True, last_row=totals is not None, first_col=False)
    for cell, column in zip(table.rows[0].cells, columns):
        _fill(cell, column.title, st.CELL_AMOUNT_BOLD if column.amount else st.CELL_BOLD)
    _mark_row(table.rows[0], header=True)
    _mark_row(table.rows[1])
    _add_rows_fast(doc, table, columns, rows)
    if totals is not None:
        row = table.rows[-1]
        for cell, column, value in zip(row.cells, columns, totals):
            _fill(cell, value, st.CELL_AMOUNT_BOLD if column.amount else st.CELL_BOLD)
        _mark_row(row)
    return table


# Budget tables have thousands of cells and python-docx's object layer costs tens of
# microseconds per element, so data rows are written as one XML string, parsed once. The
# empty second row of the table is the template: its row and cell properties (widths,
# cantSplit) are copied into every row.


def _add_rows_fast(doc: DocxDocument, table, columns: Sequence[Column], rows) -> None:
    template = row_element(table.rows[1])
    tr_pr = _fragment(template.trPr)
    tc_prs = [_fragment(tc.tcPr) for tc in template.tc_lst]
    styles = [st.style_id(doc, st.CELL_AMOUNT if c.amount else st.CELL) for c in columns]
    note_style = st.style_id(doc, st.CELL_NOTE)
    slow: list[tuple[int, int, CellValue]] = []
    parts = []
    for r, values in enumerate(rows):
        parts.append(f"<w:tr>{tr_pr}")
        for c, (tc_pr, style_id, value) in enumerate(zip(tc_prs, styles, values)):
            cell = _cell_xml(value, style_id, note_style)
            if cell is None:
                slow.append((r, c, value))
                cell = _paragraph_xml(style_id, "")
            parts.append(f"<w:tc>{tc_pr}{cell}</w:tc>")
        parts.append("</w:tr>")
    new_rows = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")
    for tr in list(new_rows):
        template.addprevious(tr)
    template.getparent().remove(template)
    for r, c, value in slow:  # paragraphs or bullets inside a cell: the careful path
        cell = table.rows[1 + r].cells[c]
        tc = cell_element(cell)
        for p in tc.p_lst[1:]:
            tc.remove(p)
        _fill(cell, value, next(s.name for s in doc.styles if s.style_id == styles[c]))


_NS_DECL = re.compile(r' xmlns:\w+="[^"]*"')


def _fragment(element) -> str:
    """An element as XML text without the namespace declarations tostring() repeats on it."""
    return "" if element is None else _NS_DECL.sub("", etree.tostring(element, encoding="unicode"))


def _run_xml(value: str, char_style_id: str = "") -> str:
    if not value:
        return ""
    pieces = []
    for i, line in enumerate(value.split("\n")):
        if i:
            pieces.append("<w:br/>")
        pieces.append(
            "<w:tab/>".join(
                f'<w:t xml:space="preserve">{escape(chunk)}</w:t>' if chunk else "" for chunk in line.split("\t")
            )
        )
    props = f'<w:rPr><w:rStyle w:val="{escape(char_style_id)}"/></w:rPr>' if char_style_id else ""
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def _paragraph_xml(style_id: str, value: str, runs: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/></w:pPr>{runs or _run_xml(value)}</w:p>'


def add_labelled_paragraphs(doc: DocxDocument, items: Sequence[tuple[str, str]], style: str, label_style: str) -> None:
    """Paragraphs "label: text" (label in a character style), appended in one step.

    ``doc.add_paragraph`` finds its place by scanning the whole body, which made long
    documents quadratic; these paragraphs are parsed together and placed before sectPr.
    """
    style_id, label_id = st.style_id(doc, style), st.style_id(doc, label_style)
    xml = "".join(
        _paragraph_xml(style_id, "", _run_xml(text(label), label_id) + _run_xml(text(body))) for label, body in items
    )
    chapter = streamed_chapter(doc)
    body = doc.element.body if chapter is None else chapter
    anchor = body.sectPr if chapter is None else None
    for paragraph in list(parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")):
        if anchor is not None:
            anchor.addprevious(paragraph)
        else:
            body.append(paragraph)


def _cell_xml(value: CellValue, style_id: str, note_style_id: str) -> str | None:
    """A plain cell's paragraphs as XML; ``None`` when it needs paragraphs or bullets."""
    value, note = value if isinstance(value, tuple) else (value, "")
    value, note = text(value).strip(), text(note).strip()
    if "\n\n" in value or any(_BULLET.match(line) for line in value.split("\n")):
        return None
    return _paragraph_xml(style_id, value) + (_paragraph_xml(note_style_id, note) if note else "")


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
