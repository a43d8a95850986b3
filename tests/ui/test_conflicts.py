"""Someone else saves the open dossier: the editor says so at once and never loses either version."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier.formats import native
from dossier.ui import conflict_dialog

ROOT = Path(__file__).resolve().parents[2]
MINE = "Statutární město Plzeň – moje úprava"
THEIRS = "Národní dny prevence 2021 – úprava kolegyně"


def save_from_another_process(path: Path) -> None:
    """A colleague's app (a second process) loads the file, changes a title and saves it."""
    code = (
        "import sys; from pathlib import Path; from dossier.formats import native\n"
        "p = Path(sys.argv[1]); d = native.load(p)\n"
        f"d.project('P1').title = {THEIRS!r}\n"
        "native.save(d, p)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True, timeout=60)


def click(monkeypatch, button_text: str) -> list:
    """Answer the conflict question with the button of that text; returns the questions asked."""
    asked = []

    def fake_exec(box):
        asked.append(f"{box.text()}\n{box.informativeText()}")
        next(b for b in box.buttons() if b.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def versions_in(folder: Path) -> list:
    return [native.load(p) for p in sorted(folder.glob("*.dossier"))]


def has_mine(d) -> bool:
    return d.applicant.name == MINE and d.project("P1").title == "Národní dny prevence 2021"


def has_theirs(d) -> bool:
    return d.project("P1").title == THEIRS and d.applicant.name != MINE


def test_a_change_on_disk_is_reported_at_once(window, dossier_file, qtbot, monkeypatch):
    save_from_another_process(dossier_file)
    with qtbot.waitSignal(window.files.watch.checked, timeout=5000):
        window.files.watch.check()  # what the watcher or the two-second poll does (on its own thread)
    assert window.files.watch.notices
    notice = window.files.watch.notices[-1]
    assert "právě uložil" in notice and dossier_file.name in notice
    assert "právě uložil" in window.statusBar().currentMessage()
    # Our own save is not someone else's change.
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    count = len(window.files.watch.notices)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("our own save is no conflict"))
    window.files.disk_state = native.load_with_state(dossier_file)[1]  # as if we had reloaded theirs
    assert window.files.save()
    with qtbot.waitSignal(window.files.watch.checked, timeout=5000):
        window.files.watch.check()
    assert len(window.files.watch.notices) == count


def test_the_watcher_notices_without_being_asked_and_offers_their_version(window, dossier_file, qtbot):
    window.document.set_value("applicant/name", MINE)
    window.files.watch.timer.setInterval(100)
    save_from_another_process(dossier_file)
    qtbot.waitUntil(lambda: bool(window.files.watch.notices), timeout=5000)
    box = window.files.watch._box
    assert box.isVisible() and not box.isModal()  # typing goes on
    next(b for b in box.buttons() if b.text() == "Načíst jejich verzi").click()
    assert has_theirs(window.document.dossier) and not window.document.is_modified
    copies = [p for p in dossier_file.parent.glob("*.dossier") if "moje verze" in p.name]
    assert len(copies) == 1 and has_mine(native.load(copies[0]))


def test_conflict_keep_both_saves_mine_as_a_copy(window, dossier_file, monkeypatch):
    window.document.set_value("applicant/name", MINE)
    save_from_another_process(dossier_file)
    asked = click(monkeypatch, "Ponechat obě")
    assert window.files.save()
    assert len(asked) == 1 and "mezitím uložil" in asked[0] and "moje verze" in asked[0]
    assert has_theirs(native.load(dossier_file))  # theirs untouched under the name
    assert window.document.path != dossier_file and "moje verze" in window.document.path.name
    assert has_mine(native.load(window.document.path)) and not window.document.is_modified
    assert sum(map(has_mine, versions_in(dossier_file.parent))) == 1
    assert sum(map(has_theirs, versions_in(dossier_file.parent))) == 1


def test_conflict_reload_theirs_keeps_mine_in_a_copy(window, dossier_file, monkeypatch):
    window.document.set_value("applicant/name", MINE)
    save_from_another_process(dossier_file)
    asked = click(monkeypatch, "Načíst jejich verzi")
    assert window.files.save()
    assert len(asked) == 1
    assert window.document.path == dossier_file and has_theirs(window.document.dossier)
    assert not window.document.is_modified
    assert has_theirs(native.load(dossier_file))
    copies = [p for p in dossier_file.parent.glob("*.dossier") if "moje verze" in p.name]
    assert len(copies) == 1 and has_mine(native.load(copies[0]))


def test_conflict_overwrite_keeps_theirs_in_a_copy(window, dossier_file, monkeypatch):
    window.document.set_value("applicant/name", MINE)
    save_from_another_process(dossier_file)
    asked = click(monkeypatch, "Přepsat jejich verzi")
    assert window.files.save()
    assert len(asked) == 1 and "jejich verze" in asked[0]
    assert has_mine(native.load(dossier_file)) and window.document.path == dossier_file
    copies = [p for p in dossier_file.parent.glob("*.dossier") if "jejich verze" in p.name]
    assert len(copies) == 1 and has_theirs(native.load(copies[0]))
    # A later save without anyone else's change asks nothing.
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("asked again"))
    assert window.files.save()


def test_conflict_cancel_changes_nothing(window, dossier_file, monkeypatch):
    window.document.set_value("applicant/name", MINE)
    save_from_another_process(dossier_file)
    theirs_bytes = dossier_file.read_bytes()
    click(monkeypatch, "Zrušit")
    assert not window.files.save()
    assert dossier_file.read_bytes() == theirs_bytes and window.document.is_modified
    assert len(list(dossier_file.parent.glob("*.dossier"))) == 1


def test_the_question_names_who_saved_it_from_their_lock(window, dossier_file, monkeypatch):
    window.document.set_value("applicant/name", MINE)
    save_from_another_process(dossier_file)
    from dossier.formats import lockfile

    lockfile.lock_path(dossier_file).write_text("eva.mala,PC-EVY,42,2026-12-02T08:00:00+01:00\n", encoding="utf-8")
    asked = click(monkeypatch, "Zrušit")
    window.files.save()
    assert "eva.mala (počítač PC-EVY)" in asked[0]


def test_the_conflict_question_defaults_to_keeping_both(qtbot, tmp_path):
    import datetime as dt

    seen = {}

    def inspect(box):
        seen["default"] = box.defaultButton().text()
        seen["escape"] = box.escapeButton().text()
        box.escapeButton().click()
        return 0

    mp = pytest.MonkeyPatch()
    mp.setattr(QMessageBox, "exec", inspect)
    try:
        conflict = conflict_dialog.Conflict(
            tmp_path / "a.dossier",
            "eva",
            dt.datetime.now().astimezone(),
            tmp_path / "a (moje).dossier",
            tmp_path / "a (jejich).dossier",
        )
        assert conflict_dialog.ask_conflict(None, conflict) is conflict_dialog.Choice.CANCEL
    finally:
        mp.undo()
    assert seen == {"default": "Ponechat obě", "escape": "Zrušit"}


def test_a_share_that_stops_answering_does_not_stop_the_window(window, dossier_file, qtbot, monkeypatch):
    from dossier.formats import disk_state

    answer, threads = threading.Event(), []
    stat_differs = disk_state.stat_differs

    def hanging(path, state):
        threads.append(threading.current_thread())
        answer.wait(10)
        return stat_differs(path, state)

    monkeypatch.setattr(disk_state, "stat_differs", hanging)
    save_from_another_process(dossier_file)
    watch = window.files.watch
    watch.check()  # returns at once: the share is asked on the watcher's own thread
    watch.check()  # the poll again while the first look still waits: no second thread
    window.document.set_value("applicant/name", MINE)  # the window goes on
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert len(threads) == 1 and threading.main_thread() not in threads and not watch.notices
    with qtbot.waitSignal(watch.checked, timeout=5000):
        answer.set()
    assert "právě uložil" in watch.notices[-1]
