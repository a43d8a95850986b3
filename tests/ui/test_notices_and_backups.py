"""Notices the user must read in full stay above the editor; a ``.bak`` backup opens as an unsaved copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dossier.formats import native

from .editor_helpers import SAMPLE

ZWSP = "\u200b"


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shown_in_full(window) -> str:
    """The notice's text when all of it is visible (wrapped within the bar, nothing cut off); else fails."""
    _settle()
    bar = window.notice_bar
    label = bar.label
    assert bar.isVisible() and label.isVisible()
    assert label.heightForWidth(label.width()) <= label.height(), "the wrapped text is taller than the label"
    assert label.geometry().right() <= bar.width() and bar.width() <= window.width()
    wrapped = label.fontMetrics().boundingRect(
        QRect(0, 0, label.width(), 10_000), Qt.TextFlag.TextWordWrap, label.text()
    )
    assert wrapped.width() <= label.width(), "a word is wider than the label"
    return label.text().replace(ZWSP, "")


def make_backup(path: Path, window) -> str:
    """Two saves through the app: the ``.bak`` then holds the first one. Returns the name in the backup."""
    window.document.set_value("applicant/name", "Město – první uložení")
    assert window.files.save()
    window.document.set_value("applicant/name", "Město – druhé uložení")
    assert window.files.save()
    return "Město – první uložení"


# -- A: notices -------------------------------------------------------------------------------------------


def test_reloading_their_version_says_in_full_where_my_changes_went(window, dossier_file):
    window.document.set_value("applicant/name", "Moje neuložená změna")
    theirs = native.load(dossier_file)
    theirs.applicant.name = "Kolegova verze"
    native.save(theirs, dossier_file)
    window.statusBar().showMessage("Starší zpráva", 60000)

    assert window.files.reload_theirs()

    copy = next(p for p in dossier_file.parent.glob("*.dossier") if "moje verze" in p.name)
    assert native.load(copy).applicant.name == "Moje neuložená změna"
    text = shown_in_full(window)
    assert text == f"Načtena verze ze souboru {dossier_file.name}; vaše změny jsou v souboru {copy.name}."
    assert window.statusBar().currentMessage() == ""  # not half of it down there, nor an older message
    # A transient message later does not push the notice away; Zavřít does.
    window.statusBar().showMessage("Uloženo: něco", 10)
    assert shown_in_full(window) == text
    window.notice_bar.close_button.click()
    assert not window.notice_bar.isVisible()


def test_the_rollover_instruction_stays_until_another_dossier_opens(window, dossier_file, monkeypatch):
    from dossier.ui import rollover_wizard

    monkeypatch.setattr(rollover_wizard, "run_rollover_wizard", lambda parent, path: native.load(SAMPLE))
    assert window.files.rollover()
    assert shown_in_full(window) == (
        "Nový ročník vytvořen. Převzaté údaje označené „nezkontrolováno“ projděte a potvrďte."
    )
    window.document.undo_stack.setClean()
    assert window.files.open_path(dossier_file, ask=False)
    assert not window.notice_bar.isVisible(), "a notice about the rolled-over dossier is stale for this one"


def test_a_notice_with_a_long_unbroken_file_name_wraps_instead_of_widening_the_window(window):
    name = "zadost_" + "prevence_kriminality_" * 12 + "2021.dossier"
    window.notify(f"Vaše verze je uložena jako {name}; jejich zůstala v <b>zadost.dossier</b>.")
    text = shown_in_full(window)
    assert name in text and "<b>zadost.dossier</b>" in text  # file names are never read as markup
    assert window.width() == 1280 and window.minimumSizeHint().width() <= 1280


# -- B: backups -------------------------------------------------------------------------------------------


def test_a_backup_opens_as_an_unsaved_copy_and_save_offers_the_original(window, dossier_file, monkeypatch):
    in_backup = make_backup(dossier_file, window)
    backup = dossier_file.with_name(dossier_file.name + ".bak")
    backup_bytes = backup.read_bytes()

    assert window.files.open_path(backup, ask=False)

    assert window.document.dossier.applicant.name == in_backup
    assert window.document.path is None and window.document.is_modified  # closing would ask
    assert window.windowTitle() == "plzeň-2021.dossier (ze zálohy)[*] – Dossier"
    text = shown_in_full(window)
    assert "záloha" in text and backup.name in text and "Uložit nabídne původní jméno plzeň-2021.dossier" in text
    assert "Excel" not in text + window.windowTitle()

    offered = []

    def save_dialog(parent, title, start, filter_):
        offered.append(start)
        return start, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert window.files.save()  # Ctrl+S: never onto the backup itself
    assert offered == [str(dossier_file)]
    assert window.document.path == dossier_file and not window.document.is_modified
    assert native.load(dossier_file).applicant.name == in_backup
    # The version it replaced is the backup now: nothing is lost.
    assert native.load(backup).applicant.name == "Město – druhé uložení" and backup.read_bytes() != backup_bytes


def test_the_open_dialog_offers_backups(window, dossier_file, monkeypatch):
    make_backup(dossier_file, window)
    backup = dossier_file.with_name(dossier_file.name + ".bak")
    filters = []

    def open_dialog(parent, title, start, filter_):
        filters.append(filter_)
        return str(backup), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    assert window.files.open()
    assert "Záloha žádosti (*.dossier.bak" in filters[0].split(";;")[2]
    assert window.document.path is None and "(ze zálohy)" in window.windowTitle()


def test_dropping_a_backup_opens_it_as_a_copy(window, dossier_file):
    make_backup(dossier_file, window)
    backup = dossier_file.with_name(dossier_file.name + ".bak")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(backup))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.document.path is None and "(ze zálohy)" in window.windowTitle()


def test_an_unreadable_backup_says_so_in_czech_and_keeps_the_document(window, tmp_path, monkeypatch):
    backup = tmp_path / "zadost.dossier.bak"
    backup.write_text("{ poškozeno", encoding="utf-8")
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: errors.append((args[1], args[2])))
    assert not window.files.open_path(backup, ask=False)
    assert errors and errors[0][0] == "Zálohu nelze otevřít" and "zadost.dossier.bak" in errors[0][1]
    assert window.document.path is not None and not window.notice_bar.isVisible()


def test_starting_with_a_backup_opens_it_the_same_way(qtbot, no_dialogs, dossier_file):
    from dossier.ui.app import _open_window

    backup = dossier_file.with_name(dossier_file.name + ".bak")
    backup.write_bytes(dossier_file.read_bytes())
    win = _open_window(backup)
    try:
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        assert win.document.path is None and win.document.is_modified
        assert win.windowTitle() == "plzeň-2021.dossier (ze zálohy)[*] – Dossier"
        assert backup.name in shown_in_full(win)
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
    assert backup.read_bytes() == dossier_file.read_bytes()


def test_the_backup_of_an_over_long_name_leads_back_to_its_dossier(tmp_path, sample_2021):
    from dossier.formats.atomic import backup_path
    from dossier.ui.file_actions import backup_original

    original = tmp_path / ("Zadost mesta " * 20)[:246]  # with ".dossier" 254 bytes, with ".bak" over 255
    original = original.with_name(original.name + ".dossier")
    native.save(sample_2021, original)
    native.save(sample_2021, original)  # the second save keeps the first as the backup
    backup = backup_path(original)
    assert backup.exists() and backup.name != original.name + ".bak"  # shortened: the name is too long
    assert backup_original(backup) == original
    assert backup_original(tmp_path / "a.bak") == tmp_path / "a.dossier"


def test_escape_in_the_notice_bar_closes_it_and_only_there(window, qtbot):
    from PySide6.QtCore import Qt

    window.show()
    window.activateWindow()
    window.notify("Nový ročník vytvořen.")
    field = window.applicant_form.bindings["name"].widget
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.notice_bar.isVisible()  # Esc in a field is the field's business
    window.notice_bar.close_button.setFocus()
    qtbot.keyClick(window.notice_bar.close_button, Qt.Key.Key_Escape)
    assert not window.notice_bar.isVisible()
