"""Carried-over budget values after a roll-forward: tinted, confirmed per row or for the whole budget,
and confirmed by editing them — each one undo step that brings the marks back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from dossier.formats.native import load
from dossier.ui.budget_columns import COLUMN_KEYS
from dossier.ui.budget_model import REVIEW_ROW_TINT, REVIEW_TINT
from dossier.ui.budget_table import BudgetEditor
from dossier.ui.document import Document

NOTE = "převzato z roku 2020 – nezkontrolováno"
MARKS = {f"projects/P2/budget/{row}/{key}": NOTE for row in (0, 2) for key in ("quantity", "unit_price", "requested")}


def col(key: str) -> int:
    return COLUMN_KEYS.index(key)


@pytest.fixture
def editor(qtbot, sample_2021_path):
    dossier = load(sample_2021_path)
    dossier.review = dict(MARKS) | {"projects/P1/title": NOTE}
    widget = BudgetEditor(Document(dossier, sample_2021_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 420)
    widget.set_project("P2")
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


def review(editor) -> dict:
    return editor.document.dossier.review


def select_row(editor, row: int) -> None:
    editor.view.setCurrentIndex(editor.model.index(row, col("text")))
    editor.view.selectionModel().select(
        editor.model.index(row, col("text")), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_marked_cells_and_rows_are_tinted_with_the_note(editor):
    model = editor.model
    background = lambda row, key: model.index(row, col(key)).data(Qt.ItemDataRole.BackgroundRole)  # noqa: E731
    assert background(0, "unit_price") == REVIEW_TINT
    assert background(0, "text") == REVIEW_ROW_TINT  # the rest of a carried-over row, lighter
    assert background(1, "unit_price") not in (REVIEW_TINT, REVIEW_ROW_TINT)  # row 2 was not carried over
    assert NOTE in model.index(2, col("requested")).data(Qt.ItemDataRole.ToolTipRole)
    assert editor.review_bar.isVisible() and "v řádcích 1, 3" in editor.review_bar.label.text()


def test_confirm_selected_row_by_keyboard_and_undo(editor):
    select_row(editor, 2)
    QTest.keyClick(editor.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not any(path.startswith("projects/P2/budget/2/") for path in review(editor))
    assert "projects/P2/budget/0/unit_price" in review(editor)  # other rows keep their marks
    assert editor.model.index(2, col("unit_price")).data(Qt.ItemDataRole.BackgroundRole) != REVIEW_TINT
    stack = editor.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Potvrdit převzatý rozpočet: řádek 3"
    stack.undo()
    assert review(editor) == dict(MARKS) | {"projects/P1/title": NOTE}
    assert editor.model.index(2, col("unit_price")).data(Qt.ItemDataRole.BackgroundRole) == REVIEW_TINT


def test_confirm_whole_budget_from_the_bar_keeps_other_marks(qtbot, editor):
    assert editor.confirm_rows_action in editor.view.actions()  # in the table's context menu
    editor.review_bar.buttons[1].click()
    assert review(editor) == {"projects/P1/title": NOTE}
    assert not editor.review_bar.isVisible() and not editor.confirm_budget_action.isEnabled()
    editor.document.undo_stack.undo()
    assert editor.review_bar.isVisible() and len(review(editor)) == len(MARKS) + 1


def test_editing_a_carried_over_value_confirms_it_in_the_same_step(editor):
    index = editor.model.index(0, col("unit_price"))
    assert editor.model.setData(index, "32 000")
    line = editor.document.dossier.project("P2").budget[0]
    assert line.unit_price == Decimal(32000)
    assert "projects/P2/budget/0/unit_price" not in review(editor)
    assert "projects/P2/budget/0/quantity" in review(editor)  # only the edited value is confirmed
    assert index.data(Qt.ItemDataRole.BackgroundRole) == REVIEW_ROW_TINT
    stack = editor.document.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert editor.document.dossier.project("P2").budget[0].unit_price == Decimal("31500")
    assert list(review(editor)) == list(dict(MARKS) | {"projects/P1/title": NOTE})  # same marks, same order
    assert index.data(Qt.ItemDataRole.BackgroundRole) == REVIEW_TINT
    stack.redo()
    assert "projects/P2/budget/0/unit_price" not in review(editor)


def test_no_confirmation_when_read_only(editor):
    editor.document.set_read_only(True, "zamčeno")
    select_row(editor, 0)
    assert not editor.confirm_rows_action.isEnabled() and not editor.confirm_budget_action.isEnabled()


def test_a_budget_with_nothing_carried_over_shows_no_confirmation(editor):
    editor.set_project("P3")  # P3 has no marks
    assert not editor.review_bar.isVisible()
    assert not editor.confirm_rows_action.isVisible() and not editor.confirm_budget_action.isVisible()
    editor.set_project("P2")
    assert editor.review_bar.isVisible() and editor.confirm_budget_action.isVisible()
