"""Windows-safe behaviour that can be tested on any OS.

Replacing a file another program holds open (retry, then a Czech error with the old file
intact) is covered by tests/formats/test_atomic_save.py and not repeated here.
"""

import copy
import sys
from pathlib import Path, PureWindowsPath

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier import about
from dossier.core import rules
from dossier.core.filenames import default_export_name, safe_filename
from dossier.formats import lockfile, native
from dossier.resources import resource_path, resource_root

ROOT = Path(__file__).resolve().parents[2]
UNC_FOLDER = PureWindowsPath(r"\\server-mu\odbor bezpecnosti\Prevence kriminality\Žádosti 2021")


def test_czech_folder_with_spaces_save_load_and_lock(sample_2021, sample_2021_path, tmp_path):
    folder = tmp_path / "Prevence kriminality" / "Žádosti 2021"
    folder.mkdir(parents=True)
    target = folder / "Žádost Plzeň 2021 – návrh č. 1.dossier"
    native.save(sample_2021, target)
    assert native.load(target) == sample_2021
    assert target.read_bytes() == sample_2021_path.read_bytes()
    native.save(sample_2021, target)  # second save keeps the previous version beside it
    assert (folder / "Žádost Plzeň 2021 – návrh č. 1.dossier.bak").exists()

    state = lockfile.acquire(target)
    assert state.owned
    lock = folder / ".~lock.Žádost Plzeň 2021 – návrh č. 1.dossier#"
    assert lock.exists() and lockfile.read_lock(target).pid == lockfile._me().pid
    lockfile.release(target)
    assert not lock.exists()


def test_lock_path_on_unc_and_drive_paths_as_strings():
    unc = UNC_FOLDER / "Žádost 2021.dossier"
    assert lockfile.lock_path(unc) == PureWindowsPath(
        r"\\server-mu\odbor bezpecnosti\Prevence kriminality\Žádosti 2021\.~lock.Žádost 2021.dossier#"
    )
    assert lockfile.lock_path(unc).anchor == "\\\\server-mu\\odbor bezpecnosti\\"
    drive = PureWindowsPath(r"C:\Users\novakova\Documents\žádost.dossier")
    assert str(lockfile.lock_path(drive)) == r"C:\Users\novakova\Documents\.~lock.žádost.dossier#"


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=80))
def test_a_safe_name_stays_inside_its_unc_folder(title):
    name = safe_filename(title)
    joined = UNC_FOLDER / name
    assert joined.parent == UNC_FOLDER and joined.name == name
    assert "/" not in name and "\\" not in name


def test_export_name_joins_a_unc_folder(sample_2021):
    joined = UNC_FOLDER / default_export_name(sample_2021, ".xlsx")
    assert str(joined).endswith(r"Žádosti 2021\Statutární město Plzeň 2021 – rozpočet.xlsx")


def test_saved_file_has_lf_only_even_for_crlf_texts(sample_2021):
    dossier = copy.deepcopy(sample_2021)
    dossier.projects[0].problem = "řádek 1\r\nřádek 2\r\n"  # assignment skips the model's normaliser
    raw = native.dumps(dossier)
    assert b"\r" not in raw  # JSON escapes it; the file's own line ends are \n
    typed = native.loads(native.dumps(dossier.model_validate(dossier.model_dump())))
    assert typed.projects[0].problem == "řádek 1\nřádek 2\n"  # validated text is normalised


def test_crlf_file_from_notepad_or_git_autocrlf_loads_and_saves_as_lf(sample_2021_path, tmp_path):
    crlf = sample_2021_path.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "z Poznámkového bloku.dossier"
    path.write_bytes(b"\xef\xbb\xbf" + crlf)  # Notepad may add a BOM as well
    native.save(native.load(path), path)
    assert path.read_bytes() == sample_2021_path.read_bytes()


def test_gitattributes_keeps_lf_in_checked_in_dossiers_and_rules():
    # Git for Windows defaults to autocrlf; byte-exact tests compare against these files.
    text = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    for pattern in ("*.dossier", "*.json"):
        assert any(line.split()[:1] == [pattern] and "eol=lf" in line for line in text.splitlines())


def test_resource_path_from_source_and_frozen(tmp_path, monkeypatch):
    assert resource_root() == ROOT / "resources"
    assert resource_path("rules", "pk-2021.json").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "Dossier" / "_internal"), raising=False)
    assert (
        resource_path("rules", "pk-2021.json")
        == tmp_path / "Dossier" / "_internal" / "resources" / "rules" / "pk-2021.json"
    )


def test_about_lines_from_source():
    lines = about.about_lines()
    assert lines[0].startswith("Dossier verze ") and lines[0].split()[-1][0].isdigit()
    assert any(line.startswith(f"Python {sys.version_info.major}.{sys.version_info.minor}") for line in lines)
    packs = next(line for line in lines if line.startswith("Pravidla programu: "))
    assert all(key in packs for key in rules.all_packs())
    assert f"Složka pravidel: {ROOT / 'resources' / 'rules'}" in lines
    assert f"Složka šablon: {ROOT / 'resources' / 'templates'}" in lines


def test_about_lines_frozen_and_without_metadata(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    def missing(name):
        raise about.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(about.metadata, "version", missing)
    rules.all_packs.cache_clear()
    try:
        lines = about.about_lines()  # no rule packs under the fake bundle: reported, not raised
    finally:
        rules.all_packs.cache_clear()
    assert lines[0] == "Dossier verze 0.1.0"
    assert "Spuštěno jako samostatná aplikace" in lines
    assert any(line.startswith("Pravidla programu: nelze načíst") for line in lines)
    assert f"Složka pravidel: {tmp_path / 'resources' / 'rules'}" in lines
