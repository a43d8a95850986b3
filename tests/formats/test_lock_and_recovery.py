import datetime as dt
import os
import subprocess
import sys
import time

import pytest

from dossier.formats import lockfile, recovery


def test_first_opener_owns_the_lock_second_is_told_who(tmp_path, monkeypatch):
    dossier_path = tmp_path / "žádost 2021.dossier"
    dossier_path.write_text("{}", encoding="utf-8")
    mine = lockfile.acquire(dossier_path)
    assert mine.owned and lockfile.lock_path(dossier_path).name == ".~lock.žádost 2021.dossier#"
    # A colleague on another machine:
    monkeypatch.setattr(lockfile.socket, "gethostname", lambda: "PC-KOLEGYNE")
    theirs = lockfile.acquire(dossier_path)
    assert not theirs.owned and not theirs.stale
    assert "od" in theirs.holder.describe() and theirs.holder.pid == os.getpid()
    lockfile.release(dossier_path)  # not theirs to release
    assert lockfile.lock_path(dossier_path).exists()


def test_lock_of_a_dead_process_of_this_user_is_stale(tmp_path):
    dossier_path = tmp_path / "a.dossier"
    proc = subprocess.run([sys.executable, "-c",
                           "import sys; from pathlib import Path; from dossier.formats import lockfile;"
                           "print(lockfile.acquire(Path(sys.argv[1])).owned)", str(dossier_path)],
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "True"
    state = lockfile.acquire(dossier_path)
    assert not state.owned and state.stale
    assert lockfile.take_over(dossier_path).owned
    lockfile.release(dossier_path)
    assert not lockfile.lock_path(dossier_path).exists()


def test_day_old_lock_is_stale_and_garbage_lock_is_handled(tmp_path):
    info = lockfile.LockInfo("jana", "PC-JANA", 1, dt.datetime(2020, 1, 1))
    assert lockfile.is_stale(info, now=dt.datetime(2020, 1, 2, 0, 1))
    assert not lockfile.is_stale(lockfile.LockInfo("jana", "PC-JANA", 1, dt.datetime.now()))
    path = tmp_path / "b.dossier"
    lockfile.lock_path(path).write_bytes(b"\x00\xff nonsense")
    state = lockfile.acquire(path)
    assert not state.owned and state.stale


def test_recovery_copy_round_trip_and_leftovers(sample_2021, tmp_path, monkeypatch):
    folder = tmp_path / "obnova"
    original = tmp_path / "žádost.dossier"
    copy = recovery.write_recovery(folder, sample_2021, original)
    assert copy.data_path.exists()
    # Our own running process's copy is not a leftover.
    assert recovery.leftover_copies(folder) == []
    # Pretend the writer died: rewrite the pid to one that is not running.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    copy.meta_path.write_text(copy.meta_path.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {dead}'),
                              encoding="utf-8")
    leftovers = recovery.leftover_copies(folder)
    assert len(leftovers) == 1 and leftovers[0].original == str(original)
    assert "žádost.dossier" in leftovers[0].describe()
    assert recovery.load_copy(leftovers[0]) == sample_2021
    recovery.discard_copy(leftovers[0])
    assert recovery.leftover_copies(folder) == []


def test_discard_after_clean_save(sample_2021, tmp_path):
    folder = tmp_path / "obnova"
    recovery.write_recovery(folder, sample_2021, None)
    recovery.discard(folder, None)
    assert list(folder.iterdir()) == []


def test_corrupt_recovery_metadata_is_ignored(tmp_path):
    folder = tmp_path / "obnova"
    folder.mkdir()
    (folder / "x.json").write_text("{not json", encoding="utf-8")
    (folder / "x.dossier").write_text("{}", encoding="utf-8")
    assert recovery.leftover_copies(folder) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombie processes and /proc are Linux's")
def test_a_crashed_but_unreaped_process_counts_as_gone():
    # Until its parent reaps it, a dead process is a zombie that still answers kill(pid, 0).
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while lockfile._pid_running(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # no poll()/wait(): that would reap it
    assert not lockfile._pid_running(proc.pid)
    assert os.path.exists(f"/proc/{proc.pid}")  # still there, as a zombie
    proc.wait()
