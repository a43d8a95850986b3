"""The Export menu lists every registered format."""

from dossier.formats.exporters import EXPORTERS


def test_menu_has_an_entry_per_exporter(window):
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Soubor")
    submenu = next(a.menu() for a in file_menu.actions() if a.text() == "&Export")
    entries = [a.text() for a in submenu.actions()]
    assert all(e.menu_text in entries for e in EXPORTERS)
    assert "Excel i W&ord…" in entries
