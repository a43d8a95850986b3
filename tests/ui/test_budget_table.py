"""The budget editor on the 2021 sample: typing, Czech numbers, paste/copy, rows, totals, speed."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from dossier.core.money import format_money, format_number
from dossier.core.totals import project_totals
from dossier.formats.native import load
from dossier.ui.budget_clipboard import parse_tsv, to_tsv
from dossier.ui.budget_columns import COLUMN_KEYS
from dossier.ui.budget_table import BudgetEditor
from dossier.ui.document import Document

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "budget-table.png"


def type_text(widget, text):
    """Unicode-safe replacement for qtbot.keyClicks (which aborts on non-ASCII characters)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def col(key: str) -> int:
    return COLUMN_KEYS.index(key)


@pytest.fixture
def editor(qtbot, sample_2021_path):
    document = Document(load(sample_2021_path), sample_2021_path)
    widget = BudgetEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.set_project("P3")
    widget.previews = []  # paste previews the user would have seen; each is accepted
    widget.confirm_paste = lambda preview: widget.previews.append(preview) or True
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


def budget(editor):
    return editor.document.dossier.project("P3").budget


def footer_amount(editor, label: str, value) -> bool:
    return f"{label} <b>{format_money(Decimal(value))}</b>" in editor.footer.text()


def open_editor(editor, row: int, key: str) -> QLineEdit:
    index = editor.model.index(row, col(key))
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    widget = editor.view.indexWidget(index)
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    return widget


def type_into_cell(qtbot, editor, row: int, key: str, text: str) -> QLineEdit:
    widget = open_editor(editor, row, key)
    type_text(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def press(qtbot, editor, key, modifiers=Qt.KeyboardModifier.NoModifier):
    editor.view.setFocus()
    qtbot.keyClick(editor.view, key, modifiers)


def put_on_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


# -- typing -------------------------------------------------------------------------------------------
def test_edit_cell_updates_total_and_undoes(qtbot, editor):
    assert footer_amount(editor, "Celkem", 790000)
    type_into_cell(qtbot, editor, 0, "unit_price", "100 000")
    qtbot.waitUntil(lambda: budget(editor)[0].unit_price == Decimal("100000"))
    assert footer_amount(editor, "Celkem", 800000)
    assert editor.model.index(0, col("total")).data() == format_number(Decimal(200000), 2)
    qtbot.waitUntil(lambda: editor.view.currentIndex().row() == 1)  # Enter moves down, as in Excel
    stack = editor.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Úprava: Cena za jednotku"
    stack.undo()
    assert budget(editor)[0].unit_price == Decimal("95000")
    assert footer_amount(editor, "Celkem", 790000)
    stack.redo()
    assert footer_amount(editor, "Celkem", 800000)


def test_keyboard_editing_like_a_spreadsheet(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(0, col("quantity")))
    press(qtbot, editor, Qt.Key.Key_Return)  # Enter opens the editor
    assert editor.view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    editor.view.setCurrentIndex(editor.model.index(0, col("unit")))
    editor.view.setFocus()
    type_text(editor.view, "m")  # typing replaces the cell; the editor then has the focus
    widget = QApplication.focusWidget()
    type_text(widget, "ěs")
    assert isinstance(widget, QLineEdit) and widget.text() == "měs"
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: budget(editor)[0].unit == "měs")


def test_czech_text_typed_into_item(qtbot, editor):
    type_into_cell(qtbot, editor, 2, "text", "Kamerový bod – Žižkova ulice")
    qtbot.waitUntil(lambda: budget(editor)[2].text == "Kamerový bod – Žižkova ulice")


@pytest.mark.parametrize(
    ("typed", "value", "edit_text"),
    [
        ("1 234,50", "1234.50", "1 234,50"),
        ("1234.5", "1234.50", "1 234,50"),
        ("1\u00a0234,50", "1234.50", "1 234,50"),
        ("1 234 Kč", "1234", "1 234"),
        ("12 000,- Kč", "12000", "12 000"),
    ],
)
def test_czech_amounts_accepted(qtbot, editor, typed, value, edit_text):
    type_into_cell(qtbot, editor, 1, "requested", typed)
    qtbot.waitUntil(lambda: budget(editor)[1].requested == Decimal(value))
    index = editor.model.index(1, col("requested"))
    assert index.data() == format_number(Decimal(value), 2)
    assert index.data(Qt.ItemDataRole.EditRole) == edit_text
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_money_shown_with_nbsp(editor):
    index = editor.model.index(0, col("unit_price"))
    assert index.data() == "95\u00a0000,00"  # the caption above the table names the currency once
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "95\u00a0000,00\u00a0Kč"


@pytest.mark.parametrize("typed", ["abc", "1e30", "NaN", "∞"])
def test_garbage_rejected_with_czech_message(qtbot, editor, typed):
    before = budget(editor)[0].model_copy()
    widget = type_into_cell(qtbot, editor, 0, "unit_price", typed)
    QApplication.processEvents()
    assert editor.view.state() == QAbstractItemView.State.EditingState  # the editor stays open
    assert widget.text() == typed  # with what the user typed
    assert editor.status.isVisible()
    assert editor.status.text().startswith("Cena za jednotku: „")
    assert "není číslo" in editor.status.text()
    assert budget(editor)[0] == before
    assert editor.document.undo_stack.count() == 0
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    index = editor.model.index(0, col("unit_price"))
    with qtbot.waitSignal(editor.inputRejected):
        assert editor.model.setData(index, typed) is False
    assert budget(editor)[0] == before


def test_quantity_and_amount_limits(editor):
    model = editor.model
    assert model.setData(model.index(0, col("quantity")), "0,25") is True
    assert budget(editor)[0].quantity == Decimal("0.25")
    assert model.setData(model.index(0, col("unit_price")), "1,234") is False
    assert "desetinná místa" in editor.status.text()
    assert model.setData(model.index(0, col("requested")), "") is True  # cleared cell = 0
    assert budget(editor)[0].requested == 0


# -- categories ---------------------------------------------------------------------------------------
def test_category_combo_lists_project_type_first(qtbot, editor):
    index = editor.model.index(0, col("category"))
    assert index.data() == "Technologie (kamery, HW)"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Technologie (kamery, HW)\nKód: TECHNOLOGIE"
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    combo = editor.view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert combo.itemData(1) == "TECHNOLOGIE"  # MKDS is an investment project: INV categories first
    combo.setCurrentIndex(combo.findData("SW_LICENCE"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: budget(editor)[0].category == "SW_LICENCE")


def test_unknown_category_shown_red(editor):
    editor.document.set_value("projects/P3/budget/0/category", "ZRUSENA")
    index = editor.model.index(0, col("category"))
    assert index.data() == "ZRUSENA"
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Kategorie není v seznamu pro rok 2021")
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == "#c62828"


# -- clipboard ----------------------------------------------------------------------------------------
def test_paste_block_from_excel_is_one_undo_step(qtbot, editor):
    before = [line.model_copy() for line in budget(editor)]
    editor.view.setCurrentIndex(editor.model.index(1, col("unit")))
    # Jednotka, Množství, Cena za jednotku, Celkem (compared, never written), Z toho dotace
    put_on_clipboard(
        "m\t3\t1 234,50\t3 703,50\t2 000\r\nh\t10\t12 000 Kč\t120000\t10 000\r\n"
        'ks\t1,5\t1234.5\t1 851,75 Kč\t"1 000"\r\n'
    )
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    lines = budget(editor)
    assert [(ln.unit, ln.quantity, ln.unit_price, ln.requested) for ln in lines[1:4]] == [
        ("m", Decimal(3), Decimal("1234.50"), Decimal(2000)),
        ("h", Decimal(10), Decimal(12000), Decimal(10000)),
        ("ks", Decimal("1.5"), Decimal("1234.50"), Decimal(1000)),
    ]
    assert lines[1].text == before[1].text and lines[4] == before[4]
    assert len(editor.previews) == 1  # three rows: the user saw a preview first
    assert footer_amount(editor, "Celkem", project_totals(editor.document.dossier.project("P3")).total)
    assert editor.document.undo_stack.count() == 1
    editor.document.undo_stack.undo()
    assert budget(editor) == before


def test_paste_whose_total_disagrees_is_refused_whole(qtbot, editor):
    """The old failure: without Celkem in the block, the subsidy would land in Celkem – now refused."""
    before = [line.model_copy() for line in budget(editor)]
    editor.view.setCurrentIndex(editor.model.index(1, col("unit")))
    put_on_clipboard("m\t3\t1 234,50\t2 000\r\nh\t10\t12 000 Kč\t10 000\r\n")
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert budget(editor) == before and editor.document.undo_stack.count() == 0
    assert not editor.previews  # refused before any preview
    message = editor.status.text()
    assert editor.status.isVisible() and message.startswith("Řádek 2 („Pevné přehledové kamery“): ")
    assert "Celkem 2\u00a0000\u00a0Kč" in message and "3\u00a0703,50\u00a0Kč" in message
    assert "Nic se nezměnilo" in message


def test_paste_appends_rows_and_quoted_newlines(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(7, col("text")))
    put_on_clipboard(
        "Montáž\tMontáž a zprovoznění\tslužba\t1\t25 000\r\n"
        '"Kamera\nvenkovní"\tTechnologie (kamery, HW)\tks\t2\t30 000\r\n'
        "Úložiště\tSW_LICENCE\tks\t1\t8 000,50\r\n"
    )
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    lines = budget(editor)
    assert len(lines) == 10 and editor.model.rowCount() == 10
    assert lines[7].unit_price == Decimal(25000)
    assert lines[8].text == "Kamera\nvenkovní" and lines[8].category == "TECHNOLOGIE"
    assert lines[9].category == "SW_LICENCE" and lines[9].unit_price == Decimal("8000.50")
    assert editor.model.index(8, col("text")).data() == "Kamera venkovní"
    editor.document.undo_stack.undo()
    assert len(budget(editor)) == 8 and budget(editor)[7].unit_price == Decimal(20000)


def test_paste_reports_bad_cells_and_keeps_the_rest(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(1, col("quantity")))
    put_on_clipboard("3\t5 000\n4\tabc\nx\t7 000\n")
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    lines = budget(editor)
    assert (lines[1].quantity, lines[1].unit_price) == (Decimal(3), Decimal(5000))
    assert (lines[2].quantity, lines[2].unit_price) == (Decimal(4), Decimal(45000))
    assert (lines[3].quantity, lines[3].unit_price) == (Decimal(2), Decimal(7000))
    message = editor.status.text()
    assert "Řádek 3, Cena za jednotku: „abc“ není číslo" in message
    assert "Řádek 4, Množství: „x“ není číslo" in message
    assert editor.document.undo_stack.count() == 1


def test_copy_block_as_czech_tsv(qtbot, editor):
    model, selection = editor.model, editor.view.selectionModel()
    editor.view.setCurrentIndex(model.index(0, col("quantity")))
    block = QItemSelection(model.index(0, col("quantity")), model.index(1, col("requested")))
    selection.select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    press(qtbot, editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "2\t95000\t190000\t171000\n2\t28000\t56000\t50400"


def test_copy_whole_rows_and_paste_them_back(qtbot, editor):
    editor.document.set_value("projects/P3/budget/0/justification", 'Dle "studie"\nviz příloha')
    editor.view.selectRow(0)
    press(qtbot, editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith(
        "1\tOtočné IP kamery PTZ\tTechnologie (kamery, HW)\tks\t2\t95000\t190000\t171000\t19000\tano"
    )
    assert text.endswith('"Dle ""studie""\nviz příloha"')
    editor.view.setCurrentIndex(editor.model.index(5, col("unit")))  # whole rows land on whole rows
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert budget(editor)[5] == budget(editor)[0]
    put_on_clipboard(text)  # the same block back from a spreadsheet, without our marker
    editor.view.setCurrentIndex(editor.model.index(6, col("text")))
    press(qtbot, editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert budget(editor)[6] == budget(editor)[0]


def test_tsv_round_trip():
    rows = [["a", 'b "c"', "d\ne"], ["1\t2", "", "x"]]
    assert parse_tsv(to_tsv(rows)) == rows
    assert parse_tsv("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_tsv('"x\r\ny"\tz\n\nq') == [["x\r\ny", "z"], [""], ["q"]]


# -- rows -----------------------------------------------------------------------------------------------
def test_add_insert_delete_move_rows_with_undo(qtbot, editor):
    stack, original = editor.document.undo_stack, [line.model_copy() for line in budget(editor)]
    press(qtbot, editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(budget(editor)) == 9 and budget(editor)[8].text == ""
    assert editor.view.currentIndex().row() == 8
    stack.undo()
    assert budget(editor) == original

    editor.view.setCurrentIndex(editor.model.index(2, col("text")))
    press(qtbot, editor, Qt.Key.Key_Insert)
    assert budget(editor)[2].text == "" and budget(editor)[3] == original[2]
    stack.undo()

    editor.view.selectionModel().select(
        QItemSelection(editor.model.index(1, 0), editor.model.index(2, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    press(qtbot, editor, Qt.Key.Key_Delete)  # whole rows selected: Delete removes them
    assert budget(editor) == [original[0]] + original[3:]
    assert stack.count() == 1
    stack.undo()
    assert budget(editor) == original

    editor.view.setCurrentIndex(editor.model.index(0, col("text")))
    press(qtbot, editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert budget(editor)[1] == original[0] and budget(editor)[0] == original[1]
    assert editor.view.currentIndex().row() == 1
    editor.move_rows(-1)
    assert budget(editor) == original
    stack.undo()
    stack.undo()
    assert budget(editor) == original

    editor.toolbar.widgetForAction(editor.remove_action).click()  # current row 0
    assert budget(editor) == original[1:]
    stack.undo()
    assert budget(editor) == original


def test_delete_on_cells_clears_them(qtbot, editor):
    editor.view.setCurrentIndex(editor.model.index(0, col("unit_price")))
    press(qtbot, editor, Qt.Key.Key_Delete)
    assert budget(editor)[0].unit_price == 0 and len(budget(editor)) == 8
    editor.document.undo_stack.undo()
    assert budget(editor)[0].unit_price == Decimal(95000)
    editor.view.setCurrentIndex(editor.model.index(0, col("total")))  # read-only: nothing to clear
    press(qtbot, editor, Qt.Key.Key_Delete)
    assert editor.document.undo_stack.index() == 0 and editor.document.undo_stack.count() == 1


# -- eligible and totals ------------------------------------------------------------------------------
def test_eligible_checkbox_toggles_eligible_total(qtbot, editor):
    index = editor.model.index(3, col("eligible"))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    center = editor.view.visualRect(index).center()
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert budget(editor)[3].eligible is False
    assert footer_amount(editor, "Uznatelné", 790000 - 240000)
    assert footer_amount(editor, "Celkem", 790000)
    editor.view.setCurrentIndex(index)
    press(qtbot, editor, Qt.Key.Key_Space)
    assert budget(editor)[3].eligible is True
    assert footer_amount(editor, "Uznatelné", 790000)


def test_footer_red_over_the_rate_limit(editor):
    assert "Podíl dotace <b>90,0\u00a0%</b> (max.\u00a090\u00a0%)" in editor.footer.text()
    assert "color" not in editor.footer.text()
    editor.document.set_value("projects/P3/budget/0/requested", Decimal(190000))
    assert "color:#c62828" in editor.footer.text() and "překročeno" in editor.footer.text()
    editor.document.undo_stack.undo()
    editor.document.set_value("projects/P3/residential", True)  # pobytová akce: max. 70 %
    assert "(max.\u00a070\u00a0%)" in editor.footer.text() and "color:#c62828" in editor.footer.text()


def test_focus_path_selects_cell(editor):
    editor.set_project("P1")
    editor.focus_path("projects/P3/budget/4/requested")
    assert editor.project_id == "P3"
    assert (editor.view.currentIndex().row(), editor.view.currentIndex().column()) == (4, col("requested"))


def test_read_only_document_blocks_edits(editor):
    editor.document.set_read_only(True, "otevřeno jinde")
    assert editor.model.setData(editor.model.index(0, col("unit_price")), "1") is False
    assert not editor.add_action.isEnabled() and not editor.paste_action.isEnabled()


# -- speed ----------------------------------------------------------------------------------------------
def test_thousand_lines_cell_edit_is_fast(qtbot, editor):
    project = editor.document.dossier.project("P3")
    lines = [line.model_copy() for _ in range(125) for line in project.budget]
    editor.document.set_value("projects/P3/budget", lines)
    assert editor.model.rowCount() == 1000
    resets = []
    editor.model.modelReset.connect(lambda: resets.append(1))
    timings = []
    for n in range(10):
        start = time.perf_counter()
        editor.model.setData(editor.model.index(500 + n, col("unit_price")), f"{1000 + n}")
        timings.append(time.perf_counter() - start)
    assert not resets
    assert footer_amount(editor, "Celkem", project_totals(project).total)
    assert sorted(timings)[5] < 0.030, timings


# -- screenshot -----------------------------------------------------------------------------------------
def test_screenshot(editor):
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert editor.grab().save(str(SCREENSHOT))


def test_thousand_row_paste_is_one_reset_and_one_undo_step(qtbot, editor):
    resets = []
    editor.model.modelReset.connect(lambda: resets.append(1))
    put_on_clipboard(
        "\r\n".join(f"Položka {i}\tMontáž a zprovoznění\tks\t{i % 3 + 1}\t{1000 + i} Kč" for i in range(1000))
    )
    editor.view.setCurrentIndex(editor.model.index(8 - 1, col("text")))
    editor.paste()
    assert editor.model.rowCount() == 1007 and len(resets) == 1  # not one reset per row
    assert budget(editor)[1006].unit_price == Decimal(1999)
    assert footer_amount(editor, "Celkem", project_totals(editor.document.dossier.project("P3")).total)
    editor.document.undo_stack.undo()
    assert editor.model.rowCount() == 8 and len(resets) == 2


def test_whole_rows_move_and_stay_selected(qtbot, editor):
    original = [line.model_copy() for line in budget(editor)]
    rows = QItemSelection(editor.model.index(2, 0), editor.model.index(3, 0))
    editor.view.selectionModel().select(
        rows, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    editor.up_action.trigger()
    assert budget(editor)[1:4] == [original[2], original[3], original[1]]
    assert [i.row() for i in editor.view.selectionModel().selectedRows()] == [1, 2]
    assert editor.document.undo_stack.count() == 1
    editor.document.undo_stack.undo()
    assert budget(editor) == original


def test_columns_fit_and_text_columns_share_the_rest(editor):
    header = editor.view.horizontalHeader()
    widths = {key: header.sectionSize(col(key)) for key in COLUMN_KEYS}
    widest_price = max(
        editor.view.fontMetrics().horizontalAdvance(t) for t in editor.model.display_texts(col("unit_price"))
    )
    assert widths["row"] < 50 and widest_price < widths["unit_price"] < widest_price + 40  # sized to its content
    assert widths["text"] > widths["category"] > widths["justification"]
    assert header.length() <= editor.view.viewport().width()  # no horizontal scrolling at 1200 px
    metrics = header.fontMetrics()
    for column in range(header.count()):  # no clipped header text
        title = editor.model.headerData(column, Qt.Orientation.Horizontal)
        assert max(metrics.horizontalAdvance(part) for part in title.split("\n")) < header.sectionSize(column)
