import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.formats import disk_state, lockfile, native, recovery


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


def test_lock_of_a_dead_process_on_this_machine_is_stale(tmp_path):
    dossier_path = tmp_path / "a.dossier"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from dossier.formats import lockfile;"
            "print(lockfile.acquire(Path(sys.argv[1])).owned)",
            str(dossier_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "True"
    state = lockfile.acquire(dossier_path)
    assert not state.owned and state.stale
    assert lockfile.take_over(dossier_path).owned
    lockfile.release(dossier_path)
    assert not lockfile.lock_path(dossier_path).exists()


def _lock_with(path, content: bytes, refreshed_ago: dt.timedelta = dt.timedelta(0)):
    lock = lockfile.lock_path(path)
    lock.write_bytes(content)
    moment = time.time() - refreshed_ago.total_seconds()
    os.utime(lock, (moment, moment))
    return lock


def test_a_lock_refreshed_a_minute_ago_is_not_stale_even_when_a_week_old(tmp_path):
    path = tmp_path / "a.dossier"
    week_ago = (dt.datetime.now() - dt.timedelta(days=7)).isoformat(timespec="seconds")
    _lock_with(path, f"jana,PC-JANA,4242,{week_ago}\n".encode(), refreshed_ago=dt.timedelta(minutes=1))
    state = lockfile.acquire(path)
    assert not state.owned and not state.stale
    assert state.holder.user == "jana" and "PC-JANA" in state.holder.describe()
    assert week_ago[:10].split("-")[2].lstrip("0") in state.holder.describe()  # since when: a week ago
    # Not refreshed for several intervals: the holder is gone.
    _lock_with(path, f"jana,PC-JANA,4242,{week_ago}\n".encode(), refreshed_ago=6 * lockfile.REFRESH_INTERVAL)
    assert lockfile.acquire(path).stale


@pytest.mark.parametrize(
    "since",
    [
        "2021-06-15T12:00:00+01:00",
        "2021-06-15T12:00:00Z",
        "2021-06-15T12:00:00.123456-05:30",
        "2021-06-15 12:00",
        "2021-06-15",
    ],
)
def test_any_iso_time_is_read_with_or_without_zone(tmp_path, since):
    path = tmp_path / "a.dossier"
    _lock_with(path, f"petr,PC-PETR,77,{since}\n".encode())
    state = lockfile.acquire(path)
    assert not state.owned and not state.stale
    assert state.holder.since is not None and state.holder.since.tzinfo is not None
    assert "15. 6. 2021" in state.holder.describe() and "petr" in state.holder.describe()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff nonsense",
        b"",
        b"a,b,c",
        b"x" * 100_000,
        b"jana,PC,abc,kdysi",
        b",,,",
        "žluťoučký,kůň,-1,2021-13-45T99:00".encode(),
        b"a,b,1,9999-12-31T23:59:59-23:59",
    ],
)
def test_a_malformed_lock_means_held_by_someone_unknown(tmp_path, content):
    path = tmp_path / "a.dossier"
    _lock_with(path, content)
    state = lockfile.acquire(path)
    assert not state.owned and not state.stale  # fresh: someone is there, we do not know who
    assert state.holder is not None and state.holder.describe()
    # Left untouched for long, it may be taken over (after asking).
    _lock_with(path, content, refreshed_ago=dt.timedelta(days=2))
    assert lockfile.acquire(path).stale


def test_a_lock_that_is_a_folder_is_held_by_someone_unknown(tmp_path):
    path = tmp_path / "a.dossier"
    lockfile.lock_path(path).mkdir()
    state = lockfile.acquire(path)
    assert not state.owned and state.holder.user == lockfile.UNKNOWN_USER


def test_refresh_touches_our_lock_and_notices_a_takeover(tmp_path):
    path = tmp_path / "a.dossier"
    assert lockfile.acquire(path).owned
    lock = lockfile.lock_path(path)
    old = time.time() - 600
    os.utime(lock, (old, old))
    assert lockfile.refresh(path).owned
    assert time.time() - lock.stat().st_mtime < 60
    lock.write_text("eva,PC-EVY,5,2021-01-01T00:00:00+01:00\n", encoding="utf-8")  # eva took it over
    state = lockfile.refresh(path)
    assert not state.owned and state.holder.user == "eva"


def test_recovery_copy_round_trip_and_leftovers(sample_2021, tmp_path, monkeypatch):
    folder = tmp_path / "obnova"
    original = tmp_path / "žádost.dossier"
    copy = recovery.write_recovery(folder, sample_2021, original)
    assert copy.data_path.exists()
    # Our own running process's copy is not a leftover.
    assert recovery.leftover_copies(folder) == []
    # Pretend the writer died: rewrite the pid to one that is not running.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    meta = json.loads(copy.meta_path.read_text(encoding="utf-8"))
    meta.update(pid=int(dead), session=f"{dead}-ended")
    copy.meta_path.write_text(json.dumps(meta), encoding="utf-8")
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


def test_another_sessions_copy_of_the_same_file_is_never_overwritten_or_removed(sample_2021, tmp_path, monkeypatch):
    folder, original = tmp_path / "obnova", tmp_path / "žádost.dossier"
    with monkeypatch.context() as m:
        m.setattr(recovery, "SESSION", "4242-crashed")
        theirs = recovery.write_recovery(folder, sample_2021, original)
    edited = native.loads(native.dumps(sample_2021))
    edited.applicant.name = "Jiná obec"
    ours = recovery.write_recovery(folder, edited, original)
    assert ours.data_path != theirs.data_path
    recovery.discard(folder, original)
    assert not ours.data_path.exists()
    assert recovery.load_copy(recovery.leftover_copies(folder)[0]) == sample_2021


def _old_copy(folder: Path, original: Path, saved_at: dt.datetime) -> recovery.RecoveryCopy:
    """A copy written before copies recorded their session and base (its pid no longer runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "0123456789abcdef.dossier").write_bytes(original.read_bytes())
    meta = {"original": str(original), "saved_at": saved_at.isoformat(), "pid": os.getpid()}
    (folder / "0123456789abcdef.json").write_text(json.dumps(meta), encoding="utf-8")
    [copy] = recovery.leftover_copies(folder)
    return copy


def test_an_old_copy_still_restores_and_asks_when_the_file_is_newer_than_it(sample_2021_path, tmp_path):
    original = tmp_path / "žádost.dossier"
    shutil.copyfile(sample_2021_path, original)
    copy = _old_copy(tmp_path / "obnova", original, dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1))
    assert not copy.base_known
    assert recovery.load_copy(copy).applicant.name
    assert recovery.base_for_restore(copy) == recovery.UNKNOWN_BASE  # saved after the copy: ask


def test_an_old_copy_newer_than_its_file_takes_the_file_as_its_base(sample_2021_path, tmp_path):
    original = tmp_path / "žádost.dossier"
    shutil.copyfile(sample_2021_path, original)
    hour_ago = time.time() - 3600
    os.utime(original, (hour_ago, hour_ago))
    copy = _old_copy(tmp_path / "obnova", original, dt.datetime.now().replace(microsecond=0))
    found, _ = disk_state.read_state(original, native.MAX_FILE_BYTES)
    assert recovery.base_for_restore(copy) == found


def test_a_recorded_base_is_what_a_restored_copy_is_compared_with(sample_2021, sample_2021_path, tmp_path, monkeypatch):
    folder, original = tmp_path / "obnova", tmp_path / "žádost.dossier"
    shutil.copyfile(sample_2021_path, original)
    base, _ = disk_state.read_state(original, native.MAX_FILE_BYTES)
    monkeypatch.setattr(recovery, "_bases", {})
    recovery.set_base(original, base)
    with monkeypatch.context() as m:
        m.setattr(recovery, "SESSION", "4242-crashed")
        recovery.write_recovery(folder, sample_2021, original)
    [copy] = recovery.leftover_copies(folder)
    assert copy.base == base and recovery.base_for_restore(copy) == base
    original.unlink()
    assert recovery.base_for_restore(copy) == base  # the record decides; saving then just writes


def test_a_damaged_base_record_still_offers_the_copy(sample_2021, tmp_path, monkeypatch):
    folder, original = tmp_path / "obnova", tmp_path / "žádost.dossier"
    with monkeypatch.context() as m:
        m.setattr(recovery, "SESSION", "4242-crashed")
        copy = recovery.write_recovery(folder, sample_2021, original)
    meta = json.loads(copy.meta_path.read_text(encoding="utf-8"))
    meta["base"] = {"size": "x"}
    copy.meta_path.write_text(json.dumps(meta), encoding="utf-8")
    [found] = recovery.leftover_copies(folder)
    assert found.base is None and not found.base_known
