"""The "Dotace a čerpání" tab: award entry, re-budget dialog (one undo step), ledger edits and paste."""

import datetime as dt
import os
from decimal import Decimal

from PySide6.QtWidgets import QApplication

from dossier.core.grant import FundingSource
from dossier.core.totals import project_totals
from dossier.formats import native
from dossier.formats.docx_export import export_docx
from dossier.formats.xlsx_export import build_xlsx

from .editor_helpers import type_text

SHOTS = os.environ.get("DOSSIER_SHOTS")  # a folder: the tests also save screenshots there


def _grant_tab(window, project_id):
    window.select(f"projects/{project_id}/grant")
    form = window.project_form
    assert form.tabs.currentIndex() == form.grant_tab
    return form.grant_page


def _shot(widget, name):
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def _docx_bytes(dossier, tmp_path, name):
    target = tmp_path / name
    export_docx(dossier, target)
    return target.read_bytes()


def test_rebudget_is_one_undo_step_and_the_submitted_version_exports_the_same(window, qtbot, tmp_path):
    from dossier.ui.rebudget_dialog import RebudgetDialog

    page = _grant_tab(window, "P1")
    _shot(window, "grant-page.png")
    document = window.document
    before_budget = [line.model_copy() for line in document.dossier.project("P1").budget]
    submitted = document.dossier.submitted.application
    xlsx_before, docx_before = build_xlsx(submitted), _docx_bytes(submitted, tmp_path, "before.docx")
    steps = document.undo_stack.count()

    dialog = RebudgetDialog(document, "P1", page)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    _shot(dialog, "rebudget-dialog.png")
    assert "Bez chyb" in dialog.findings.item(0).text()
    dialog.apply()

    award = document.dossier.project("P1").grant.award.amount
    assert project_totals(document.dossier.project("P1")).requested == award
    assert document.undo_stack.count() == steps + 1
    # The application as submitted did not move, and exports to the same bytes (also after a save).
    after = document.dossier.submitted.application
    assert build_xlsx(after) == xlsx_before
    assert _docx_bytes(after, tmp_path, "after.docx") == docx_before
    saved = tmp_path / "saved.dossier"
    native.save(document.dossier, saved)
    assert build_xlsx(native.load(saved).submitted.application) == xlsx_before

    document.undo_stack.undo()
    assert document.dossier.project("P1").budget == before_budget


def test_manual_figures_are_checked_before_applying(window, qtbot):
    from dossier.ui.rebudget_dialog import PRICE, SUBSIDY, RebudgetDialog

    _grant_tab(window, "P1")
    dialog = RebudgetDialog(window.document, "P1")
    dialog.table.item(0, SUBSIDY).setText("abc")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    # A subsidy above the line's costs: the rules re-checked on the new figures say so.
    dialog.table.item(0, PRICE).setText("1")
    dialog.table.item(0, SUBSIDY).setText("160 000")
    texts = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert any("vyšší než náklady" in t for t in texts)
    dialog.reject()


def test_recording_an_award_freezes_the_application_in_the_same_step(window, qtbot):
    document = window.document
    document.dossier.submitted = None
    document.dossier.project("P3").grant = None
    page = _grant_tab(window, "P3")
    page.set_project("P3")
    assert page.stack.currentIndex() == 0
    page.create_grant()
    assert document.dossier.submitted is not None and document.dossier.project("P3").grant is not None
    page.amount_edit.selectAll()
    type_text(page.amount_edit, "478 100")
    page.amount_edit.editingFinished.emit()
    assert document.dossier.project("P3").grant.award.amount == Decimal(478100)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.dossier.submitted is None and document.dossier.project("P3").grant is None


def test_ledger_cells_take_czech_dates_and_amounts_and_payments_follow_their_line(window, qtbot):
    page = _grant_tab(window, "P3")
    document = window.document
    table = page.ledger.table
    page.ledger.add_button.click()
    row = table.rowCount() - 1
    table.item(row, 1).setText("15. 3. 2021")
    table.item(row, 4).setText("12 345,50")
    table.item(row, 5).setText("vlastní")
    table.item(row, 0).setText("2")
    payment = document.dossier.project("P3").grant.payments[row]
    assert (payment.date, payment.amount, payment.source, payment.line) == (
        dt.date(2021, 3, 15),
        Decimal("12345.50"),
        FundingSource.OWN,
        1,
    )
    # A budget line inserted above and one moved: the payment stays with its line.
    line = document.dossier.project("P3").budget[1]
    document.insert("projects/P3/budget", 0, line.model_copy(update={"text": "Nová položka"}))
    assert document.dossier.project("P3").grant.payments[row].line == 2
    document.move("projects/P3/budget", 2, 5)
    assert document.dossier.project("P3").grant.payments[row].line == 5
    assert document.dossier.project("P3").budget[5].text == line.text
    document.remove("projects/P3/budget", 5)
    assert document.dossier.project("P3").grant.payments[row].line is None
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.dossier.project("P3").grant.payments[row].line == 1
    _shot(window, "ledger.png")


def test_paste_adds_all_payments_in_one_step_or_none(window, qtbot, monkeypatch):
    page = _grant_tab(window, "P2")
    document = window.document
    count = len(document.dossier.project("P2").grant.payments)
    QApplication.clipboard().setText(
        "Datum\tČástka\tŘádek\tZdroj\n1. 6. 2021\t1 500\t2\tdotace\n2. 6. 2021\t2 500,50 Kč\t3\tvlastní\n"
    )
    steps = document.undo_stack.count()
    page.bindings["grant/payments"].paste()
    payments = document.dossier.project("P2").grant.payments
    assert len(payments) == count + 2 and document.undo_stack.count() == steps + 1
    assert (payments[-1].line, payments[-1].amount) == (2, Decimal("2500.50"))
    warnings = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    QApplication.clipboard().setText("1. 6. 2021\t\t\t1 500\tdotace\n31. 2. 2021\t\t\t99\tdotace\n")
    page.bindings["grant/payments"].paste()
    assert len(document.dossier.project("P2").grant.payments) == count + 2
    assert warnings and "řádek 2" in warnings[0]


def test_duplicate_leaves_the_ledger_with_the_original_and_a_dossier_without_a_frozen_copy_shows(window):
    window.document.dossier.submitted = None
    window.navigator.select("project", "P2")
    window.duplicate_project()
    copy = window.document.dossier.projects[2]
    assert copy.grant is None and window.document.dossier.project("P2").grant is not None
    page = _grant_tab(window, "P2")
    assert page.summary.text().startswith("Přiznáno") and not page.submitted_button.isEnabled()


def test_a_ledger_finding_jumps_to_its_payment(window):
    window.go_to("projects/P1/grant/payments/3/date")
    page = window.project_form.grant_page
    assert window.project_form.tabs.currentIndex() == window.project_form.grant_tab
    assert (page.ledger.table.currentRow(), page.ledger.table.currentColumn()) == (3, 1)


def test_export_menu_writes_the_settlement_under_its_own_name(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    offered = []

    def save_name(parent, caption, start, filters):
        offered.append(start)
        return str(tmp_path / "vyuctovani"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(window.exports, "_report", lambda written: None)
    written = window.exports.export(("settlement",))
    assert "vyúčtování" in offered[0] and written == [tmp_path / "vyuctovani.xlsx"]
    assert written[0].stat().st_size > 0


def test_the_submitted_version_opens_read_only_and_unchanged(window, qtbot):
    document = window.document
    submitted_requested = project_totals(document.dossier.submitted.application.project("P1")).requested
    document.set_value("projects/P1/budget/0/requested", Decimal(1000))
    page = _grant_tab(window, "P1")
    other = page.show_submitted()
    qtbot.addWidget(other)
    assert other.document.read_only and "Podaná verze" in other.windowTitle()
    assert project_totals(other.document.dossier.project("P1")).requested == submitted_requested
    assert other.document.dossier.project("P1").grant is None
    other.document.undo_stack.setClean()
