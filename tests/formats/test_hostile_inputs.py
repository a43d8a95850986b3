"""Inputs that cannot hang or flood, and refusals people can read.

Devices, named pipes and folders are refused at once by the CLI (exit 2, one Czech line);
200 broken variants of the sample get one Czech sentence each, never pydantic's English.
"""

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier import cli
from dossier.core.errors import DossierError
from dossier.formats import native

from .fuzz_files import mutate

ROOT = Path(__file__).resolve().parents[2]
CZECH_LETTERS = re.compile("[áčďéěíňóřšťúůýž]", re.IGNORECASE)
ENGLISH = (
    "Input should",
    "Field required",
    "..",
    "Traceback",
    "Expecting",
    "Error",
    "validation",
    "line ",
    "char ",
    "Value error",
    "value is not",
    "Extra inputs",
)


def assert_readable_refusal(message: str) -> None:
    assert len(message) <= 200, message
    assert "\n" not in message, message
    assert CZECH_LETTERS.search(message), message
    for english in ENGLISH:
        assert english not in message, message


def _check(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        cwd=ROOT,
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX's")
def test_check_of_a_device_a_pipe_and_a_folder_exits_2_at_once(tmp_path):
    fifo = tmp_path / "roura.dossier"
    os.mkfifo(fifo)
    folder = tmp_path / "složka.dossier"
    folder.mkdir()
    for path, phrase in (("/dev/zero", "zařízení"), (fifo, "roura"), (folder, "složka")):
        started = time.monotonic()
        result = _check(path)
        elapsed = time.monotonic() - started
        assert result.returncode == 2, result.stderr
        assert elapsed < 2 + _interpreter_start_s(), f"{path} took {elapsed:.1f} s"
        assert result.stdout == "" and phrase in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Chyba: ")
        assert_readable_refusal(lines[0].removeprefix("Chyba: "))
        # In-process, without the interpreter's start: refused well within the 2 s.
        started = time.monotonic()
        assert cli.main(["check", str(path)]) == 2
        assert time.monotonic() - started < 2


_START = []


def _interpreter_start_s() -> float:
    """What starting Python and the CLI costs here, so the 2 s limit applies to reading the input."""
    if not _START:
        started = time.monotonic()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "schema"], capture_output=True, timeout=60, cwd=ROOT)
        _START.append(time.monotonic() - started)
    return _START[0]


@pytest.mark.parametrize("size", [10, 99, 100, 101, 250])
def test_a_file_that_grew_after_its_size_was_checked_is_read_whole_or_refused(tmp_path, monkeypatch, size):
    from dossier.formats import reading

    path = tmp_path / "roste.dossier"
    path.write_bytes(b"x" * size)
    stale = os.stat(path)
    path.write_bytes(b"x" * (size + 50))  # grew between the stat and the read
    monkeypatch.setattr(reading, "check_regular", lambda *_: stale)
    if size + 50 > 120:
        with pytest.raises(DossierError, match="příliš velký"):
            reading.read_input(path, "Soubor", 120, "je příliš velký")
    else:
        assert reading.read_input(path, "Soubor", 120, "je příliš velký") == b"x" * (size + 50)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "obří.dossier"
    with open(path, "wb") as handle:  # sparse: large on paper, nothing to read
        handle.truncate(native.MAX_FILE_BYTES + 1)
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda name, *a, **k: opened.append(str(name)) or real_open(name, *a, **k))
    with pytest.raises(DossierError) as info:
        native.load(path)
    assert "příliš velký" in str(info.value)
    assert str(path) not in opened  # refused from its size alone
    assert_readable_refusal(str(info.value))


@pytest.mark.slow
def test_200_broken_files_get_one_czech_sentence_each(tmp_path, sample_2021_path, capsys):
    sample = sample_2021_path.read_text(encoding="utf-8")
    rng = random.Random(2021_13)
    refused = 0
    for number in range(200):
        path = tmp_path / f"rozbitá-{number:03}.dossier"
        path.write_bytes(mutate(sample, rng))
        try:
            native.load(path)
        except DossierError as exc:
            refused += 1
            assert_readable_refusal(str(exc))
        # The CLI says the same in one line, exit 2, never a traceback.
        code = cli.main(["check", str(path), "--json"])
        err = capsys.readouterr().err
        assert code in (0, 1, 2)
        assert "Traceback" not in err and "neočekávaná chyba" not in err
        if code == 2:
            assert len(err.strip().splitlines()) == 1
            assert_readable_refusal(err.strip().removeprefix("Chyba: "))
    assert refused >= 150  # the mutations really break the files


def test_duplicate_keys_and_duplicate_project_ids_are_refused(tmp_path, sample_2021_path):
    text = sample_2021_path.read_text(encoding="utf-8")
    twice = tmp_path / "dvakrát.dossier"
    twice.write_text(
        text.replace('"ico": "00075370",', '"ico": "00075370",\n    "ico": "12345678",', 1), encoding="utf-8"
    )
    with pytest.raises(DossierError, match="pole „ico“ dvakrát"):
        native.load(twice)
    same_id = tmp_path / "stejné id.dossier"
    same_id.write_text(text.replace('"id": "P2"', '"id": "P1"', 1), encoding="utf-8")
    with pytest.raises(DossierError) as info:
        native.load(same_id)
    assert "dva projekty s označením „P1“" in str(info.value)
    assert_readable_refusal(str(info.value))


def test_a_long_name_is_clipped_in_messages(tmp_path):
    path = tmp_path / ("Žádost o dotaci na prevenci kriminality " * 5 + ".dossier")
    path.write_text('{"format": "jiný"}', encoding="utf-8")
    with pytest.raises(DossierError) as info:
        native.load(path)
    assert "…" in str(info.value) and str(info.value).endswith("vyberte soubor .dossier.")
    assert_readable_refusal(str(info.value))
