"""A bundled sample says so in every export, including the council paper and the grant-year files."""

import re

import docx
import openpyxl

from dossier.core import labels
from dossier.formats.council_docx import export_council_docx
from dossier.formats.final_report_docx import export_final_report
from dossier.formats.settlement_xlsx import SUMMARY, export_settlement


def _docx_text(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _sheet_text(path, title):
    sheet = openpyxl.load_workbook(path)[title]
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def test_council_and_final_report_carry_the_sample_mark(sample_2021, tmp_path):
    assert sample_2021.metadata.sample
    for export, name in ((export_council_docx, "rada.docx"), (export_final_report, "zprava.docx")):
        export(sample_2021, tmp_path / name)
        assert labels.SAMPLE_MARK in _docx_text(tmp_path / name), name


def test_settlement_carries_the_sample_mark(sample_2021, tmp_path):
    export_settlement(sample_2021, tmp_path / "v.xlsx")
    assert labels.SAMPLE_MARK in _sheet_text(tmp_path / "v.xlsx", SUMMARY)


def test_an_office_dossier_has_no_sample_mark(sample_2021, tmp_path):
    own = sample_2021.model_copy(deep=True)
    own.metadata.sample = False
    export_council_docx(own, tmp_path / "rada.docx")
    export_settlement(own, tmp_path / "v.xlsx")
    assert labels.SAMPLE_MARK not in _docx_text(tmp_path / "rada.docx")
    assert labels.SAMPLE_MARK not in _sheet_text(tmp_path / "v.xlsx", SUMMARY)


def test_council_citations_are_not_brackets_in_brackets(sample_2021, tmp_path):
    export_council_docx(sample_2021, tmp_path / "rada.docx")
    document = docx.Document(str(tmp_path / "rada.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("zdroj:" in t for t in texts)
    for value in texts:
        assert not re.search(r"\([^()]*\(", value), value
