"""Someone else saves the open dossier: the editor says so at once and never loses either version."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier.formats import native
from dossier.ui import conflict_dialog

ROOT = Path(__file__).resolve().parents[2]
MINE = "Statutární město Plzeň – moje úprava"
THEIRS = "Národní dny prevence 2021 – úprava kolegyně"


def save_from_another_process(path: Path, title: str = THEIRS) -> None:
    """A colleague's app (a second process) loads the file, changes a title and saves it."""
    code = (
        "import sys; from pathlib import Path; from dossier.formats import native\n"
        "p = Path(sys.argv[1]); d = native.load(p)\n"
        f"d.project('P1').title = {title!r}\n"
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
    assert window.statusBar().currentMessage() == "Soubor právě uložil někdo jiný – viz upozornění."
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


def check_now(watch, qtbot) -> None:
    if watch._looking is not None:
        watch._looking.join(5)  # the last look's thread may still be ending: a check would wait for it
    with qtbot.waitSignal(watch.checked, timeout=5000):
        watch.check()  # what the watcher or the two-second poll does (on its own thread)


def only_asked_checks(watch) -> None:
    """No poll and no file system events: the test decides when a check runs (and counts them)."""
    watch.timer.stop()
    watch.watcher.blockSignals(True)


def visible_notices(window) -> list:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_the_notice_leaves_the_keys_with_the_field_being_typed_in(window, dossier_file, qtbot):
    window.navigator.select("applicant")
    edit = window.applicant_form.bindings["name"].widget
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, "ABC")
    save_from_another_process(dossier_file)
    check_now(window.files.watch, qtbot)
    qtbot.wait(100)  # let the windowing system activate what it wants to
    box = window.files.watch._box
    assert box.isVisible() and "právě uložil" in box.text()
    assert QApplication.activeWindow() is window and QApplication.focusWidget() is edit
    assert box.defaultButton() is None and not any(b.autoDefault() or b.isDefault() for b in box.buttons())
    # The user goes on typing: the keys arrive where real keys do, at the active window.
    for key in (Qt.Key.Key_Space, Qt.Key.Key_D, Qt.Key.Key_Return):
        QTest.keyClick(QApplication.activeWindow().windowHandle(), key)
    assert edit.text().endswith("ABC d") and window.document.dossier.applicant.name.endswith("ABC d")
    assert box.isVisible() and not has_theirs(window.document.dossier) and window.document.is_modified
    assert len(list(dossier_file.parent.glob("*.dossier"))) == 1  # nothing was reloaded
    # Switched to deliberately, the notice has the harmless button under the keyboard.
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=3000)
    assert QApplication.focusWidget().text() == "Zavřít"
    QTest.keyClick(box.windowHandle(), Qt.Key.Key_Space)
    assert not box.isVisible() and not has_theirs(window.document.dossier)


def test_the_gone_notice_closes_when_our_save_creates_the_file_again(window, dossier_file, qtbot):
    watch = window.files.watch
    only_asked_checks(watch)
    dossier_file.unlink()
    check_now(watch, qtbot)
    assert "smazán nebo přesunut" in watch.notices[-1] and visible_notices(window)
    assert window.files.save()
    assert dossier_file.exists() and not visible_notices(window)
    assert "smazán" not in window.statusBar().currentMessage()
    check_now(watch, qtbot)
    assert not visible_notices(window) and len(watch.notices) == 1


def test_the_gone_notice_closes_when_the_file_is_moved_back(window, dossier_file, qtbot, tmp_path):
    watch = window.files.watch
    only_asked_checks(watch)
    aside = tmp_path / "jinam.dossier"
    dossier_file.rename(aside)
    check_now(watch, qtbot)
    assert "smazán nebo přesunut" in watch.notices[-1] and visible_notices(window)
    aside.rename(dossier_file)  # the same file, the same time: what we loaded
    check_now(watch, qtbot)
    assert not visible_notices(window) and "smazán" not in window.statusBar().currentMessage()
    assert len(watch.notices) == 1


def test_a_reported_change_is_not_read_again_until_the_file_moves(window, dossier_file, qtbot, monkeypatch):
    from dossier.formats import disk_state

    reads = []
    read_state = disk_state.read_state

    def counting(path, max_bytes):
        reads.append(path)
        return read_state(path, max_bytes)

    monkeypatch.setattr(disk_state, "read_state", counting)
    watch = window.files.watch
    only_asked_checks(watch)
    save_from_another_process(dossier_file)
    check_now(watch, qtbot)
    assert len(reads) == 1 and len(watch.notices) == 1
    for _ in range(3):  # the polls after the notice: a stat each, the content is not read
        check_now(watch, qtbot)
    assert len(reads) == 1 and visible_notices(window)
    save_from_another_process(dossier_file, THEIRS + " (znovu)")  # a second save by the colleague
    check_now(watch, qtbot)
    assert len(reads) == 2 and len(watch.notices) == 2 and len(visible_notices(window)) == 1
