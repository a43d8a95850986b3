"""Save, reopen, the unsaved-changes question, new dossier, drop, export menu and startup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from dossier.formats import native
from dossier.ui import settings

from .editor_helpers import SAMPLE, answer, type_text


def _edit_title(window, text="Nový název – úprava"):
    window.navigator.select("project", "P1")
    edit = window.project_form.bindings["title"].widget
    edit.selectAll()
    type_text(edit, text)


def test_save_and_reopen_gives_the_same_model(window, dossier_file):
    _edit_title(window)
    assert window.isWindowModified()
    assert window.files.save()
    assert not window.isWindowModified()
    assert window.document.dossier.metadata.modified is not None
    reloaded = native.load(dossier_file)
    assert reloaded == window.document.dossier
    assert reloaded.project("P1").title == "Nový název – úprava"
    assert settings.recent_files()[0] == dossier_file.resolve()


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, dossier_file, monkeypatch):
    before = dossier_file.read_bytes()
    _edit_title(window)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and asked and "plzeň-2021.dossier" in asked[0]
    assert dossier_file.read_bytes() == before
    asked = answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close()
    assert dossier_file.read_bytes() == before


def test_close_answering_save_writes_the_file(window, dossier_file, monkeypatch):
    _edit_title(window, "Uloženo při zavírání")
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert window.close()
    assert native.load(dossier_file).project("P1").title == "Uloženo při zavírání"


def test_failed_save_keeps_the_document_modified(window, tmp_path, monkeypatch):
    _edit_title(window)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: errors.append(args[2]))
    from dossier.formats import atomic

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write_synced", disk_full)
    assert not window.files.save()
    assert errors and "není dost místa" in errors[0]
    assert window.isWindowModified()


def test_save_as_adds_the_suffix_and_renames_the_window(window, tmp_path, monkeypatch):
    target = tmp_path / "žádost 2021"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save_as()
    saved = target.with_name("žádost 2021.dossier")
    assert saved.is_file() and window.document.path == saved
    assert window.windowTitle() == "žádost 2021.dossier[*] – Dossier"


def test_new_dossier_asks_for_the_programme_year(window, monkeypatch):
    offered = []

    def choose(parent, title, label, items, *rest):
        offered.extend(items)
        return "2024 – 2. kolo", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    assert window.files.new()
    dossier = window.document.dossier
    assert (dossier.year, dossier.round, dossier.projects) == (2024, "2", [])
    assert dossier.attachments, "the year's attachment checklist is prefilled"
    assert window.document.path is None and window.windowTitle().startswith("Nová žádost 2024-2")
    # Newest first: next year's application can be started before its rules are out.
    assert offered[0].startswith("2027 (pravidla zatím nejsou k dispozici") and "2021" in offered


def test_new_dossier_for_next_year_uses_the_newest_rules_and_says_so(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *rest: (items[0], True))
    assert window.files.new()
    assert window.document.dossier.year == 2027
    window.check_panel.refresh()
    assert any(f.code == "RULES_FALLBACK" for f in window.check_panel.findings)


def test_open_unreadable_file_shows_czech_message_and_keeps_the_document(window, tmp_path, monkeypatch):
    broken = tmp_path / "rozbitý.dossier"
    broken.write_text("{ nedokončeno", encoding="utf-8")
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[2]))
    assert not window.files.open_path(broken)
    assert "poškozený" in messages[0]
    assert window.document.dossier.project("P1")


def test_dropping_a_dossier_file_opens_it(window, tmp_path):
    other = tmp_path / "jiný.dossier"
    native.save(native.load(SAMPLE).model_copy(update={"year": 2022}), other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.document.path == other and window.document.dossier.year == 2022
    assert window.navigator.current() == ("applicant", "")


def test_failed_export_is_reported_in_czech_and_the_other_still_runs(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[2]))
    written = window.exports.run({"xlsx": tmp_path / "chybí" / "a.xlsx", "docx": tmp_path / "b.docx"})
    assert written == [tmp_path / "b.docx"] and (tmp_path / "b.docx").is_file()
    assert messages and messages[0].startswith("Excel:") and "složka neexistuje" in messages[0]


def test_export_excel_writes_the_file(window, tmp_path, monkeypatch):
    target = tmp_path / "export.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    reported = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: reported.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: reported.append(args[2]))
    window.exports.export(("xlsx",))
    assert target.is_file(), reported
    assert "Vytvořeny soubory" in reported[0]


def test_screenshot_mode_writes_a_1280x800_png(qtbot, no_dialogs, tmp_path):
    from dossier.ui.app import run_app

    out = tmp_path / "shot.png"
    assert run_app(SAMPLE, screenshot=out, select="P2") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_screenshot_of_unreadable_file_returns_2(qtbot, no_dialogs, tmp_path, capsys):
    from dossier.ui.app import run_app

    assert run_app(tmp_path / "chybí.dossier", screenshot=tmp_path / "x.png") == 2
    assert "neexistuje" in capsys.readouterr().err


def test_startup_without_file_opens_the_sample_as_untitled(qtbot, no_dialogs):
    from dossier.ui.app import _open_window

    win = _open_window(None)
    try:
        assert win.document.path is None
        assert win.document.dossier.applicant.name == "Statutární město Plzeň"
        assert win.windowTitle() == "plzen-2021.dossier (ukázka)[*] – Dossier"
    finally:
        win.close()
        win.deleteLater()


def test_the_bundled_sample_given_by_path_still_opens_as_an_unsaved_copy(qtbot, no_dialogs):
    from dossier.ui.app import _open_window

    before = SAMPLE.read_bytes()
    win = _open_window(SAMPLE)
    try:
        assert win.document.path is None and "(ukázka)" in win.windowTitle()
        win.document.set_value("applicant/kraj", "Jiný kraj")
        assert not (SAMPLE.parent / f".~lock.{SAMPLE.name}#").exists()
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
    assert SAMPLE.read_bytes() == before


def test_startup_with_broken_file_says_why_and_falls_back(qtbot, no_dialogs, tmp_path, monkeypatch):
    from dossier.ui.app import _open_window

    broken = tmp_path / "špatný.dossier"
    broken.write_bytes(b"\xff\xfe nic")
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[2]))
    win = _open_window(broken)
    try:
        assert messages and "není dokument Dossier" in messages[0]
        assert win.document.dossier.projects, "the sample opens instead"
    finally:
        win.close()
        win.deleteLater()


def test_startup_reopens_the_last_file(qtbot, no_dialogs, dossier_file):
    from dossier.ui.app import _open_window

    settings.add_recent(dossier_file)
    win = _open_window(None)
    try:
        assert win.document.path == Path(dossier_file).resolve()
    finally:
        win.close()
        win.deleteLater()


def test_word_export_uses_the_office_template_from_settings(window, tmp_path, monkeypatch):
    from docx import Document as WordDocument

    from dossier.ui import settings as app_settings
    from dossier.ui.export_actions import choose_word_template

    letterhead = tmp_path / "hlavičkový papír.docx"
    template = WordDocument()
    template.sections[0].header.paragraphs[0].text = "Magistrát města Plzně – odbor bezpečnosti"
    template.save(letterhead)

    def click(box, label):
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, "Vybrat šablonu…"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(letterhead), ""))
    choose_word_template(window)
    assert app_settings.word_template() == letterhead

    out = tmp_path / "popis.docx"
    assert window.exports.run({"docx": out}) == [out]
    assert "Magistrát města Plzně" in WordDocument(out).sections[0].header.paragraphs[0].text

    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, "Výchozí šablona"))
    choose_word_template(window)
    assert app_settings.word_template() is None


def test_open_an_exported_workbook_imports_it_as_a_new_dossier(window, tmp_path, monkeypatch):
    from dossier.formats.xlsx_export import export_xlsx

    workbook = tmp_path / "loňský rozpočet.xlsx"
    expected = native.load(SAMPLE)
    export_xlsx(expected, workbook)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(workbook), ""))
    window.document.undo_stack.setClean()
    assert window.files.open()
    assert window.document.dossier == expected
    assert window.document.path is None and window.isWindowModified()
    assert "import z Excelu" in window.windowTitle()


def test_open_a_foreign_workbook_says_what_can_be_imported(window, tmp_path, monkeypatch):
    from openpyxl import Workbook

    foreign = tmp_path / "cizí.xlsx"
    book = Workbook()
    book.active["A1"] = "Rozpočet"
    book.save(foreign)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: errors.append(args[2]))
    before = window.document.dossier.model_copy(deep=True)
    assert not window.files.open_path(foreign, ask=False)
    assert errors and "Dossier" in errors[0] and ".dossier" in errors[0]
    assert window.document.dossier == before
