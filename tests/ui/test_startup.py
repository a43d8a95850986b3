"""Start-up shows the window before the model is loaded; heavy modules and pages load on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from .editor_helpers import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
#: Runs main.py's entry the way a start does and reports what was imported by then.
PROBE = """
import json, sys
from dossier.cli import main
code = main(sys.argv[1:])
import PySide6.QtCore
print(json.dumps({"code": code, "modules": sorted(sys.modules), "qt_namespace": "Qt" in PySide6.QtCore.__dict__}))
"""
#: Never needed to show a dossier: exports, printing, dialogs, the pages not shown.
HEAVY = [
    "docx",
    "xlsxwriter",
    "openpyxl",
    "dossier.formats.xlsx_export",
    "dossier.formats.docx_export",
    "dossier.formats.xlsx_edits",
    "dossier.formats.compat",
    "dossier.formats.rollover",
    "dossier.ui.printing",
    "dossier.ui.compare_dialog",
    "dossier.ui.help_window",
    "dossier.ui.rollover_wizard",
    "dossier.ui.xlsx_edits_dialog",
    "dossier.ui.project_form",
    "dossier.ui.grant_page",
    "dossier.ui.submission_page",
    "dossier.ui.attachments_form",
]


def _start(tmp_path: Path, *extra: str) -> dict:
    args = [str(SAMPLE), "--screenshot", str(tmp_path / "shot.png"), *extra]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_window_appears_before_pydantic_the_model_or_the_qt_namespace_load(tmp_path):
    probe = _start(tmp_path, "--at-start")
    assert probe["code"] == 0
    loaded = set(probe["modules"])
    assert {"pydantic", "dossier.core.model", "dossier.core.checks", "dossier.logs"}.isdisjoint(loaded)
    assert set(HEAVY).isdisjoint(loaded)
    assert not probe["qt_namespace"], "the frame's modules look Qt enums up where they are used"


def test_showing_the_dossier_loads_neither_office_libraries_nor_dialogs_nor_hidden_pages(tmp_path):
    probe = _start(tmp_path)
    assert probe["code"] == 0
    loaded = set(probe["modules"])
    assert {"dossier.core.model", "dossier.ui.applicant_form", "dossier.ui.check_panel"} <= loaded
    assert sorted(set(HEAVY) & loaded) == []


def test_screenshot_captures_the_loaded_dossier_not_the_loading_frame(qtbot, no_dialogs, tmp_path, monkeypatch):
    from dossier.ui import app
    from dossier.ui.main_window import MainWindow

    seen = []

    def grab(window):
        seen.append(
            (
                window.document.dossier.applicant.name if window.document else None,
                window.navigator.topLevelItemCount(),
                window.stack.currentWidget() is window.__dict__.get("applicant_form"),
                window.windowTitle(),
            )
        )
        return QWidget.grab(window)

    monkeypatch.setattr(MainWindow, "grab", grab)
    assert app.run_app(SAMPLE, screenshot=tmp_path / "loaded.png") == 0
    assert app.run_app(SAMPLE, screenshot=tmp_path / "start.png", at_start=True) == 0
    loaded, start = seen
    assert loaded[0] == "Statutární město Plzeň" and loaded[1] == 6 and loaded[2]  # Žadatel, 3 projects, …
    assert "Načítám" not in loaded[3]
    assert start == (None, 0, False, "Načítám žádost… – Dossier")


def test_the_frame_waits_for_its_document_then_every_command_works(qtbot, no_dialogs):
    from dossier.formats import native
    from dossier.ui.main_window import LOADING_TEXT, MainWindow

    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    assert window.stack.currentWidget().text() == LOADING_TEXT
    save = next(a for a in window.findChildren(QAction) if a.text() == "&Uložit")
    assert not save.isEnabled() and not window.undo_action.isEnabled()
    window.remove_project()  # a key pressed while loading does nothing
    window.attach(native.load(SAMPLE))
    assert save.isEnabled()
    assert window.export_menu.actions() and window.new_project_menu.actions()
    assert window.view_menu.actions()[0] is window.check_panel.toggleViewAction()
    window.document.set_value("applicant/kraj", "Jihočeský")
    assert window.undo_action.isEnabled() and window.undo_action.text().startswith("Zpět ")
    window.undo_action.trigger()
    assert window.document.dossier.applicant.kraj == "Plzeňský"
    assert window.redo_action.isEnabled()
    window.document.undo_stack.setClean()


@pytest.mark.parametrize("kind", ["submission", "attachments"])
def test_a_page_is_built_when_first_shown_and_shows_the_dossier(window, kind):
    name = {"submission": "submission_page", "attachments": "attachments_form"}[kind]
    assert name not in window.__dict__  # not built at start
    window.navigator.select(kind)
    page = window.__dict__[name]
    assert window.stack.currentWidget() is page
    if kind == "attachments":
        assert page.table.table.model().rowCount() == len(window.document.dossier.attachments) > 0
    else:
        assert "Termín podání" in page.status.text()
    window.navigator.select("applicant")
    window.navigator.select(kind)
    assert window.stack.currentWidget() is page and window.stack.count() == 2  # built once


def test_the_project_card_is_built_on_the_first_project_shown(window):
    assert "project_form" not in window.__dict__
    window.navigator.select("project", "P2")
    form = window.project_form
    assert window.stack.currentWidget() is form
    assert form.heading.text() == window.document.dossier.project("P2").title


def test_loading_starts_after_the_first_paint(qtbot):
    from dossier.ui.app import after_first_paint

    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, lambda: calls.append(widget.isVisible()))
    QApplication.processEvents()
    assert calls == []  # not shown, not painted
    widget.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=3000)
    widget.repaint()
    QApplication.processEvents()
    assert calls == [True]  # once


def test_grant_and_assessment_tabs_are_built_when_first_opened_or_jumped_to(window):
    from dossier.ui.assessment_section import AssessmentPage
    from dossier.ui.grant_page import GrantPage

    window.navigator.select("project", "P2")
    form = window.project_form
    assert not isinstance(form.tabs.widget(form.grant_tab), GrantPage)
    assert not isinstance(form.tabs.widget(form.assessment_tab), AssessmentPage)
    form.tabs.setCurrentIndex(form.grant_tab)  # the user opens the tab
    grant = form.tabs.widget(form.grant_tab)
    assert isinstance(grant, GrantPage) and form.tabs.currentWidget() is grant is form.grant_page
    assert grant.project_id == "P2"
    window.go_to("projects/P2/strategy/local_measure")  # e.g. from the check panel
    assert isinstance(form.tabs.widget(form.assessment_tab), AssessmentPage)
    assert window.focusWidget() is form.bindings["strategy/local_measure"].widget
    assert form.bindings["strategy/local_measure"].widget.toPlainText() == (
        window.document.dossier.project("P2").strategy.local_measure
    )


def test_the_saved_layout_of_the_docks_comes_back_when_the_dossier_arrives_after_the_frame(qtbot, no_dialogs):
    from PySide6.QtCore import Qt

    from dossier.formats import native
    from dossier.ui.main_window import MainWindow

    first = MainWindow(native.load(SAMPLE), None)
    first.resize(780, 560)  # inside the offscreen screen, so that the geometry comes back as it was
    first.show()
    qtbot.waitExposed(first)
    first.resizeDocks([first.check_panel], [250], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: first.check_panel.height() == 250, timeout=3000)
    first.document.undo_stack.setClean()
    first.close()  # saves the layout

    again = MainWindow()  # start-up: the frame first, the dossier after its first paint
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.attach(native.load(SAMPLE))
    qtbot.waitUntil(lambda: again.check_panel.height() == 250, timeout=3000)
    assert again.size().toTuple() == (780, 560)
    again.document.undo_stack.setClean()
