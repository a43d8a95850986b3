"""Recovery copies, crash restore, the lock file between two instances, the crash dialog."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier.formats import lockfile, native, recovery
from dossier.ui import crash_dialog, safety

ROOT = Path(__file__).resolve().parents[2]


def _subprocess_env(tmp_path):
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DOSSIER_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )


def test_edits_write_a_recovery_copy_and_saving_removes_it(window, qtbot, monkeypatch):
    monkeypatch.setattr(window.safety.timer, "interval", lambda: 50)
    window.safety.timer.setInterval(50)
    window.document.set_value("applicant/name", "Statutární město Plzeň – rozpracováno")
    folder = safety.recovery_dir()
    qtbot.waitUntil(lambda: any(folder.glob("*.dossier")), timeout=10000)  # a busy machine
    copy = next(folder.glob("*.dossier"))
    assert native.load(copy).applicant.name == "Statutární město Plzeň – rozpracováno"
    assert window.files.save()
    assert not any(folder.glob("*.dossier"))


def test_a_rolled_over_dossier_gets_a_recovery_copy_before_any_edit(window, qtbot, monkeypatch):
    from dossier.formats.rollover import rollover

    window.safety.timer.setInterval(50)
    rolled = rollover(window.document.dossier, 2022).dossier
    window.document.replace(rolled, None)
    window.document.undo_stack.resetClean()  # as FileActions.rollover: a year's work, saved nowhere yet
    folder = safety.recovery_dir()
    qtbot.waitUntil(lambda: any(folder.glob("*.dossier")), timeout=10000)
    assert native.load(next(folder.glob("*.dossier"))).year == 2022


def test_lock_is_taken_on_open_and_released_on_close(window, dossier_file):
    assert lockfile.lock_path(dossier_file).exists()
    assert not window.document.read_only
    window.close()
    assert not lockfile.lock_path(dossier_file).exists()


@pytest.mark.slow
def test_crash_after_edits_then_restore_the_recovery_copy(qtbot, no_dialogs, dossier_file, tmp_path, monkeypatch):
    result = subprocess.run(
        [sys.executable, "-m", "tests.helpers.crash_app", str(dossier_file)],
        cwd=ROOT,
        env=_subprocess_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert native.load(dossier_file).project("P1").title == "Národní dny prevence 2021"  # never saved
    leftovers = recovery.leftover_copies(safety.recovery_dir())
    assert len(leftovers) == 1 and leftovers[0].original == str(dossier_file)

    # The crashed instance also left its lock: stale (this user, this machine, dead process).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    from dossier.ui.main_window import MainWindow

    win = MainWindow(native.load(dossier_file), dossier_file)
    qtbot.addWidget(win)
    assert not win.document.read_only

    def click_restore(box):
        next(b for b in box.buttons() if b.text() == "Obnovit").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    assert safety.offer_recovery(win)
    assert win.document.dossier.project("P1").title.endswith("upraveno před pádem")
    assert win.document.is_modified and win.isWindowModified()
    assert recovery.leftover_copies(safety.recovery_dir()) == []
    # The restored, still unsaved work is protected again by this session's own copy.
    assert native.load(next(safety.recovery_dir().glob("*.dossier"))).project("P1").title.endswith("před pádem")
    assert win.files.save()
    assert not any(safety.recovery_dir().glob("*.dossier"))
    assert native.load(dossier_file).project("P1").title.endswith("upraveno před pádem")
    win.close()


@pytest.mark.slow
def test_second_instance_opens_read_only_and_says_who(qtbot, no_dialogs, dossier_file, tmp_path):
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(dossier_file)],
        cwd=ROOT,
        env=_subprocess_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not lockfile.lock_path(dossier_file).exists():
            assert first.poll() is None, "the first instance ended early"
            assert time.monotonic() < deadline, "the first instance never locked the file"
            time.sleep(0.1)
        from dossier.ui.main_window import MainWindow

        second = MainWindow(native.load(dossier_file), dossier_file)
        qtbot.addWidget(second)
        assert second.document.read_only
        assert "jen pro čtení" in second.windowTitle()
        assert "od" in second.document.read_only_reason and "Uložit jako" in second.document.read_only_reason
        second.add_project(next(iter(__import__("dossier.core.model", fromlist=["ProjectKind"]).ProjectKind)))
        assert len(second.document.dossier.projects) == 3  # refused: read-only
        second.close()
        assert lockfile.lock_path(dossier_file).exists()  # the first instance still holds it
    finally:
        first.kill()
        first.wait()


def test_unwritable_folder_opens_read_only(qtbot, no_dialogs, dossier_file, monkeypatch):
    # The lock cannot be created (as in a read-only share): here, its folder does not exist.
    monkeypatch.setattr(lockfile, "lock_path", lambda path: path.parent / "není" / "zámek")
    from dossier.ui.main_window import MainWindow

    win = MainWindow(native.load(dossier_file), dossier_file)
    qtbot.addWidget(win)
    assert win.document.read_only and "nelze zapisovat" in win.document.read_only_reason


def _crash(window, monkeypatch, critical=None) -> list[tuple[str, str]]:
    """An exception reaches the hook (as from a slot); returns the dialogs it showed."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", critical or (lambda parent, title, text: shown.append((title, text))))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    crash_dialog.install_exception_hook(window)
    try:
        raise RuntimeError("simulovaná chyba")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # returns: nothing may raise out of the hook
    return shown


def test_unexpected_error_saves_a_recovery_copy_and_tells_the_user(window, monkeypatch):
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    shown = _crash(window, monkeypatch)
    assert len(shown) == 1 and shown[0][0] == "Neočekávaná chyba"
    assert "byla uložena do záložní kopie" in shown[0][1] and "nepodařilo" not in shown[0][1]
    assert "Traceback" not in shown[0][1]
    assert any(safety.recovery_dir().glob("*.dossier"))
    log = (safety.data_dir() / "protokol" / "dossier.log").read_text(encoding="utf-8")
    assert "simulovaná chyba" in log and "Traceback" in log
    assert str(safety.data_dir() / "protokol" / "dossier.log") in shown[0][1]


def test_crash_dialog_says_the_copy_failed_and_names_no_log_when_the_data_folder_is_a_file(
    window, monkeypatch, tmp_path
):
    blocker = tmp_path / "data-je-soubor"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(blocker))
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    shown = _crash(window, monkeypatch)
    assert len(shown) == 1 and shown[0][0] == "Neočekávaná chyba"  # no second "copy failed" box
    text = shown[0][1]
    assert "byla uložena" not in text and "o kterou nepřijdete" not in text
    assert (
        f"se nepodařilo uložit do složky {blocker / 'obnova'}, protože v cestě ke složce je soubor místo složky."
        in text
    )
    assert "Uložit jako" in text and "okno zůstává otevřené" in text
    assert "dossier.log" not in text and "Podrobnosti" not in text  # the log could not be written either
    assert window.isVisible() and window.document.is_modified  # the user can still save


def test_crash_dialog_names_the_log_when_only_the_copy_failed(window, monkeypatch):
    (safety.data_dir()).mkdir(parents=True)
    safety.recovery_dir().write_text("x", encoding="utf-8")  # the recovery folder's name is taken by a file
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    shown = _crash(window, monkeypatch)
    assert "nepodařilo uložit" in shown[0][1] and "byla uložena" not in shown[0][1]
    assert f"Podrobnosti jsou v souboru {safety.data_dir() / 'protokol' / 'dossier.log'}." in shown[0][1]
    assert "simulovaná chyba" in (safety.data_dir() / "protokol" / "dossier.log").read_text(encoding="utf-8")


def test_crash_dialog_with_nothing_unsaved_promises_no_copy(window, monkeypatch):
    shown = _crash(window, monkeypatch)
    assert "nemá neuložené změny" in shown[0][1] and "záložní" not in shown[0][1].lower()
    assert not any(safety.recovery_dir().glob("*.dossier"))


def test_a_full_disk_still_gets_the_crash_dialog(window, monkeypatch):
    import errno
    import logging

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery, "write_recovery", full)
    monkeypatch.setattr(logging.StreamHandler, "flush", full)  # the log file cannot grow either
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    shown = _crash(window, monkeypatch)
    assert len(shown) == 1 and "na disku není dost místa" in shown[0][1] and "byla uložena" not in shown[0][1]


def test_a_bug_while_writing_the_crash_copy_is_told_as_no_copy(window, monkeypatch):
    def bug(*_args, **_kwargs):
        raise ValueError("unexpected internal state")

    monkeypatch.setattr(recovery, "write_recovery", bug)
    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    shown = _crash(window, monkeypatch)
    assert "protože nastala neočekávaná chyba programu." in shown[0][1] and "unexpected" not in shown[0][1]


def test_the_hook_never_raises_and_a_second_error_does_not_stack_a_second_dialog(window, monkeypatch):
    calls: list[str] = []

    def critical(parent, title, text):
        calls.append(text)
        try:  # another slot fails while the dialog is open (its event loop runs the app)
            raise KeyError("druhá chyba")
        except KeyError:
            sys.excepthook(*sys.exc_info())
        raise RuntimeError("the dialog itself failed")

    window.document.set_value("applicant/kraj", "Plzeňský kraj")
    _crash(window, monkeypatch, critical)
    assert len(calls) == 1
    log = (safety.data_dir() / "protokol" / "dossier.log").read_text(encoding="utf-8")
    assert "simulovaná chyba" in log and "druhá chyba" in log


@pytest.mark.slow
def test_continuous_typing_then_sigkill_loses_at_most_the_last_10_seconds(dossier_file, tmp_path):
    # Real intervals (2 s quiet time, 8 s at most): an edit every second never lets the quiet time pass.
    env = _subprocess_env(tmp_path)
    env.pop("DOSSIER_AUTOSAVE_MS", None)
    env.pop("DOSSIER_AUTOSAVE_MAX_MS", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_app", str(dossier_file), "--type-every-second", "20"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        last = 0
        for line in app.stdout:
            last = int(line.split()[1])
            if last == 20:
                break
        app.kill()  # SIGKILL: nothing runs after this
        _out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert last == 20, err
    copies = list((tmp_path / "data" / "obnova").glob("*.dossier"))
    assert len(copies) == 1
    title = native.load(copies[0]).project("P1").title
    kept = int(title.rsplit(" ", 1)[1])
    assert kept >= last - 10, f"the recovery copy holds edit {kept} of {last}"
    assert not list((tmp_path / "data" / "obnova").glob("*.tmp"))  # written atomically, nothing half-done
    assert native.load(dossier_file).project("P1").title == "Národní dny prevence 2021"  # the file itself untouched


def test_max_delay_writes_the_recovery_copy_while_edits_keep_coming(window, qtbot):
    window.safety.timer.setInterval(300)  # quiet time, restarted by every edit
    window.safety.max_timer.setInterval(600)  # not restarted: fires during continuous edits
    folder = safety.recovery_dir()
    written_during_typing = False
    for k in range(20):  # an edit every 100 ms for 2 s: the quiet time never passes
        window.document.set_value("applicant/kraj", f"Plzeňský kraj {k}")
        qtbot.wait(100)
        if any(folder.glob("*.dossier")):
            written_during_typing = True
            break
    assert written_during_typing
    assert native.load(next(folder.glob("*.dossier"))).applicant.kraj.startswith("Plzeňský kraj")


# -- a crashed session's copy, written in this process under another session's name ---------------


def _crashed_copy(monkeypatch, dossier, original, base=None):
    """The copy a session that has since crashed left behind (its pid is ours: a reused number)."""
    with monkeypatch.context() as m:
        m.setattr(recovery, "SESSION", "4242-crashed")
        m.setattr(recovery, "_bases", {})
        recovery.set_base(original, base)
        return recovery.write_recovery(safety.recovery_dir(), dossier, original)


def _answer_recovery(monkeypatch, button_text: str) -> list[str]:
    """The start-up question answers ``button_text``; returns the questions asked."""
    asked = []

    def click(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    return asked


def test_later_keeps_the_crashed_copy_through_this_sessions_edits_and_save(window, dossier_file, monkeypatch):
    crashed = native.load(dossier_file)
    crashed.project("P1").title = "Národní dny prevence – upraveno před pádem"
    dead = _crashed_copy(monkeypatch, crashed, dossier_file)

    asked = _answer_recovery(monkeypatch, "Později")
    assert not safety.offer_recovery(window)
    assert len(asked) == 1 and "Později ji nabídne při příštím spuštění" in asked[0]
    # This session edits and autosaves the same file: its copy is its own.
    window.document.set_value("applicant/data_box_id", "abc1234")
    window.safety.write_recovery()
    window.safety.writer.finish()
    assert len(list(safety.recovery_dir().glob("*.dossier"))) == 2
    assert native.load(dead.data_path).project("P1").title.endswith("před pádem")
    # A clean save removes this session's copy only.
    assert window.files.save()
    assert [c.data_path for c in recovery.leftover_copies(safety.recovery_dir())] == [dead.data_path]
    assert native.load(dead.data_path).project("P1").title.endswith("před pádem")

    # The next start offers it again, and it restores.
    asked = _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    assert len(asked) == 1
    assert window.document.dossier.project("P1").title.endswith("před pádem")
    assert not dead.data_path.exists() and recovery.leftover_copies(safety.recovery_dir()) == []


def test_restoring_a_copy_of_the_open_file_does_not_ask_about_its_lock_again(window, dossier_file, monkeypatch):
    crashed = native.load(dossier_file)
    crashed.applicant.kraj = "Plzeňský kraj – před pádem"
    _crashed_copy(monkeypatch, crashed, dossier_file)
    window.document.set_read_only(True, "zámek")  # the user declined to take the crashed session's lock
    asked_locks = []
    monkeypatch.setattr(window.safety, "_lock", asked_locks.append)
    _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    assert window.document.dossier.applicant.kraj.endswith("před pádem")
    assert asked_locks == [] and window.document.read_only  # answered once, and it stands


def _colleague_saves(path: Path, data_box_id: str) -> None:
    theirs = native.load(path)
    theirs.applicant.data_box_id = data_box_id
    native.save(theirs, path)


def _crash_with_p1_renamed(monkeypatch, dossier_file: Path):
    """A crashed session's copy of the open file, P1 renamed; returns the file's version it started from."""
    from dossier.formats import disk_state

    base, _ = disk_state.read_state(dossier_file, native.MAX_FILE_BYTES)
    crashed = native.load(dossier_file)
    crashed.project("P1").title = "Národní dny prevence – upraveno před pádem"
    _crashed_copy(monkeypatch, crashed, dossier_file, base)
    return base


def test_restoring_over_a_colleagues_later_save_asks_before_saving(window, dossier_file, monkeypatch):
    from dossier.ui import conflict_dialog

    base = _crash_with_p1_renamed(monkeypatch, dossier_file)
    _colleague_saves(dossier_file, "KOLEGA123")

    _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    assert window.files.disk_state == base  # the version the crashed session had, not today's
    conflicts = []

    def keep_theirs_aside(_parent, conflict):
        conflicts.append(conflict)
        return conflict_dialog.Choice.OVERWRITE

    monkeypatch.setattr(conflict_dialog, "ask_conflict", keep_theirs_aside)
    assert window.files.save()
    assert len(conflicts) == 1 and conflicts[0].path == dossier_file
    assert native.load(dossier_file).project("P1").title.endswith("před pádem")
    assert native.load(conflicts[0].theirs_copy).applicant.data_box_id == "KOLEGA123"  # nothing lost


def test_restoring_over_an_unchanged_file_saves_without_a_question(window, dossier_file, monkeypatch):
    from dossier.ui import conflict_dialog

    _crash_with_p1_renamed(monkeypatch, dossier_file)

    _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    monkeypatch.setattr(conflict_dialog, "ask_conflict", _unexpected)
    assert window.files.save()
    assert native.load(dossier_file).project("P1").title.endswith("před pádem")


def _unexpected(*_args, **_kwargs):
    raise AssertionError("no conflict question expected")


def test_a_restored_copy_records_its_base_again_for_the_next_crash(window, dossier_file, monkeypatch):
    base = _crash_with_p1_renamed(monkeypatch, dossier_file)
    _colleague_saves(dossier_file, "KOLEGA123")

    _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    # Our own copy of the restored work still names the crashed session's base, not the colleague's file.
    ours = json.loads(next(safety.recovery_dir().glob("*.json")).read_text(encoding="utf-8"))
    assert ours["session"] == recovery.SESSION and ours["base"]["sha256"] == base.sha256


def test_a_restored_never_saved_dossier_is_titled_as_a_new_one(window, monkeypatch):
    from dossier.ui.file_actions import empty_dossier
    from dossier.ui.sample_banner import SampleBanner
    from tests.ui.editor_helpers import SAMPLE

    window.files.open_sample(SAMPLE)  # what a start without a file shows
    assert "(ukázka)" in window.windowTitle()
    new = empty_dossier("2022")
    new.applicant.name = "Obec Dolní Lhota"
    _crashed_copy(monkeypatch, new, None)

    _answer_recovery(monkeypatch, "Obnovit")
    assert safety.offer_recovery(window)
    assert window.windowTitle() == "Nová žádost 2022[*] – Dossier" and window.isWindowModified()
    assert window.document.dossier.applicant.name == "Obec Dolní Lhota"
    assert not window.findChild(SampleBanner).isVisible()
    assert not window.document.read_only
