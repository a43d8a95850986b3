"""Locks that hold: foreign, damaged and stale locks in the editor and on the command line."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier.formats import lockfile, native

ROOT = Path(__file__).resolve().parents[2]
TZ_LOCK = b"jana.novakova,PC-PREVENCE-2,4711,2021-06-15T12:00:00+02:00\n"
GARBAGE_LOCK = b"\x00\xff\xfe tohle nen\xc3\xad z\xc3\xa1mek,,,"


def _write_lock(path: Path, content: bytes, age: dt.timedelta = dt.timedelta(0)) -> Path:
    lock = lockfile.lock_path(path)
    lock.write_bytes(content)
    moment = time.time() - age.total_seconds()
    os.utime(lock, (moment, moment))
    return lock


def _open(qtbot, path):
    from dossier.ui.main_window import MainWindow

    win = MainWindow(native.load(path), path)
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize(
    "content, who",
    [(TZ_LOCK, "jana.novakova (počítač PC-PREVENCE-2) od 15. 6. 2021"), (GARBAGE_LOCK, lockfile.UNKNOWN_USER)],
)
def test_a_foreign_lock_with_zone_or_garbage_opens_read_only_with_a_message(
    qtbot, no_dialogs, dossier_file, content, who
):
    lock = _write_lock(dossier_file, content)
    win = _open(qtbot, dossier_file)  # no_dialogs: a fresh lock is not stale, nothing is asked
    assert win.document.read_only
    assert who in win.document.read_only_reason and "jen pro čtení" in win.document.read_only_reason
    assert "jen pro čtení" in win.windowTitle()
    from dossier.ui.safety import ReadOnlyBadge

    badge = win.findChild(ReadOnlyBadge)
    assert not badge.isHidden() and badge.text() == "Jen pro čtení" and who in badge.toolTip()
    assert win.safety.locked_path is None
    before = len(win.document.dossier.projects)
    win.add_project(next(iter(__import__("dossier.core.model", fromlist=["ProjectKind"]).ProjectKind)))
    assert len(win.document.dossier.projects) == before  # refused: not our lock
    win.close()
    assert lock.read_bytes() == content  # someone else's lock is never removed


def test_a_stale_lock_offers_takeover_naming_who_and_since_when(qtbot, no_dialogs, dossier_file, monkeypatch):
    _write_lock(dossier_file, TZ_LOCK, age=dt.timedelta(hours=3))
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    win = _open(qtbot, dossier_file)
    assert len(asked) == 1
    assert "jana.novakova" in asked[0] and "od 15. 6. 2021" in asked[0] and "Naposledy" in asked[0]
    assert win.document.read_only  # "No": the colleague may still be there
    win.close()

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    win = _open(qtbot, dossier_file)
    assert not win.document.read_only and lockfile.read_lock(dossier_file).pid == os.getpid()
    win.close()
    assert not lockfile.lock_path(dossier_file).exists()


@pytest.mark.slow  # waits for the refresh timer and a second process
def test_the_lock_is_refreshed_while_open_and_a_takeover_stops_writing(qtbot, window, dossier_file):
    lock = lockfile.lock_path(dossier_file)
    old = time.time() - 3600
    os.utime(lock, (old, old))
    window.safety.lock_timer.setInterval(50)
    window.safety.lock_timer.start()
    qtbot.waitUntil(lambda: time.time() - lock.stat().st_mtime < 60, timeout=3000)
    assert not lockfile.is_stale(lockfile.read_lock(dossier_file))
    # A colleague decided our lock was abandoned and took it over.
    lock.write_text("eva,PC-EVY,5,2026-01-01T08:00:00+01:00\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.document.read_only, timeout=3000)
    assert "eva" in window.document.read_only_reason and "Uložit jako" in window.document.read_only_reason
    assert lock.read_text(encoding="utf-8").startswith("eva,")


def _env(tmp_path):
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DOSSIER_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )


@pytest.mark.parametrize("content", [TZ_LOCK, GARBAGE_LOCK])
def test_command_line_screenshot_with_a_foreign_lock_shows_read_only(dossier_file, tmp_path, content):
    _write_lock(dossier_file, content)
    out = tmp_path / "zamceno.png"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(dossier_file), "--screenshot", str(out)],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and out.stat().st_size > 10_000
    assert lockfile.lock_path(dossier_file).read_bytes() == content


@pytest.mark.slow
@pytest.mark.parametrize("content", [TZ_LOCK, GARBAGE_LOCK])
def test_the_app_started_on_a_locked_file_prints_no_traceback_and_leaves_the_lock(dossier_file, tmp_path, content):
    _write_lock(dossier_file, content)
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(dossier_file)],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert app.poll() is None, app.stderr.read()
    finally:
        app.kill()
        _out, err = app.communicate(timeout=30)
    assert "Traceback" not in err and "Error" not in err, err
    assert lockfile.lock_path(dossier_file).read_bytes() == content


def test_save_as_onto_a_file_a_colleague_has_open_is_refused(qtbot, dossier_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    theirs = tmp_path / "kolegyne.dossier"
    native.save(native.load(dossier_file), theirs)
    before = theirs.read_bytes()
    _write_lock(theirs, TZ_LOCK)  # fresh: she is working on it
    win = _open(qtbot, dossier_file)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(theirs), ""))
    assert not win.files.save_as()
    assert theirs.read_bytes() == before and win.document.path == dossier_file
    assert errors and "jana.novakova" in errors[0] and "pod jiným jménem" in errors[0]
    win.close()
