"""The Kontrola dock: debounced refresh after edits, jump to the field on double-click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dossier.core import checks
from dossier.core.checks import Finding

from .editor_helpers import type_text


def _finding_item(panel, path):
    for i in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == path:
            return item
    return None


def test_panel_refreshes_once_after_a_burst_of_edits(window, qtbot):
    panel = window.check_panel
    before = panel.refresh_count
    window.navigator.select("applicant")
    edit = window.applicant_form.bindings["ico"].widget
    edit.selectAll()
    type_text(edit, "123")
    assert panel.refresh_count == before, "checks never run on the typing path"
    qtbot.waitUntil(lambda: panel.refresh_count == before + 1, timeout=3000)
    qtbot.wait(500)
    assert panel.refresh_count == before + 1


def test_clearing_ico_reports_a_finding_for_applicant_ico(window, qtbot):
    window.navigator.select("applicant")
    edit = window.applicant_form.bindings["ico"].widget
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert window.document.dossier.applicant.ico == ""
    qtbot.waitUntil(lambda: any(f.path == "applicant/ico" for f in window.check_panel.findings), timeout=3000)
    item = _finding_item(window.check_panel, "applicant/ico")
    assert item.text(1) == "Žadatel – IČO"
    assert window.check_counts.text().startswith("Chyby: 1")


def test_double_click_on_a_finding_jumps_to_the_field(window, qtbot, monkeypatch):
    monkeypatch.setattr(
        checks.CheckRunner,
        "run",
        lambda self, dossier, changed=None: [
            Finding("error", "X", "projects/P3/title", "Název chybí.", "Zásady"),
            Finding("warning", "Y", "projects/P2/apk/staff/0/fte", "Úvazek?", ""),
            Finding("info", "Z", "applicant/ico", "IČO.", ""),
        ],
    )
    panel = window.check_panel
    panel.refresh()
    assert panel.tree.topLevelItemCount() == 3
    assert window.check_counts.text() == "Chyby: 1 · Upozornění: 1 · Informace: 1"

    item = _finding_item(panel, "projects/P3/title")
    assert item.text(0) == "Chyba" and item.text(3) == "Zásady"
    assert item.text(1).endswith("– Název projektu")
    rect = panel.tree.visualItemRect(item)
    # QTest's double-click lacks the press a real one starts with; send both, as a mouse does.
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.current() == ("project", "P3")
    assert window.focusWidget() is window.project_form.bindings["title"].widget

    window.go_to("projects/P2/apk/staff/0/fte")
    table = window.project_form.bindings["apk/staff"].widget.table
    assert window.navigator.current() == ("project", "P2")
    assert (table.currentRow(), table.currentColumn()) == (0, 1)
    assert window.project_form.tabs.currentIndex() == window.project_form.kind_tab

    window.go_to("applicant/ico")
    assert window.stack.currentWidget() is window.applicant_form
    assert window.focusWidget() is window.applicant_form.bindings["ico"].widget


def test_broken_check_does_not_take_the_editor_down(window, monkeypatch):
    def boom(self, _dossier, changed=None):
        raise RuntimeError("chyba v kontrole")

    monkeypatch.setattr(checks.CheckRunner, "run", boom)
    window.check_panel.refresh()
    assert "Kontrolu nelze dokončit" in window.check_panel.findings[0].message


def test_every_finding_of_the_sample_leads_to_a_field_on_its_page(window):
    # "Termín podání" (path "year") led nowhere: the year has no field, its deadline is in the Podání box.
    missing = []
    for finding in checks.run_checks(window.document.dossier):
        if not finding.path:
            continue
        window.go_to(finding.path)
        page, focused = window.stack.currentWidget(), window.focusWidget()
        if focused is None or not page.isAncestorOf(focused):
            missing.append(finding.path)
    assert not missing
    window.go_to("year")
    assert window.focusWidget() is window.applicant_form.submission_summary.button
