"""Soubor ▸ Nový ročník z loňské žádosti: the wizard's result opens as a new, unsaved dossier."""

from PySide6.QtWidgets import QMessageBox

from dossier.formats import native
from dossier.formats.rollover import rollover
from dossier.ui import rollover_wizard

from .editor_helpers import SAMPLE


def test_rollover_menu_opens_the_new_year_unsaved(window, monkeypatch):
    last = native.load(SAMPLE.with_name("plzen-2020.dossier"))
    new = rollover(last, 2021, source_name="plzen-2020.dossier").dossier
    seen = []
    monkeypatch.setattr(rollover_wizard, "run_rollover_wizard", lambda parent, current: seen.append(current) or new)
    current = window.document.path
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "ročník" in a.text())
    action.trigger()
    assert seen == [current]  # the wizard starts from the open dossier
    assert window.document.dossier == new
    assert window.document.path is None and window.isWindowModified()
    assert "Nová žádost 2021" in window.windowTitle()
    # Review marks from the roll-forward show up as check findings.
    window.check_panel.refresh()
    assert "Upozornění" in window.check_counts.text()


def test_cancelled_rollover_changes_nothing(window, monkeypatch):
    before = window.document.dossier.model_copy(deep=True)
    monkeypatch.setattr(rollover_wizard, "run_rollover_wizard", lambda parent, current: None)
    assert not window.files.rollover()
    assert window.document.dossier == before


def test_about_lists_rule_packs_and_recovery_folder(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    from dossier.ui.menus import show_about

    show_about(window)
    assert "2024-2" in shown[0] and "obnova" in shown[0] and "Dossier verze" in shown[0]


def test_confirm_all_marks_of_a_project_in_one_undo_step(window):
    last = native.load(SAMPLE.with_name("plzen-2020.dossier"))
    window.document.replace(rollover(last, 2021).dossier, None)
    window.navigator.select("project", "P3")
    before = dict(window.document.dossier.review)
    assert any(p.startswith("projects/P3/") for p in before)
    action = next(a for a in window.menuBar().actions()[2].menu().actions() if a.text().startswith("&Potvrdit"))
    action.trigger()
    assert not any(p.startswith("projects/P3/") for p in window.document.dossier.review)
    assert any(p.startswith("projects/P1/") for p in window.document.dossier.review)
    window.undo_action.trigger()
    assert window.document.dossier.review == before
