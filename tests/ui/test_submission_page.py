"""The Podání page: portal steps with copy and "přeneseno" ticks (undoable, saved), the checklist and
the submission record, the navigator entry, and the comparison dialog."""

import datetime as dt
import shutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier.formats import native
from dossier.ui.compare_dialog import CompareDialog, compare_with_file
from dossier.ui.submission_page import SubmissionPage

from .editor_helpers import SAMPLE, type_text


def _open(window):
    assert window.navigator.select("submission")
    page = window.submission_page
    assert window.stack.currentWidget() is page
    return page


def test_navigator_has_podani_after_prilohy(window):
    items = [window.navigator.topLevelItem(i).text(0) for i in range(window.navigator.topLevelItemCount())]
    assert items[-2:] == ["Přílohy", "Podání"]


def test_steps_in_portal_order_with_progress(window, qtbot):
    page = _open(window)
    assistant = page.assistant
    texts = [assistant.steps_list.item(i).text() for i in range(assistant.steps_list.count())]
    assert texts[0].startswith("1. Identifikace žadatele a akce") and "přeneseno 0 z" in texts[0]
    assert texts[-1].startswith("8. Odeslání")
    assert assistant.table.rowCount() == len(assistant.steps[0].fields)
    assert assistant.table.item(0, 1).text() == "Název žadatele"
    assert assistant.table.item(0, 2).text() == "Statutární město Plzeň"


def test_copy_puts_plain_czech_text_on_the_clipboard(window, qtbot):
    page = _open(window)
    assistant = page.assistant
    assistant.steps_list.setCurrentRow(5)  # Výše dotace
    row = next(i for i, f in enumerate(assistant.current_step().fields) if f.id == "#dossier_requested")
    assistant.table.cellWidget(row, 4).click()
    assert QGuiApplication.clipboard().text() == "2511000"
    assistant.table.setCurrentCell(0, 2)
    assistant.table.setFocus()
    qtbot.keyClick(assistant.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == assistant.current_step().fields[0].copy_text


def test_ticks_are_undoable_saved_and_counted(window, qtbot, dossier_file):
    page = _open(window)
    assistant = page.assistant
    first = assistant.steps[0].fields[0]
    assistant.table.setCurrentCell(0, 1)
    assistant.table.setFocus()
    qtbot.keyClick(assistant.table, Qt.Key.Key_Space)
    assert window.document.dossier.submission.portal_done == [first.id]
    assert assistant.table.item(0, 5).checkState() == Qt.CheckState.Checked
    assert "přeneseno 1 z" in assistant.steps_list.item(0).text()
    assert "Přeneseno do portálu:</b> 1 z" in page.status.text()
    assistant.tick_step.click()
    assert len(window.document.dossier.submission.portal_done) == len(assistant.steps[0].fields)
    assert assistant.steps_list.item(0).text().startswith("✔")
    window.undo_action.trigger()  # the whole step in one undo
    assert window.document.dossier.submission.portal_done == [first.id]
    window.undo_action.trigger()
    assert window.document.dossier.submission.portal_done == []
    assert assistant.table.item(0, 5).checkState() == Qt.CheckState.Unchecked
    window.redo_action.trigger()
    assistant.table.item(1, 5).setCheckState(Qt.CheckState.Checked)  # a mouse tick
    window.files.save()
    assert native.load(dossier_file).submission.portal_done == [first.id, assistant.steps[0].fields[1].id]


def test_record_and_council_fields_edit_the_dossier(window, qtbot):
    page = _open(window)
    page.tabs.setCurrentIndex(1)
    reference = page.bindings["sent/reference"].widget
    reference.selectAll()
    reference.del_()
    type_text(reference, "MV-99/2021 č. j.")
    assert window.document.dossier.submission.sent.reference == "MV-99/2021 č. j."
    page.bindings["signed"].widget.click()
    assert window.document.dossier.submission.signed is False
    assert "✘" in page.checklist_label.text()
    window.undo_action.trigger()
    assert window.document.dossier.submission.signed is True


def test_days_left_use_the_injected_today(window, qtbot):
    window.document.dossier.submission.sent.date = None
    page = SubmissionPage(window.document, today=lambda: dt.date(2021, 2, 3))
    qtbot.addWidget(page)
    page.show()
    assert "zbývá 12 dní" in page.status.text()
    assert "zbývá 12 dní" in page.checklist_label.text()


def test_check_finding_jumps_to_the_record(window):
    window.go_to("submission/sent/reference")
    page = window.submission_page
    assert window.stack.currentWidget() is page and page.tabs.currentIndex() == 1


def test_applicant_page_shows_the_submission_record(window):
    text = " ".join(label.text() for label in window.applicant_form.findChildren(type(window.check_counts)))
    assert "Žádost podána 11.\u00a02.\u00a02021" in text and "MV-21754-3/OPK-2021" in text


def test_compare_dialog_lists_added_and_dropped(window, qtbot, monkeypatch, tmp_path):
    last = tmp_path / "plzen-2020.dossier"
    shutil.copyfile(SAMPLE.with_name("plzen-2020.dossier"), last)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last), ""))
    dialog = compare_with_file(window, window.document)
    assert isinstance(dialog, CompareDialog)
    qtbot.addWidget(dialog)
    html = dialog.view.toPlainText()
    assert "Nové projekty: Národní dny prevence 2021" in html
    assert "Vypuštěné projekty: Plzeňská senior akademie 2020" in html
    target = tmp_path / "porovnání"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save_xlsx() == tmp_path / "porovnání.xlsx" and (tmp_path / "porovnání.xlsx").stat().st_size > 0


def test_compare_with_an_unreadable_file_says_why(window, monkeypatch, tmp_path):
    bad = tmp_path / "loni.dossier"
    bad.write_text("není to žádost", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    assert compare_with_file(window, window.document) is None
    assert shown and "loni.dossier" in shown[0] and "není dokument Dossier" in shown[0]
