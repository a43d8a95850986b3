"""Adding, duplicating, removing (with undo) and reordering projects in the main window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dossier.core.model import BudgetType, ProjectKind


def _ids(window):
    return [p.id for p in window.document.dossier.projects]


def test_new_project_from_kind_is_prefilled_and_selected(window):
    window.add_project(ProjectKind.MKDS)
    project = window.document.dossier.projects[-1]
    assert project.id == "P4"
    assert project.title == "MKDS 2021"
    assert project.mkds is not None and project.budget_type == BudgetType.INV
    assert (project.date_from, project.date_to) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert window.navigator.current() == ("project", "P4")
    assert window.stack.currentWidget() is window.project_form
    assert window.project_form.heading.text() == "MKDS 2021"


def test_new_project_menu_lists_every_kind(window):
    project_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Projekt")
    new_menu = project_menu.actions()[0].menu()
    texts = [a.text() for a in new_menu.actions()]
    assert "Asistent prevence kriminality (APK)" in texts and len(texts) == len(ProjectKind)


def test_remove_project_asks_and_is_undoable(window, monkeypatch):
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.navigator.select("project", "P2")
    window.remove_project()
    assert _ids(window) == ["P1", "P2", "P3"] and "Asistent prevence kriminality 2021" in asked[0]  # "Ne" keeps it
    window.remove_project()
    assert _ids(window) == ["P1", "P3"]
    assert window.statusBar().currentMessage() == "Projekt odstraněn – Ctrl+Z vrátí"
    assert window.navigator.current() == ("project", "P3")
    window.undo_action.trigger()
    assert _ids(window) == ["P1", "P2", "P3"]
    assert window.navigator.topLevelItemCount() == 6  # Žadatel, 3 projects, Přílohy, Podání


def test_duplicate_is_a_deep_copy(window):
    window.navigator.select("project", "P2")
    window.duplicate_project()
    assert _ids(window) == ["P1", "P2", "P4", "P3"]
    copy, original = window.document.dossier.project("P4"), window.document.dossier.project("P2")
    assert copy.title == original.title + " (kopie)"
    assert copy.budget == original.budget and copy.budget is not original.budget
    assert window.navigator.current() == ("project", "P4")


def test_reorder_with_alt_arrows(window, qtbot):
    window.navigator.select("project", "P3")
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _ids(window) == ["P1", "P3", "P2"]
    assert window.navigator.current() == ("project", "P3")
    window.move_project(-1)
    window.move_project(-1)  # already first: nothing happens
    assert _ids(window) == ["P3", "P1", "P2"]
    qtbot.keyClick(window.navigator, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _ids(window) == ["P1", "P3", "P2"]
    window.document.undo_stack.undo()
    assert _ids(window) == ["P3", "P1", "P2"]


def test_navigator_shows_title_kind_and_total(window):
    texts = [window.navigator.topLevelItem(i).text(0) for i in range(window.navigator.topLevelItemCount())]
    assert texts[0] == "Žadatel" and texts[-2:] == ["Přílohy", "Podání"]
    assert texts[2].startswith("Asistent prevence kriminality 2021\nAPK · ")
    assert texts[2].endswith("Kč")


def test_ctrl_1_and_ctrl_2_move_focus(window, qtbot):
    window.navigator.select("project", "P2")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.project_form.isAncestorOf(window.focusWidget())
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.navigator


def test_read_only_dossier_can_be_read_but_not_edited(window):
    window.document.set_read_only(True, "Soubor upravuje Jana Nováková.")
    assert window.windowTitle() == "plzeň-2021.dossier[*] (jen pro čtení) – Dossier"
    window.navigator.select("project", "P2")
    assert window.project_form.bindings["title"].widget.isReadOnly()
    assert not window.project_form.bindings["kind"].widget.isEnabled()
    assert not window.project_form.bindings["apk/staff"].widget.add_button.isEnabled()
    window.add_project(ProjectKind.APK)
    window.remove_project()
    assert _ids(window) == ["P1", "P2", "P3"]
    assert window.statusBar().currentMessage() == "Soubor upravuje Jana Nováková."
    window.document.set_read_only(False)
    assert not window.project_form.bindings["title"].widget.isReadOnly()
