"""Recovery copies are written off the editor's thread: from a snapshot, one at a time, never after a discard."""

from __future__ import annotations

import threading

from dossier.core.errors import DossierError
from dossier.formats import native, recovery
from dossier.ui import safety


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


def test_a_failed_write_is_told_in_the_status_bar(window, qtbot, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise DossierError("Složka obnovy je plná.")

    monkeypatch.setattr(recovery, "write_recovery_bytes", refuse)
    window.document.set_value("projects/P1/title", "Nelze zapsat")
    window.safety.write_recovery()
    qtbot.waitUntil(lambda: "Složka obnovy je plná" in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage().startswith("Záložní kopii se nepodařilo uložit")


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
