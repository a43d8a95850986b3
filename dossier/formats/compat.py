"""Every use of XlsxWriter's and python-docx's private code, in one place.

The exports are fast because a few hot paths skip library work we do not need. Those
shortcuts depend on names the libraries do not promise to keep, so they live here, each
with a test in ``tests/formats/test_compat.py`` that names the library and the attribute
when an upgrade removes or changes it. ``pyproject.toml`` bounds both libraries below their
next major version. Nothing else in ``dossier`` may touch a ``_``-prefixed library name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.document import CT_Body
from docx.table import Table
from lxml import etree
from xlsxwriter.worksheet import Worksheet

# --- XlsxWriter -----------------------------------------------------------------------------


class FastWorksheet(Worksheet):
    """A worksheet that trusts our formulas.

    They use only classic functions (ROUND, SUM, SUMIF, SUMPRODUCT, EXACT) that need no
    ``_xlfn.`` prefix; XlsxWriter's ~30 regex passes per formula looking for newer functions
    took over half of the export time of a large dossier. Overrides the private
    ``Worksheet._prepare_formula``.
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")


# --- python-docx: the XML element behind a proxy ------------------------------------------------
# python-docx exposes the element of a row, cell, table, paragraph and run only as a private
# attribute; we need it to add properties the proxies do not model (cantSplit, tblLook, fields).


def row_element(row: Any) -> Any:
    """The ``w:tr`` of a ``docx.table._Row``."""
    return row._tr


def cell_element(cell: Any) -> Any:
    """The ``w:tc`` of a ``docx.table._Cell``."""
    return cell._tc


def table_element(table: Table) -> Any:
    """The ``w:tbl`` of a ``docx.table.Table``."""
    return table._tbl


def paragraph_element(paragraph: Any) -> Any:
    """The ``w:p`` of a ``docx.text.paragraph.Paragraph``."""
    return paragraph._p


def run_element(run: Any) -> Any:
    """The ``w:r`` of a ``docx.text.run.Run``."""
    return run._r


# --- python-docx: speed-ups ------------------------------------------------------------------------


def add_table_fast(doc: DocxDocument, rows: int, cols: int, width: Any) -> Table:
    """A new table at the end of the body, with the given total width.

    ``Document.add_table`` looks up the page width of the whole body for every table; the
    private ``Document._body`` adds one without that lookup.
    """
    return doc._body.add_table(rows, cols, width)


def remove_ilvl(num_pr: Any) -> None:
    """Drop the ``w:ilvl`` of a ``w:numPr`` (python-docx generates only a private remover)."""
    num_pr._remove_ilvl()


#: The private methods of ``CT_Body`` through which python-docx inserts every new paragraph
#: and table; each scans the whole body for ``w:sectPr``.
BODY_INSERTERS = ("_insert_p", "_insert_tbl")


@contextmanager
def body_inserts_via(insert: Callable[[etree._Element, etree._Element], etree._Element]) -> Iterator[None]:
    """While the block runs, every paragraph or table python-docx adds to a body goes through
    ``insert(body, element)`` instead of its own (quadratic on long documents) placement."""
    originals = [getattr(CT_Body, name) for name in BODY_INSERTERS]
    for name in BODY_INSERTERS:
        setattr(CT_Body, name, insert)
    try:
        yield
    finally:
        for name, original in zip(BODY_INSERTERS, originals):
            setattr(CT_Body, name, original)
