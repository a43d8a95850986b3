"""Saving never leaves a broken or mixed file: killed writers, full disks, read-only folders."""
import copy
import errno
import os
import random
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
def test_killed_save_leaves_old_or_new_never_a_mix(old_and_new, tmp_path):
    old, new, old_path, new_path = old_and_new
    target = tmp_path / "žádost 2021.dossier"
    rng = random.Random(20211)
    for _ in range(15):
        native.save(old, target)
        proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.save_loop", str(target), str(old_path), str(new_path)],
                                cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.kill()
        proc.wait()
        assert native.load(target) in (old, new)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # A killed writer may leave its temp file; it never replaces the dossier.
    assert all(name.startswith(".žádost 2021.dossier.") for name in leftovers)


def test_previous_version_is_kept_as_bak(sample_2021, tmp_path):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    first = target.read_bytes()
    changed = copy.deepcopy(sample_2021)
    changed.applicant.name = "Jiné město"
    native.save(changed, target)
    assert (tmp_path / "a.dossier.bak").read_bytes() == first
    assert native.load(target) == changed


def test_full_disk_leaves_the_old_file_and_says_so(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    before = target.read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(DossierError, match="není dost místa"):
        native.save(sample_2021, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.dossier"]


def test_read_only_folder_gives_a_czech_message(sample_2021, tmp_path, monkeypatch):
    target = tmp_path / "a.dossier"
    native.save(sample_2021, target)
    before = target.read_bytes()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(DossierError) as info:
        native.save(sample_2021, target)
    assert "oprávnění" in str(info.value) and "beze změny" in str(info.value)
    assert target.read_bytes() == before


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
    native.save(sample_2021, target)
    before = target.read_bytes()

    def always_busy(src, dst):
        raise PermissionError(errno.EACCES, "sharing violation")

    monkeypatch.setattr(atomic.os, "replace", always_busy)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0.0)
    with pytest.raises(DossierError, match="jiným programem"):
        native.save(sample_2021, target)
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
