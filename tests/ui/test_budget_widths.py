"""Amounts are never cut off: the APK budget (P2 of the 2021 sample) on a 1280 × 800 screen and with
the larger fonts of 125 % and 150 % display scaling; text columns elide and show the whole text on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from dossier.formats.native import load
from dossier.ui.budget_columns import COLUMNS, DERIVED, MONEY, QUANTITY, TEXT
from dossier.ui.budget_table import BudgetEditor
from dossier.ui.document import Document

NUMBER_COLUMNS = [c for c, spec in enumerate(COLUMNS) if spec.kind in (MONEY, DERIVED, QUANTITY)]


def settle():
    for _ in range(4):
        QApplication.processEvents()


def assert_numbers_fit(view) -> int:
    """Every number's full text plus the style's text margins and the grid line fits its column."""
    metrics = view.fontMetrics()
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1
    model, checked = view.model(), 0
    for row in range(model.rowCount()):
        for column in NUMBER_COLUMNS:
            text = model.index(row, column).data()
            needed = metrics.horizontalAdvance(text) + margins
            assert needed <= view.columnWidth(column), (
                f"{COLUMNS[column].label} row {row + 1}: {text!r} needs {needed} px, has {view.columnWidth(column)}"
            )
            checked += 1
    return checked


def test_apk_budget_amounts_fit_at_1280x800(window):
    window.select("P2")
    form = window.project_form
    form.tabs.setCurrentIndex(form.budget_tab)
    settle()
    view = form.budget_editor.view
    assert view.model().index(0, 6).data() == "1\u00a0323\u00a0000,00"  # the widest amount of the sample
    assert assert_numbers_fit(view) == view.model().rowCount() * len(NUMBER_COLUMNS) > 0
    # The text columns take what is left; the item column gets room for a readable name.
    assert view.columnWidth(COLUMNS.index(next(c for c in COLUMNS if c.key == "text"))) >= 200


@pytest.mark.parametrize("scale, size", [(1.25, (1093, 614)), (1.5, (911, 512))])
def test_amounts_fit_with_scaled_fonts(qtbot, sample_2021_path, scale, size):
    """1366 × 768 at 125 % / 150 %: fewer logical pixels, bigger text (emulated by a larger font)."""
    editor = BudgetEditor(Document(load(sample_2021_path), sample_2021_path))
    qtbot.addWidget(editor)
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    editor.setFont(font)
    editor.resize(size[0] - 240, size[1] - 300)  # the navigator and the check panel take the rest
    editor.set_project("P2")
    editor.show()
    qtbot.waitExposed(editor)
    settle()
    assert editor.view.fontMetrics().height() > QFontMetrics(QApplication.font()).height()  # really larger
    assert assert_numbers_fit(editor.view) > 0


def test_amount_column_grows_with_a_larger_value_and_undo(qtbot, sample_2021_path):
    editor = BudgetEditor(Document(load(sample_2021_path), sample_2021_path))
    qtbot.addWidget(editor)
    editor.resize(1000, 400)
    editor.set_project("P2")
    editor.show()
    settle()
    total = [c for c, spec in enumerate(COLUMNS) if spec.key == "total"][0]
    before = editor.view.columnWidth(total)
    editor.document.set_value("projects/P2/budget/0/quantity", 420000)  # 13 230 000 000,00
    settle()
    assert editor.view.columnWidth(total) > before
    assert_numbers_fit(editor.view)
    editor.document.undo_stack.undo()
    settle()
    assert editor.view.columnWidth(total) == before


def test_text_cells_show_the_whole_text_on_hover(qtbot, sample_2021_path):
    editor = BudgetEditor(Document(load(sample_2021_path), sample_2021_path))
    qtbot.addWidget(editor)
    editor.set_project("P2")
    line = editor.document.dossier.project("P2").budget[0]
    for column, spec in enumerate(COLUMNS):
        index = editor.model.index(0, column)
        if spec.kind == TEXT and getattr(line, spec.key):
            assert index.data(Qt.ItemDataRole.ToolTipRole) == getattr(line, spec.key)
        if spec.key == "category":
            assert index.data() in index.data(Qt.ItemDataRole.ToolTipRole)
