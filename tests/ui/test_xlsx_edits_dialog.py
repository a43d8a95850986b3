"""Opening an exported workbook that a colleague edited: the differences are shown and both choices work."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dossier.formats import native
from dossier.formats.xlsx_export import export_xlsx
from dossier.ui import xlsx_edits_dialog
from dossier.ui.xlsx_edits_dialog import EXPORTED, VISIBLE, XlsxEditsDialog

from .editor_helpers import SAMPLE

P1 = "P1 Národní dny prevence 2021"


@pytest.fixture
def edited(tmp_path):
    """The sample exported, then the first line's quantity changed to 5 in Excel (openpyxl)."""
    path = tmp_path / "rozpočet.xlsx"
    export_xlsx(native.load(SAMPLE), path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[P1]
    row = next(r for r in sheet.iter_rows() if r[0].value == 1)
    row[4].value = 5
    workbook.save(path)
    return path


def answer_with(monkeypatch, choice):
    """Replace the dialog by an answer, remembering what it was shown."""
    shown = []

    def ask(parent, name, edits):
        shown.append((name, edits))
        return choice

    monkeypatch.setattr(xlsx_edits_dialog, "ask_choice", ask)
    return shown


def test_taking_the_workbook_values(window, edited, monkeypatch):
    shown = answer_with(monkeypatch, VISIBLE)
    assert window.files.open_path(edited, ask=False)
    ((name, edits),) = shown
    assert name == "rozpočet.xlsx"
    assert [e.path for e in edits] == ["projects/P1/budget/0/quantity"]
    assert window.document.dossier.project("P1").budget[0].quantity == 5
    assert window.document.path is None and window.isWindowModified()


def test_keeping_the_exported_values(window, edited, monkeypatch):
    answer_with(monkeypatch, EXPORTED)
    assert window.files.open_path(edited, ask=False)
    assert window.document.dossier == native.load(SAMPLE)


def test_cancelling_leaves_the_open_dossier(window, edited, monkeypatch):
    answer_with(monkeypatch, None)
    before = window.document.dossier.model_copy(deep=True)
    assert not window.files.open_path(edited, ask=False)
    assert window.document.dossier == before


def test_unedited_workbook_opens_without_asking(window, tmp_path, monkeypatch):
    shown = answer_with(monkeypatch, None)
    path = tmp_path / "cisty.xlsx"
    export_xlsx(native.load(SAMPLE), path)
    assert window.files.open_path(path, ask=False)
    assert shown == [] and window.document.dossier == native.load(SAMPLE)


@pytest.mark.parametrize(
    "button, expected", [("take_button", VISIBLE), ("keep_button", EXPORTED), ("cancel_button", None)]
)
def test_the_real_dialog_shows_the_difference_and_each_button_answers(qtbot, edited, button, expected, tmp_path):
    from dossier.formats.open_any import read_any

    edits = read_any(edited).edits
    dialog = XlsxEditsDialog(edited.name, edits)
    qtbot.addWidget(dialog)
    line = native.load(SAMPLE).project("P1").budget[0]
    cells = [dialog.table.item(0, col).text() for col in range(dialog.table.columnCount())]
    assert "P1" in cells[0] and line.text in cells[0]
    assert cells[1:4] == ["Množství", str(int(line.quantity)), "5"]
    assert dialog.take_button.isDefault()
    dialog.resize(1280, 800)
    dialog.show()
    dialog.grab().save(str(tmp_path / "dialog.png"))
    QTimer.singleShot(0, getattr(dialog, button).click)
    dialog.exec()
    assert dialog.choice == expected


def test_copying_the_differences(qtbot, edited):
    from dossier.formats.open_any import read_any

    dialog = XlsxEditsDialog(edited.name, read_any(edited).edits)
    qtbot.addWidget(dialog)
    dialog.copy_rows()
    text = QApplication.clipboard().text()
    assert "Množství" in text and "\t5\t" in text
    assert Decimal("5") == Decimal(text.split("\t")[3])


def test_rollover_wizard_from_an_edited_workbook_lists_the_edits(qtbot, edited):
    from PySide6.QtWidgets import QWizard

    from dossier.ui.rollover_wizard import RolloverWizard

    wizard = RolloverWizard(None, edited)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.source_page.isComplete(), wizard.source_page.info.text()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    text = wizard.summary_page.browser.toPlainText()
    assert "Sešit byl po exportu upraven" in text and "Množství 2 → 5" in text
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result_dossier.project("P1").budget[0].quantity == 5


def test_choosing_a_macro_template_is_refused_at_once(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from dossier.ui import settings as app_settings
    from dossier.ui.export_actions import choose_word_template
    from tests.helpers.hostile_files import template_macro

    template = template_macro(tmp_path / "hlavička.dotm")
    warnings = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: next(b for b in box.buttons() if b.text() == "Vybrat šablonu…").click()
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(template), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    choose_word_template(window)
    assert len(warnings) == 1 and "makra" in warnings[0] and "hlavička.dotm" in warnings[0]
    assert app_settings.word_template() is None
