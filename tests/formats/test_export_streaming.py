"""Exports keep memory bounded: Word chapters are streamed, Excel rows are streamed."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from dossier.bench.generate import make_dossier
from dossier.formats import docx_export
from dossier.formats.xlsx_export import export_xlsx


def _blocks(document):
    return [(el.tag, "".join(el.itertext())) for el in document.element.body]


def test_streamed_word_export_equals_the_document_built_in_memory(sample_2021, tmp_path):
    for dossier in (sample_2021, make_dossier(4, 12)):
        built = io.BytesIO()
        docx_export.build_document(dossier).save(built)
        out = tmp_path / "stream.docx"
        docx_export.export_docx(dossier, out)
        streamed, in_memory = Document(str(out)), Document(built)
        assert _blocks(streamed) == _blocks(in_memory)
        assert [p.style.name for p in streamed.paragraphs] == [p.style.name for p in in_memory.paragraphs]
        with zipfile.ZipFile(out) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        assert docx_export._CHAPTERS_MARKER not in xml
        assert xml.count('xmlns:w="') == 1, "chapters do not repeat the root's namespace declarations"


def test_excel_export_writes_rows_as_it_goes(tmp_path):
    out = tmp_path / "rozpocet.xlsx"
    export_xlsx(make_dossier(3, 20), out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        sheet = archive.read("xl/worksheets/sheet2.xml").decode("utf-8")
    # constant_memory mode: no shared-string table collected in memory, strings inline in each row
    assert "xl/sharedStrings.xml" not in names
    assert 't="inlineStr"' in sheet and "Položka 20 – služby a materiál" in sheet


def test_the_collector_runs_again_after_bulk_work_even_when_it_fails():
    import gc

    import pytest

    from dossier.formats.bulk import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("přerušeno")
    assert gc.isenabled()
