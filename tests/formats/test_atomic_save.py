"""Saving never leaves a broken or mixed file: killed writers, full disks, read-only folders."""

import copy
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.core.errors import DossierError
from dossier.formats import atomic, native

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def old_and_new(sample_2021, tmp_path):
    big_old = copy.deepcopy(sample_2021)
    for project in big_old.projects:  # a larger file makes a kill mid-write likely
        project.problem = "Původní text. " * 5000
    big_new = copy.deepcopy(big_old)
    big_new.applicant.name = "Nová verze"
    for project in big_new.projects:
        project.problem = "Nový text. " * 6000
    old_path, new_path = tmp_path / "old.dossier", tmp_path / "new.dossier"
    native.save(big_old, old_path)
    native.save(big_new, new_path)
    return big_old, big_new, old_path, new_path


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the killing helper forks its writers")
def test_200_kills_during_save_leave_main_and_bak_whole(old_and_new, tmp_path):
    _old, _new, old_path, new_path = old_and_new
    folder = tmp_path / "sdílená složka"
    folder.mkdir()
    target = folder / "žádost 2021.dossier"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.helpers.save_loop",
            "--kill-rounds",
            "200",
            "20211",
            str(target),
            str(old_path),
            str(new_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rounds"] == 200
    # Each file after each kill is exactly the previous or the new version, never cut short.
    assert set(report["main"]) <= {"old", "new"} and sum(report["main"].values()) == 200
    assert set(report["bak"]) <= {"old", "new"} and sum(report["bak"].values()) == 200
    assert report["killed_mid_write"] >= 20  # the kills did land inside saves
    assert report["tmp_after_next_save"] == []  # the next save removed every leftover
    assert native.load(target) is not None and native.load(atomic.backup_path(target)) is not None


def test_previous_version_is_kept_as_bak(sample_2021, tmp_path):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    first = target.read_bytes()
    changed = copy.deepcopy(sample_2021)
    changed.applicant.name = "Jiné město"
    native.save(changed, target)
    assert (tmp_path / "a.dossier.bak").read_bytes() == first
    assert native.load(target) == changed


def _saved_twice(dossier, target):
    native.save(dossier, target)
    changed = copy.deepcopy(dossier)
    changed.applicant.name = "Druhá verze"
    native.save(changed, target)
    return target.read_bytes(), atomic.backup_path(target).read_bytes()


class _FullDisk:
    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self):
        return self.handle.fileno()


def test_full_disk_leaves_main_and_bak_as_they_were_and_says_so(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    main_before, bak_before = _saved_twice(sample_2021, target)
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: _FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(DossierError) as info:
        native.save(sample_2021, target)
    message = str(info.value)
    assert "není dost místa" in message and "záloha .bak zůstaly beze změny" in message and len(message) <= 200
    assert target.read_bytes() == main_before
    assert atomic.backup_path(target).read_bytes() == bak_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dossier", "a.dossier.bak"]


def test_disk_full_while_copying_the_backup_changes_nothing(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    main_before, bak_before = _saved_twice(sample_2021, target)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.shutil, "copyfileobj", full)
    with pytest.raises(DossierError, match="není dost místa"):
        native.save(sample_2021, target)
    assert target.read_bytes() == main_before
    assert atomic.backup_path(target).read_bytes() == bak_before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_read_only_folder_gives_a_czech_message(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    before = target.read_bytes()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "_write_synced", denied)
    with pytest.raises(DossierError) as info:
        native.save(sample_2021, target)
    assert "oprávnění" in str(info.value) and "beze změny" in str(info.value)
    assert target.read_bytes() == before


def test_leftovers_of_dead_writers_are_removed_a_colleagues_save_in_progress_is_not(sample_2021, tmp_path):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()
    prefix = atomic._tmp_prefix(target)
    mine_dead = tmp_path / f"{prefix}{atomic._host_tag()}.{dead}.abcdef.tmp"
    colleague = tmp_path / f"{prefix}ffffff.4242.abcdef.tmp"  # another machine, saving right now
    ancient = tmp_path / f"{prefix}eeeeee.17.abcdef.tmp"  # another machine, crashed long ago
    for leftover in (mine_dead, colleague, ancient):
        leftover.write_bytes(b"{")
    old = time.time() - atomic.ORPHAN_AGE_S - 60
    os.utime(ancient, (old, old))
    native.save(sample_2021, target)
    assert not mine_dead.exists() and not ancient.exists()
    assert colleague.exists()


def test_a_248_byte_name_saves_with_backup_and_lock(sample_2021, tmp_path):
    from dossier.formats import lockfile

    name = "Ž" * 119 + "xy.dossier"  # 248 bytes in UTF-8: legal, but NAME.bak and .~lock.NAME# are not
    assert len(name.encode("utf-8")) == 248
    target = tmp_path / name
    native.save(sample_2021, target)
    native.save(sample_2021, target)
    assert native.load(target) == sample_2021
    assert native.load(atomic.backup_path(target)) == sample_2021
    assert lockfile.acquire(target).owned and lockfile.lock_path(target).exists()
    lockfile.release(target)
    assert all(len(p.name.encode("utf-8")) <= 255 for p in tmp_path.iterdir())


def test_a_path_too_long_for_the_system_gives_a_czech_message(sample_2021, tmp_path):
    target = tmp_path / ("a" * 300 + ".dossier")
    with pytest.raises(DossierError) as info:
        native.save(sample_2021, target)
    assert "příliš dlouhá" in str(info.value) and len(str(info.value)) <= 200
    with pytest.raises(DossierError) as info:
        native.load(target)
    assert "příliš dlouhý název" in str(info.value) and len(str(info.value)) <= 200


def test_file_held_open_by_another_program_is_retried(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    calls = []
    real_replace = os.replace

    def busy_then_ok(src, dst):
        calls.append(dst)
        if len(calls) < 3:
            raise PermissionError(errno.EACCES, "sharing violation")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", busy_then_ok)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0.0)
    native.save(sample_2021, target)
    assert len(calls) == 3 and native.load(target) == sample_2021


def test_file_held_open_for_good_fails_cleanly(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    main_before, bak_before = _saved_twice(sample_2021, target)

    def always_busy(src, dst):
        raise PermissionError(errno.EACCES, "sharing violation")

    monkeypatch.setattr(atomic.os, "replace", always_busy)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0.0)
    with pytest.raises(DossierError, match="jiným programem") as info:
        native.save(sample_2021, target)
    assert "záloha .bak zůstaly beze změny" in str(info.value)
    assert target.read_bytes() == main_before
    assert atomic.backup_path(target).read_bytes() == bak_before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_a_file_in_place_of_the_folder_is_named_in_czech(sample_2021, tmp_path):
    blocker = tmp_path / "slozka"
    blocker.write_text("soubor, ne složka", encoding="utf-8")
    with pytest.raises(DossierError) as info:
        native.save(sample_2021, blocker / "a.dossier")
    assert "v cestě ke složce je soubor místo složky" in str(info.value) and "kód" not in str(info.value)
