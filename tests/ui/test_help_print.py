"""Nápověda (F1 with context, Klávesové zkratky), Tisk / Náhled tisku / Export ▸ PDF and the toolbar."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QToolBar

from dossier.resources import resource_path
from dossier.ui import help_window
from dossier.ui.help_window import ShortcutsDialog, shortcut_rows

HELP = resource_path("help", "index.html")


def press_f1(qtbot, window):
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_F1)
    return window.help_window


def top_line(browser) -> str:
    """The text line at the top of the help view (after scrolling to the section)."""
    return browser.cursorForPosition(QPoint(8, 8)).block().text()


@pytest.mark.parametrize(
    ("select", "tab", "anchor", "heading"),
    [
        (None, None, "zadatel", "Žadatel"),
        ("P2", None, "projekt", "Karta projektu"),
        ("P2", "budget", "rozpocet", "Rozpočet projektu"),
        ("attachments", None, "prilohy", "Přílohy"),
        ("submission", None, "podani", "Podání"),
        ("P2", "grant", "dotace", "Dotace a\u00a0čerpání"),
    ],
)
def test_f1_opens_the_guide_at_the_section_of_the_current_page(qtbot, window, select, tab, anchor, heading):
    if select in ("attachments", "submission"):
        window.navigator.select(select)
    else:
        window.select(select)
    if tab == "budget":
        window.project_form.tabs.setCurrentWidget(window.project_form.budget_editor)
    if tab == "grant":
        window.project_form.tabs.setCurrentWidget(window.project_form.grant_page)
    window.activateWindow()
    help_win = press_f1(qtbot, window)
    assert help_win is not None and help_win.isVisible()
    assert help_win.section == anchor
    browser = help_win.browser
    assert browser.source().toLocalFile() == str(HELP)
    # The section's heading is scrolled to the top of the view, not only somewhere in the page.
    assert heading in top_line(browser)
    assert browser.verticalScrollBar().value() > 0
    assert "Dossier – uživatelská příručka" in browser.document().toPlainText()


def test_guide_is_czech_complete_and_its_images_exist():
    text = HELP.read_text(encoding="utf-8")
    for anchor in (
        "prvni-spusteni",
        "zadatel",
        "projekt",
        "rozpocet",
        "prilohy",
        "kontrola",
        "export",
        "tisk",
        "novy-rocnik",
        "bezpecnost",
        "zkratky",
    ):
        assert f'name="{anchor}"' in text and f'href="#{anchor}"' in text
    images = [part.split('"')[0] for part in text.split('src="')[1:]]
    assert len(images) >= 6
    for image in images:
        path = HELP.parent / image
        assert path.is_file() and path.stat().st_size < 150_000, image
    for placeholder in ("TODO", "Lorem", "FIXME", "TBD", "XXX"):
        assert placeholder not in text


def test_help_window_without_installed_guide_says_so(window, monkeypatch):
    shown = []
    monkeypatch.setattr(help_window, "resource_path", lambda *parts: Path("/nonexistent") / Path(*parts))
    monkeypatch.setattr(help_window.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert help_window.show_help(window) is None
    assert shown and "Nainstalujte aplikaci znovu" in shown[0]


def test_shortcuts_dialog_lists_the_real_actions(qtbot, window):
    rows = shortcut_rows(window)
    keys = {(where.split(" ▸ ")[0], name): key for where, name, key in rows}
    assert keys[("Soubor", "Uložit")] == "Ctrl+S"
    assert keys[("Soubor", "Tisk")] == "Ctrl+P"
    assert keys[("Nápověda", "Uživatelská příručka")] == "F1"
    assert keys[("Zobrazení", "Spustit kontrolu")] == "F5"
    assert "Ctrl+Y" in keys[("Úpravy", "Znovu")]
    assert keys[("Tabulka rozpočtu", "Přidat řádek")].startswith("Ctrl+Enter")
    assert not [key for *_rest, key in rows if "Return" in key or "F16" in key or "F20" in key]
    assert not [name for _w, name, _k in rows if name.startswith("Zpět ") or name.startswith("Znovu ")]
    # Every menu action with a key is listed: the list is generated, so it cannot drift.
    for action in window.menuBar().findChildren(QAction):
        if action.shortcuts() and action.text():
            assert any(name == action.text().replace("&", "").rstrip("…").strip() for _w, name, _k in rows)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert ("Soubor", "Uložit", "Ctrl+S") in dialog.rows()
    assert dialog.windowTitle() == "Klávesové zkratky"


def test_toolbar_has_the_main_actions_with_czech_tooltips_and_fits_1280(window):
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None and toolbar.isVisible()
    labels = [a.iconText() for a in toolbar.actions() if not a.isSeparator() and a.iconText()]
    for expected in ("Nový", "Otevřít", "Uložit", "Zpět", "Znovu", "Tisk", "Kontrola", "Nápověda"):
        assert expected in labels
    tips = {a.iconText(): a.toolTip() for a in toolbar.actions()}
    assert tips["Uložit"] == "Uložit žádost (Ctrl+S)"
    assert tips["Kontrola"].endswith("(F5)") and tips["Nápověda"].endswith("(F1)")
    assert all(not a.icon().isNull() for a in toolbar.actions() if not a.isSeparator() and a.iconText())
    export = toolbar.findChild(type(toolbar.widgetForAction(toolbar.actions()[0])), "export_button")
    assert export is not None and export.menu() is window.export_menu
    assert window.minimumSizeHint().width() <= 1280 and window.width() <= 1280
    assert toolbar.sizeHint().width() <= 1280


def test_export_pdf_from_the_menu(window, monkeypatch, tmp_path):
    target = tmp_path / "žádost.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    monkeypatch.setattr(window.exports, "_report", lambda written: None)
    assert window.exports.export(("pdf",)) == [target]
    assert target.read_bytes().startswith(b"%PDF")


def test_print_preview_offers_the_current_project_and_renders_pages(qtbot, window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QComboBox

    from dossier.ui import printing

    window.select("P2")
    seen = {}

    def fake_exec(dialog):
        combo = dialog.findChild(QComboBox, "print_scope")
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        seen["current"] = (combo.currentText(), combo.currentData(), preview.pageCount())
        combo.setCurrentIndex(0)
        seen["whole"] = (combo.currentText(), combo.currentData(), preview.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    printing.print_preview(window)
    text, project_id, pages = seen["current"]
    assert project_id == "P2" and text.startswith("Jen projekt P2")
    text, project_id, whole_pages = seen["whole"]
    assert project_id is None and text == "Celá žádost"
    assert whole_pages > pages >= 1


def test_same_keys_in_two_places_are_listed_in_both(window):
    rows = shortcut_rows(window)
    moves = [(where, key) for where, name, key in rows if name == "Posunout nahoru"]
    assert ("Projekt", "Alt+Up") in [(w, k.replace("Nahoru", "Up")) for w, k in moves]
    assert any(w == "Tabulka rozpočtu" for w, _k in moves)
    assert rows[0][0] == "Soubor"  # menus first, in the menu bar's order


def test_print_dialog_selection_prints_only_the_open_project(window, monkeypatch):
    """Tisk… with "Výběr": the printer gets the open project only; a page range limits the pages."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from dossier.ui import printing

    printed = []
    monkeypatch.setattr(
        printing,
        "render",
        lambda dossier, device, project_id=None, printed_on=None, page_range=None: (
            printed.append((project_id, page_range)) or 1
        ),
    )

    def accept_with(range_, pages=(0, 0)):
        def fake_exec(dialog):
            printer = dialog.printer()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(window.document.path).with_suffix(".pdf")))
            printer.setPrintRange(range_)
            printer.setFromTo(*pages)
            return QPrintDialog.DialogCode.Accepted

        monkeypatch.setattr(QPrintDialog, "exec", fake_exec)

    window.select("P3")
    accept_with(QPrinter.PrintRange.Selection)
    printing.print_dossier(window)
    accept_with(QPrinter.PrintRange.PageRange, (2, 3))
    printing.print_dossier(window)
    assert printed == [("P3", None), (None, (2, 3))]


def test_page_range_renders_only_those_pages(sample_2021, tmp_path):
    from PySide6.QtGui import QPdfWriter

    from dossier.ui.printing import page_layout, render

    counts = []
    for page_range in (None, (2, 3)):
        path = tmp_path / f"{page_range}.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageLayout(page_layout())
        total = render(sample_2021, writer, page_range=page_range)
        del writer
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        counts.append((total, int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))))
    (total, all_pages), (same_total, two_pages) = counts
    assert total == same_total == all_pages > 3
    assert two_pages == 2


def test_preview_dialog_outlives_the_function_that_built_it(qtbot, window):
    """The preview holds a raw pointer to its printer; the printer must not be collected before the dialog."""
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from dossier.ui.printing import preview_dialog

    dialog = preview_dialog(window)
    qtbot.addWidget(dialog)
    gc.collect()
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    assert preview.pageCount() > 3
    dialog.close()


def test_a_100000_character_text_prints_on_more_pages(sample_2021, tmp_path):
    from PySide6.QtGui import QPdfWriter

    from dossier.ui.printing import page_layout, pdf_bytes, render

    def pages(tmp) -> int:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(page_layout())
        count = render(sample_2021, writer)
        del writer
        return count

    short = pages(tmp_path / "a.pdf")
    sample_2021.projects[0].problem = ("Řádek s diakritikou – žluťoučký kůň v Plzni a okolí.\n" * 2000)[:100_000]
    data = pdf_bytes(sample_2021)
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pages(tmp_path / "b.pdf") > short + 10
