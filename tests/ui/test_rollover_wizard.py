"""The roll-forward wizard and the review badge, driven like a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard

from dossier.formats.rollover import rollover
from dossier.ui.document import Document
from dossier.ui.review import REVIEW_PREFIX, ConfirmReview, ReviewBadge, confirm, marks_under
from dossier.ui.rollover_wizard import RolloverWizard

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "rollover-summary.png"
NOTE_2020 = "převzato z roku 2020 – nezkontrolováno"


def type_text(widget, text: str) -> None:
    """Unicode-safe replacement for qtbot.keyClicks, which aborts on non-ASCII (tooling.md §2)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_wizard_end_to_end(qtbot, sample_2020_path, tmp_path):
    source = tmp_path / "loňská žádost.dossier"  # a Czech file name, typed character by character
    shutil.copy(sample_2020_path, source)
    wizard = RolloverWizard(None, None)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.source_page
    assert not page.isComplete()
    page.path_edit.setFocus()
    type_text(page.path_edit, str(source))
    assert page.isComplete(), page.info.text()
    assert "Statutární město Plzeň – ročník 2020, 3 projekty" in page.info.text()
    assert [page.target.itemData(i) for i in range(page.target.count())] == [
        "2021",
        "2022",
        "2022-2",
        "2023",
        "2024",
        "2024-2",
        "2025",
        "2026",
        "2027",
    ]
    assert page.target_key == "2021"  # source year + 1 by default
    page.target.setCurrentIndex(page.target.findData("2021"))
    assert "víceleté projekty: ne" in page.rules.text()

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    projects = wizard.projects_page
    assert wizard.currentPage() is projects
    assert projects.item("P1").text(3) == "víceletý → jednoletý"
    assert projects.item("P3").text(3) == ""
    projects.item("P2").setCheckState(0, Qt.CheckState.Unchecked)
    assert projects.chosen == ["P1", "P3"]

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    summary = wizard.summary_page
    assert wizard.currentPage() is summary
    text = summary.browser.toPlainText()
    assert "Převedeno podle pravidel 2021" in text
    assert "Asistent prevence kriminality 2018–2020" in text and "Asistent prevence kriminality 2021" in text
    assert "Kontrola podle pravidel 2021:" in text
    assert "Vynechané projekty: P2" in text
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert wizard.grab().save(str(SCREENSHOT))

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    new = wizard.result_dossier
    assert new is not None
    assert [p.id for p in new.projects] == ["P1", "P3"]
    assert new.year == 2021
    assert new.metadata.rolled_from == "loňská žádost.dossier (2020)"


def test_wizard_prefilled_from_current_document_and_cancel(qtbot, sample_2020_path):
    wizard = RolloverWizard(None, sample_2020_path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.source_page.path_edit.text() == str(sample_2020_path)
    assert wizard.source_page.isComplete()
    wizard.source_page.target.setCurrentIndex(wizard.source_page.target.findData("2025"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "investiční – v roce 2025 nepovoleno" in wizard.projects_page.item("P2").text(3).splitlines()
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result_dossier is None


def test_wizard_explains_a_foreign_file(qtbot, tmp_path):
    foreign = tmp_path / "poznámky.txt"
    foreign.write_text("nic", encoding="utf-8")
    wizard = RolloverWizard(None, foreign)
    qtbot.addWidget(wizard)
    assert not wizard.source_page.isComplete()
    assert ".dossier" in wizard.source_page.info.text()


# --- review badge ---------------------------------------------------------------------------------------


def _rolled_document(sample_2020) -> Document:
    return Document(rollover(sample_2020, 2021).dossier)


def test_review_badge_confirm_and_undo(qtbot, sample_2020):
    document = _rolled_document(sample_2020)
    path = "applicant/statutory_representative"
    host = QWidget()
    qtbot.addWidget(host)
    badge = ReviewBadge(document, path)
    QVBoxLayout(host).addWidget(badge)
    host.show()
    assert badge.isVisible()
    assert badge.label.text() == NOTE_2020
    order_before = list(document.dossier.review)

    with qtbot.waitSignal(document.valueChanged) as signal:
        qtbot.mouseClick(badge.button, Qt.MouseButton.LeftButton)
    assert signal.args == [REVIEW_PREFIX + path]
    assert path not in document.dossier.review
    assert not badge.isVisible()
    assert document.undo_stack.undoText() == "Potvrdit převzatý údaj: Statutární zástupce"

    document.undo_stack.undo()
    assert list(document.dossier.review) == order_before  # same order: the saved file is byte-identical
    assert badge.isVisible()
    document.undo_stack.redo()
    assert not badge.isVisible()


def test_badge_hidden_for_unmarked_field_and_read_only(qtbot, sample_2020):
    document = _rolled_document(sample_2020)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    unmarked = ReviewBadge(document, "applicant/ico")
    marked = ReviewBadge(document, "projects/P1/title")
    layout.addWidget(unmarked)
    layout.addWidget(marked)
    host.show()
    assert not unmarked.isVisible() and marked.isVisible()
    document.set_read_only(True, "otevřeno jinde")
    assert not marked.button.isEnabled()


def test_confirm_a_whole_project_in_one_undo_step(sample_2020):
    document = _rolled_document(sample_2020)
    marks = marks_under(document.dossier, "projects/P1")
    assert "projects/P1/multi_year" in marks and "projects/P1/budget/0/unit_price" in marks
    assert not any(m.startswith("projects/P2") for m in marks)
    assert confirm(document, marks)
    assert marks_under(document.dossier, "projects/P1") == []
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert marks_under(document.dossier, "projects/P1") == marks
    assert not confirm(document, ["applicant/ico"])  # nothing marked: nothing pushed
    assert ConfirmReview(document, ["applicant/ico"]).paths == []
