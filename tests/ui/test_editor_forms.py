"""Typing into the forms of the real main window: model changes, undo/redo, rejected input."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from dossier.core.model import ProjectKind

from .editor_helpers import type_text

CZECH = "Příliš žluťoučký kůň"


def _title_edit(window, project_id="P2"):
    window.navigator.select("project", project_id)
    return window.project_form.bindings["title"].widget


def test_czech_typing_changes_model_and_undo_redo(window, qtbot):
    edit = _title_edit(window)
    original = window.document.dossier.project("P2").title
    edit.setFocus()
    edit.selectAll()
    type_text(edit, CZECH)
    assert window.document.dossier.project("P2").title == CZECH
    assert window.isWindowModified()
    assert window.windowTitle() == "plzeň-2021.dossier[*] – Dossier"
    assert window.document.undo_stack.count() == 1, "one burst of typing is one undo step"

    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.dossier.project("P2").title == original
    assert edit.text() == original
    assert not window.isWindowModified()

    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.dossier.project("P2").title == CZECH
    assert edit.text() == CZECH
    window.undo_action.trigger()
    window.redo_action.trigger()
    assert window.document.dossier.project("P2").title == CZECH
    assert window.undo_action.text().startswith("Zpět")
    assert window.navigator.currentItem().text(0).startswith(CZECH)


def test_undo_redraws_the_form_without_moving_the_cursor_needlessly(window):
    edit = _title_edit(window)
    edit.setFocus()
    edit.setCursorPosition(3)
    type_text(edit, "x")
    assert edit.cursorPosition() == 4, "the field's own edit does not reset the cursor"


def test_narrative_counter_and_multiline_czech(window):
    window.navigator.select("project", "P2")
    binding = window.project_form.bindings["problem"]
    binding.widget.setPlainText("")
    type_text(binding.widget, CZECH)
    assert window.document.dossier.project("P2").problem == CZECH
    assert binding.counter.text() == f"{len(CZECH)} / 4000 znaků (limit: návrh – neověřeno)"
    binding.widget.setPlainText("a" * 4001)
    assert "#c62828" in binding.counter.styleSheet()


def test_rejected_number_keeps_text_and_says_why(window):
    window.navigator.select("applicant")
    edit = window.applicant_form.bindings["population"].widget
    before = window.document.dossier.applicant.population
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "asi sto tisíc")
    assert edit.text() == "asi sto tisíc"
    assert window.document.dossier.applicant.population == before
    assert "border" in edit.styleSheet()
    assert "není celé číslo" in window.statusBar().currentMessage()
    edit.selectAll()
    type_text(edit, "180 500")
    assert window.document.dossier.applicant.population == 180500
    assert edit.styleSheet() == ""


def test_money_and_quantity_fields_parse_czech_numbers(window):
    window.navigator.select("project", "P2")
    edit = window.project_form.bindings["apk/mentor_fte"].widget
    edit.selectAll()
    type_text(edit, "0,5")
    assert window.document.dossier.project("P2").apk.mentor_fte == Decimal("0.5")


def test_changing_kind_creates_its_section_in_one_undo_step(window):
    window.navigator.select("project", "P2")
    combo = window.project_form.bindings["kind"].widget
    combo.activated.emit(combo.findData(ProjectKind.DOMOVNIK))
    project = window.document.dossier.project("P2")
    assert project.kind == ProjectKind.DOMOVNIK and project.domovnik is not None
    tabs = window.project_form.tabs
    assert tabs.tabText(window.project_form.kind_tab) == "Domovník–preventista"
    window.document.undo_stack.undo()
    project = window.document.dossier.project("P2")
    assert project.kind == ProjectKind.APK and project.domovnik is None
    assert combo.currentData() == ProjectKind.APK


def test_kind_tab_only_for_kinds_with_a_section(window):
    window.navigator.select("project", "P1")
    form = window.project_form
    assert form.tabs.isTabVisible(form.kind_tab)
    assert form.tabs.tabText(form.kind_tab) == "Konference"
    window.add_project(ProjectKind.VZDELAVANI)
    assert not form.tabs.isTabVisible(form.kind_tab)


def test_staff_table_add_edit_and_undo(window):
    window.navigator.select("project", "P2")
    table = window.project_form.bindings["apk/staff"].widget
    rows = len(window.document.dossier.project("P2").apk.staff)
    table.add_button.click()
    assert len(window.document.dossier.project("P2").apk.staff) == rows + 1
    table.table.item(rows, 0).setText("Asistentka – Doubravka")
    table.table.item(rows, 3).setText("32 500")
    staff = window.document.dossier.project("P2").apk.staff[rows]
    assert staff.label == "Asistentka – Doubravka" and staff.monthly_cost == Decimal("32500")
    table.table.item(rows, 3).setText("hodně")
    assert window.document.dossier.project("P2").apk.staff[rows].monthly_cost == Decimal("32500")
    assert table.table.item(rows, 3).text() == "hodně"
    window.document.undo_stack.undo()
    assert window.document.dossier.project("P2").apk.staff[rows].monthly_cost == Decimal("0")
    assert table.table.item(rows, 3).text() == "0", "undo redraws the rejected cell from the model"
    window.document.undo_stack.undo()
    assert window.document.dossier.project("P2").apk.staff[rows].label == ""
    assert table.table.item(rows, 0).text() == ""


def test_dates_can_be_set_and_cleared(window):
    window.navigator.select("project", "P2")
    field = window.project_form.bindings["date_to"].widget
    field.clear_button.click()
    assert window.document.dossier.project("P2").date_to is None
    assert field.edit.text() == "nezadáno"
    window.document.undo_stack.undo()
    assert window.document.dossier.project("P2").date_to is not None


def test_data_years_as_czech_list(window):
    window.navigator.select("applicant")
    edit = window.applicant_form.bindings["security_analysis/data_years"].widget
    assert edit.text() == "2018, 2019"
    edit.selectAll()
    type_text(edit, "2019, 2020")
    assert window.document.dossier.applicant.security_analysis.data_years == [2019, 2020]


def test_review_badge_follows_the_selected_project_and_confirms_undoably(qtbot, no_dialogs, dossier_file):
    from dossier.formats import native
    from dossier.ui.main_window import MainWindow

    dossier = native.load(dossier_file)
    dossier.review["projects/P2/title"] = "převzato z roku 2020 – nezkontrolováno"
    dossier.review["applicant/statutory_representative"] = "převzato z roku 2020 – nezkontrolováno"
    win = MainWindow(dossier, dossier_file, persist=False)
    win.show()
    try:
        badges = win.project_form.badges
        win.navigator.select("project", "P2")
        assert badges["title"].isVisible() and badges["title"].path == "projects/P2/title"
        win.navigator.select("project", "P1")
        assert not badges["title"].isVisible()
        win.navigator.select("project", "P2")
        badges["title"].button.click()
        assert "projects/P2/title" not in win.document.dossier.review
        assert not badges["title"].isVisible()
        win.document.undo_stack.undo()
        assert badges["title"].isVisible()
        win.go_to("applicant/statutory_representative")
        assert win.applicant_form.badges["statutory_representative"].isVisible()
        assert win.focusWidget() is win.applicant_form.bindings["statutory_representative/name"].widget
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
