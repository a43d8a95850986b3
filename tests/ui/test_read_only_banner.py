"""A dossier someone else holds is unmistakably read-only: a banner, greyed fields, takeover when stale."""

import datetime as dt
import os

from PySide6.QtWidgets import QMessageBox

from dossier.formats import lockfile
from tests.ui.test_locks import TZ_LOCK, _open, _write_lock


def test_a_fresh_foreign_lock_shows_the_banner_without_takeover(qtbot, no_dialogs, dossier_file, tmp_path):
    _write_lock(dossier_file, TZ_LOCK)
    win = _open(qtbot, dossier_file)
    win.resize(1280, 800)
    win.show()
    banner = win.read_only_banner
    assert banner.isVisible()
    assert "Jen pro čtení" in banner.label.text() and "jana.novakova" in banner.label.text()
    assert banner.save_as_button.isVisible() and not banner.take_over_button.isVisible()
    from dossier.ui.bindings import READ_ONLY_STYLE, LineBinding
    from dossier.ui.list_table import ListTable

    fields = [b.widget for b in win.applicant_form.bindings.values() if isinstance(b, LineBinding)]
    assert fields and all(w.isReadOnly() and w.styleSheet() == READ_ONLY_STYLE for w in fields)
    tables = win.applicant_form.findChildren(ListTable)
    assert tables and not any(t.add_button.isEnabled() for t in tables)
    win.grab().save(str(tmp_path / "jen-pro-cteni.png"))
    win.close()


def test_a_stale_lock_refused_at_opening_can_be_taken_over_from_the_banner(
    qtbot, no_dialogs, dossier_file, monkeypatch
):
    _write_lock(dossier_file, TZ_LOCK, age=dt.timedelta(hours=3))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    win = _open(qtbot, dossier_file)
    win.show()
    banner = win.read_only_banner
    assert win.document.read_only and banner.isVisible() and banner.take_over_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    banner.take_over_button.click()
    assert not win.document.read_only and not banner.isVisible()
    assert lockfile.read_lock(dossier_file).pid == os.getpid()
    win.close()


def test_a_lock_still_refreshed_cannot_be_taken_over(qtbot, no_dialogs, dossier_file):
    _write_lock(dossier_file, TZ_LOCK)
    win = _open(qtbot, dossier_file)
    assert win.safety.take_over(dossier_file) is False
    assert win.document.read_only and lockfile.read_lock(dossier_file).user == "jana.novakova"
    win.close()
