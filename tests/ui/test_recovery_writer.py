"""Recovery copies are written off the editor's thread: from a snapshot, one at a time, never after a discard."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier.core.errors import DossierError
from dossier.formats import atomic, native, recovery
from dossier.logs import log_file
from dossier.ui import safety
from dossier.ui.recovery_writer import failure_message


class _Gate:
    """Holds every write until opened; records the writing threads and how many wrote at once."""

    def __init__(self, monkeypatch):
        self.open = threading.Event()
        self.threads: list[threading.Thread] = []
        self.titles: list[str] = []
        self._inside = 0
        self.most_at_once = 0
        self._lock = threading.Lock()
        write = recovery.write_recovery_bytes

        def gated(folder, data, original, now=None):
            with self._lock:
                self._inside += 1
                self.most_at_once = max(self.most_at_once, self._inside)
            self.threads.append(threading.current_thread())
            self.open.wait(10)
            self.titles.append(native.loads(data).project("P1").title)
            try:
                return write(folder, data, original, now)
            finally:
                with self._lock:
                    self._inside -= 1

        monkeypatch.setattr(recovery, "write_recovery_bytes", gated)


def _copies():
    return list(safety.recovery_dir().glob("*.dossier"))


def test_the_copy_is_written_off_the_editors_thread_from_a_snapshot(window, qtbot, monkeypatch):
    gate = _Gate(monkeypatch)
    document, net = window.document, window.safety
    document.set_value("projects/P1/title", "Při zápisu kopie")
    net.write_recovery()  # what the timer does: returns at once, the writer waits at the gate
    assert net.writer.busy() and not _copies()
    document.set_value("projects/P1/title", "Psáno dál")  # the editor goes on meanwhile
    net.timer.stop()  # no second copy in this test
    net.max_timer.stop()
    gate.open.set()
    qtbot.waitUntil(lambda: not net.writer.busy() and bool(_copies()), timeout=5000)
    assert gate.threads and threading.main_thread() not in gate.threads
    assert native.load(_copies()[0]).project("P1").title == "Při zápisu kopie"  # as it was at the snapshot


def test_one_write_at_a_time_and_only_the_newest_waiting_snapshot(window, qtbot, monkeypatch):
    gate = _Gate(monkeypatch)
    document, net = window.document, window.safety
    for k in range(1, 4):
        document.set_value("projects/P1/title", f"Verze {k}")
        net.write_recovery()
    gate.open.set()
    with qtbot.waitSignal(net.writer.written, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not net.writer.busy() and len(gate.titles) == 2, timeout=5000)
    assert gate.titles == ["Verze 1", "Verze 3"] and gate.most_at_once == 1
    assert native.load(_copies()[0]).project("P1").title == "Verze 3"


def test_saving_while_a_copy_is_written_leaves_no_copy_behind(window, monkeypatch):
    gate = _Gate(monkeypatch)
    window.document.set_value("projects/P1/title", "Uloženo během zápisu kopie")
    window.safety.write_recovery()
    threading.Timer(0.2, gate.open.set).start()  # the disk answers a moment later
    assert window.files.save()  # clean: the copy goes, after the writer is done with it
    assert not window.safety.writer.busy() and not _copies()


def _block_data_folder(monkeypatch, tmp_path) -> Path:
    """The data folder's path is a file (as QA found it): the recovery folder cannot be made."""
    blocker = tmp_path / "data-je-soubor"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(blocker))
    return blocker


def _wait_for(condition) -> None:
    """Pumps events while the writer's thread works (qWait would hold the GIL)."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the writer never answered"
        QCoreApplication.processEvents()
        time.sleep(0.01)


def test_a_failed_write_is_told_in_czech_briefly_in_the_status_bar_and_once_in_a_dialog(window, monkeypatch, tmp_path):
    blocker = _block_data_folder(monkeypatch, tmp_path)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append((title, text)))
    failures: list[str] = []
    window.safety.writer.failed.connect(failures.append)
    for k in range(3):  # the timers retry after every pause in typing
        window.document.set_value("projects/P1/title", f"Nelze zapsat {k}")
        window.safety.write_recovery()
        _wait_for(lambda k=k: len(failures) > k)
    assert failures[0] == (
        f"Záložní kopii rozpracované žádosti se nepodařilo uložit do složky {blocker / 'obnova'}, "
        "protože v cestě ke složce je soubor místo složky."
    )
    assert len(told) == 1 and told[0][1].startswith(failures[0]) and "Ctrl+S" in told[0][1]
    bar = window.statusBar()
    assert bar.currentMessage() == safety.WRITE_FAILED_STATUS and bar.toolTip() == failures[-1]
    # At 1280 px the short text fits left of the grand total and the counts, uncut.
    free = min(w.x() for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible())
    assert bar.fontMetrics().horizontalAdvance(safety.WRITE_FAILED_STATUS) < free - 6
    bar.showMessage("Uloženo.")
    assert bar.toolTip() == ""  # the reason does not linger over other messages


def test_a_bug_in_the_writer_is_logged_and_told_without_its_english_text(window, monkeypatch):
    def bug(*_args, **_kwargs):
        raise ValueError("unexpected internal state")

    monkeypatch.setattr(recovery, "write_recovery_bytes", bug)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    failures: list[str] = []
    window.safety.writer.failed.connect(failures.append)
    window.document.set_value("projects/P1/title", "Chyba v zápisu")
    window.safety.write_recovery()
    _wait_for(lambda: bool(failures))
    assert failures[0].endswith("protože nastala neočekávaná chyba programu.")
    assert "unexpected" not in failures[0]
    assert "unexpected internal state" in log_file().read_text(encoding="utf-8")


def test_a_full_disk_is_named_in_czech_not_by_the_copys_hashed_file_name(tmp_path, monkeypatch, dossier_file):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_synced", full)
    folder = tmp_path / "obnova"
    with pytest.raises(DossierError) as caught:
        recovery.write_recovery(folder, native.load(dossier_file), dossier_file)
    assert failure_message(folder, caught.value) == (
        f"Záložní kopii rozpracované žádosti se nepodařilo uložit do složky {folder}, protože na disku není dost místa."
    )


def test_a_crash_waits_for_the_copy_being_written_then_writes_the_latest(window, monkeypatch):
    gate = _Gate(monkeypatch)
    document, net = window.document, window.safety
    document.set_value("projects/P1/title", "Starší")
    net.write_recovery()
    document.set_value("projects/P1/title", "Poslední před pádem")
    threading.Timer(0.2, gate.open.set).start()
    net.write_recovery_now()  # what the exception hook does: never two writers at once
    assert not net.writer.busy() and gate.most_at_once == 1
    assert gate.titles == ["Starší", "Poslední před pádem"]  # the writer's copy first, then the crash copy
    assert gate.threads[1] is threading.main_thread()  # written before the hook goes on
    assert native.load(_copies()[0]).project("P1").title == "Poslední před pádem"
