"""Paste into the budget table through the one block reader: own copy, Excel blocks, refusal, preview."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from dossier.core.model import BudgetLine
from dossier.formats.native import load
from dossier.formats.xlsx_export import export_xlsx
from dossier.ui.budget_table import BudgetEditor
from dossier.ui.document import Document
from dossier.ui.paste_preview import PastePreviewDialog

from ..helpers.budget_blocks import as_excel_copy, project_sheet_rows
from .editor_helpers import press_in_next_dialog


@pytest.fixture(autouse=True)
def _release_clipboard():
    """The table's copy leaves a QMimeData on the clipboard; PySide6 6.11 crashes at exit if it is still there."""
    yield
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


@pytest.fixture
def editor(qtbot, sample_2021_path):
    document = Document(load(sample_2021_path), sample_2021_path)
    widget = BudgetEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.set_project("P3")
    widget.previews = []
    widget.confirm_paste = lambda preview: widget.previews.append(preview) or True
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


@pytest.fixture
def exported(tmp_path, sample_2021_path) -> Path:
    path = tmp_path / "plzen-2021.xlsx"
    export_xlsx(load(sample_2021_path), path, file_label="plzen-2021.dossier")
    return path


def lines_of(editor, project_id: str) -> list[BudgetLine]:
    return editor.document.dossier.project(project_id).budget


def paste_at_end_of(qtbot, editor, project_id: str) -> None:
    editor.set_project(project_id)  # a fresh project has no current cell: the block is appended
    assert not editor.view.currentIndex().isValid()
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_own_copy_pastes_identical_lines_into_another_project(qtbot, editor):
    editor.document.set_value("projects/P3/budget/1/justification", 'Dle "studie"\nviz příloha\tA')
    editor.document.set_value("projects/P3/budget/2/eligible", False)
    source = [line.model_copy() for line in lines_of(editor, "P3")]
    editor.view.selectAll()
    qtbot.keyClick(editor.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "\t190000\t171000\t19000\t" in QGuiApplication.clipboard().text()  # derived columns copied too
    before = [line.model_copy() for line in lines_of(editor, "P1")]
    steps = editor.document.undo_stack.count()

    paste_at_end_of(qtbot, editor, "P1")
    assert lines_of(editor, "P1") == before + source
    assert len(editor.previews) == 1 and editor.previews[0].plan.applied.added == len(source)
    assert editor.document.undo_stack.count() == steps + 1
    editor.document.undo_stack.undo()
    assert lines_of(editor, "P1") == before


def test_block_copied_from_the_exported_workbook_pastes_into_the_right_columns(qtbot, editor, exported):
    rows = project_sheet_rows(exported, "P3")
    assert rows[0][6] == "Celkem" and len(rows[0]) == 11  # all the sheet's columns, with its header
    QGuiApplication.clipboard().setText(as_excel_copy(rows))
    before = [line.model_copy() for line in lines_of(editor, "P2")]

    paste_at_end_of(qtbot, editor, "P2")
    assert lines_of(editor, "P2") == before + lines_of(editor, "P3")
    preview = editor.previews[0]
    assert preview.plan.block.header
    assert dict(preview.plan.block.matched())["„Celkem“"] == "Celkem (jen porovnáno)"
    assert dict(preview.plan.block.matched())["„Z toho dotace“"] == "Z toho dotace"
    assert not preview.notes()


def test_workbook_block_whose_total_disagrees_is_refused_and_changes_nothing(qtbot, editor, exported):
    rows = project_sheet_rows(exported, "P3")
    rows[4][6] = rows[4][6] + 1000  # line 4: Celkem 241 000 instead of 2 × 120 000
    QGuiApplication.clipboard().setText(as_excel_copy(rows))
    before = editor.document.dossier.model_copy(deep=True)

    paste_at_end_of(qtbot, editor, "P2")
    assert editor.document.dossier == before
    assert editor.document.undo_stack.count() == 0 and not editor.previews
    message = editor.status.text()
    assert message.startswith("Řádek 8 („Přenosové trasy do páteřní sítě“): Celkem 241\u00a0000\u00a0Kč")
    assert "= 240\u00a0000\u00a0Kč" in message


def test_preview_appears_for_several_rows_and_the_keyboard_answers_it(qtbot, editor, tmp_path):
    editor.confirm_paste = editor._confirm_with_dialog  # the real dialog
    resets = []
    editor.model.modelReset.connect(lambda: resets.append(1))
    before = [line.model_copy() for line in lines_of(editor, "P3")]
    editor.view.setCurrentIndex(editor.model.index(6, 1))
    QGuiApplication.clipboard().setText(
        "Položka\tKategorie\tMnožství\tCena za jednotku\tCelkem\r\n"
        "Kabeláž\tTechnologie (kamery, HW)\t10\t1 500\t15 000\r\n"
        "Stožár\tStožáry\t2\t12 000,50\t24 001\r\n"
        "Revize\tStavební a elektro práce\t1\t3 000\t3 000\r\n"
    )
    seen: list = []
    press_in_next_dialog(Qt.Key.Key_Escape, seen)
    editor.paste()
    assert len(seen) == 1 and isinstance(seen[0], PastePreviewDialog)
    assert lines_of(editor, "P3") == before and editor.document.undo_stack.count() == 0 and not resets

    shown = {}

    def look(dialog):
        shown["summary"] = dialog.summary.text()
        shown["columns"] = dialog.columns.text().replace("&nbsp;", " ")
        shown["totals"] = dialog.totals.text()
        shown["notes"] = "" if dialog.notes.isHidden() else dialog.notes.text()
        shown["rows"] = dialog.table.rowCount()
        shown["cell"] = dialog.table.item(2, 1).text()
        shown["focus"] = dialog.focusWidget() is dialog.ok_button
        assert dialog.grab().save(str(tmp_path / "paste-preview.png"))

    press_in_next_dialog(Qt.Key.Key_Return, seen, look)
    editor.paste()
    assert len(seen) == 2 and shown["focus"]
    assert "Vkládá se 3 řádky do projektu P3" in shown["summary"]
    assert "2 řádky se přepíší (řádky 7–8" in shown["summary"] and "1 nový řádek se přidá" in shown["summary"]
    assert "„Celkem“ → <b>Celkem (jen porovnáno)</b>" in shown["columns"]
    assert "Celkem 790\u00a0000\u00a0Kč → <b>" in shown["totals"]
    assert "kategorie „Stožáry“ není v seznamu" in shown["notes"]
    assert shown["rows"] == 3 and shown["cell"] == "Revize"
    assert (tmp_path / "paste-preview.png").stat().st_size > 10_000

    lines = lines_of(editor, "P3")
    assert [(ln.text, ln.quantity, ln.unit_price) for ln in lines[6:]] == [
        ("Kabeláž", 10, Decimal(1500)),
        ("Stožár", 2, Decimal("12000.50")),
        ("Revize", 1, Decimal(3000)),
    ]
    assert lines[7].category == "Stožáry"  # kept as typed, shown red in the table
    assert editor.document.undo_stack.count() == 1 and len(resets) == 1
    editor.document.undo_stack.undo()
    assert lines_of(editor, "P3") == before


def test_single_row_paste_needs_no_preview(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    QGuiApplication.clipboard().setText("Kamera nová\tTECHNOLOGIE\r\n")
    editor.paste()
    assert lines_of(editor, "P3")[0].text == "Kamera nová" and not editor.previews
    assert editor.document.undo_stack.count() == 1


def test_paste_into_a_derived_column_only_compares(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(0, editor.model.column_of("total")))
    QGuiApplication.clipboard().setText("190 000\r\n")  # the line's own Celkem
    editor.paste()
    assert editor.document.undo_stack.count() == 0
    assert editor.status.text().startswith("Celkem a vlastní podíl se počítají samy")
    QGuiApplication.clipboard().setText("200 000\r\n")
    editor.paste()
    assert editor.document.undo_stack.count() == 0
    assert "Celkem 200\u00a0000\u00a0Kč nesouhlasí" in editor.status.text()


def test_review_marks_stay_on_their_rows_through_paste_and_undo(qtbot, editor):
    review = editor.document.dossier.review
    review_note = "převzato z roku 2020 – nezkontrolováno"
    review["projects/P3/budget/1/unit_price"] = review_note
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    QGuiApplication.clipboard().setText("A\r\nB\r\n")
    editor.paste()
    assert editor.document.dossier.review == {"projects/P3/budget/1/unit_price": review_note}
    editor.document.undo_stack.undo()
    assert "projects/P3/budget/1/unit_price" in editor.document.dossier.review
