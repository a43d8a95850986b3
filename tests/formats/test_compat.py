"""The private library code ``dossier/formats/compat.py`` relies on is still there and still works.

Each test names the library, its installed version and the private attribute, so an upgrade
that breaks a speed-up fails here with a message saying what to look at, not deep in an export.
"""

from __future__ import annotations

import inspect
import io
import zipfile
from importlib.metadata import version

import docx
import xlsxwriter
from docx.oxml.document import CT_Body
from docx.oxml.numbering import CT_NumPr
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Cm
from xlsxwriter.worksheet import Worksheet

from dossier.formats import compat

XLSXWRITER = f"XlsxWriter {version('XlsxWriter')}"
PYTHON_DOCX = f"python-docx {version('python-docx')}"


def _sheet_xml(worksheet_class) -> str:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})  # as the export opens it
    sheet = workbook.add_worksheet("List", worksheet_class)
    sheet.write_formula(0, 0, "=UNIQUE(B1:B3)")
    sheet.write_formula(1, 0, "=ROUND(SUM(B1:B3),2)")
    workbook.close()
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_xlsxwriter_worksheet_prepare_formula_is_still_the_hook_for_formulas():
    original = getattr(Worksheet, "_prepare_formula", None)
    assert callable(original), f"{XLSXWRITER}: Worksheet._prepare_formula is gone; FastWorksheet overrides nothing"
    params = list(inspect.signature(original).parameters)
    assert params == ["self", "formula", "expand_future_functions"], (
        f"{XLSXWRITER}: Worksheet._prepare_formula(self, formula, expand_future_functions) changed to {params}"
    )
    # The stock method prefixes newer functions; ours passes formulas through. If XlsxWriter
    # stopped calling the method, the fast sheet would get the prefix too.
    assert ">_xlfn.UNIQUE(B1:B3)</f>" in _sheet_xml(Worksheet), (
        f"{XLSXWRITER}: Worksheet._prepare_formula no longer prefixes UNIQUE with _xlfn.; check what it does now"
    )
    fast = _sheet_xml(compat.FastWorksheet)
    assert ">UNIQUE(B1:B3)</f>" in fast, (
        f"{XLSXWRITER}: write_formula no longer goes through Worksheet._prepare_formula; FastWorksheet has no effect"
    )
    assert "<f>ROUND(SUM(B1:B3),2)</f>" in fast, f"{XLSXWRITER}: FastWorksheet must strip the leading '='"


def _table(doc):
    return doc.add_table(rows=1, cols=1)


def test_python_docx_proxies_still_keep_their_element_in_private_attributes():
    doc = docx.Document()
    table = _table(doc)
    row, cell = table.rows[0], table.rows[0].cells[0]
    paragraph = doc.add_paragraph()
    run = paragraph.add_run("x")
    cases = [
        (compat.row_element, row, "_Row._tr", CT_Row),
        (compat.cell_element, cell, "_Cell._tc", CT_Tc),
        (compat.table_element, table, "Table._tbl", CT_Tbl),
        (compat.paragraph_element, paragraph, "Paragraph._p", CT_P),
        (compat.run_element, run, "Run._r", CT_R),
    ]
    for accessor, proxy, attribute, element_class in cases:
        try:
            element = accessor(proxy)
        except AttributeError:
            raise AssertionError(f"{PYTHON_DOCX}: {attribute} is gone") from None
        assert isinstance(element, element_class), (
            f"{PYTHON_DOCX}: {attribute} is a {type(element).__name__}, expected {element_class.__name__}"
        )


def test_python_docx_document_body_still_adds_tables_at_the_end():
    doc = docx.Document()
    doc.add_paragraph("před")
    assert hasattr(doc, "_body"), f"{PYTHON_DOCX}: Document._body is gone; add_table_fast cannot skip the page lookup"
    table = compat.add_table_fast(doc, 2, 3, Cm(9))
    body = doc.element.body
    assert len(table.rows) == 2 and len(table.columns) == 3, (
        f"{PYTHON_DOCX}: Document._body.add_table(rows, cols, width) changed"
    )
    assert body[-1].tag.endswith("sectPr") and body[-2] is compat.table_element(table), (
        f"{PYTHON_DOCX}: Document._body.add_table no longer puts the table last before w:sectPr"
    )
    assert abs(table.columns[0].width - Cm(3)) <= Cm(0.01), f"{PYTHON_DOCX}: Document._body.add_table ignores the width"


def test_python_docx_numpr_still_has_a_private_ilvl_remover():
    assert callable(getattr(CT_NumPr, "_remove_ilvl", None)), (
        f"{PYTHON_DOCX}: CT_NumPr._remove_ilvl is gone; bullet styles cannot drop their level"
    )
    num_pr = docx.Document().styles["List Bullet"].element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl()
    compat.remove_ilvl(num_pr)
    assert num_pr.ilvl is None, f"{PYTHON_DOCX}: CT_NumPr._remove_ilvl no longer removes w:ilvl"


def test_python_docx_body_still_inserts_blocks_through_the_private_inserters():
    for name in compat.BODY_INSERTERS:
        assert callable(getattr(CT_Body, name, None)), (
            f"{PYTHON_DOCX}: CT_Body.{name} is gone; long Word exports become quadratic again"
        )
    originals = [getattr(CT_Body, name) for name in compat.BODY_INSERTERS]
    seen = []

    def insert(body, element):
        seen.append(element.tag.rsplit("}", 1)[-1])
        body.append(element)
        return element

    doc = docx.Document()
    with compat.body_inserts_via(insert):
        doc.add_paragraph("odstavec")
        _table(doc)
    assert seen == ["p", "tbl"], (
        f"{PYTHON_DOCX}: add_paragraph/add_table no longer go through CT_Body._insert_p/_insert_tbl (saw {seen})"
    )
    assert [getattr(CT_Body, name) for name in compat.BODY_INSERTERS] == originals, "the original inserters came back"
    doc.add_paragraph("po")
    assert seen == ["p", "tbl"], "after the block python-docx places paragraphs itself again"
