"""Build the PyInstaller bundle once per session and check the frozen app against the source run.

The build (about 20 s on 2 cores) goes to a temporary folder whose name has a space and Czech
letters, like "C:\\Program Files\\…" or a user's profile would; the frozen app then reads a
dossier from "Prevence kriminality/Žádosti 2021" outside the repository, so every resource it
uses must come from the bundle (sys._MEIPASS), not from the source tree.
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "dossier.spec"
SAMPLE = ROOT / "resources" / "examples" / "plzen-2021.dossier"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
#: A windowed .exe on Windows may have no stdout; there the console twin is the CLI.
CLI_NAMES = ["dossier-cli"] if WINDOWS else ["Dossier", "dossier-cli"]
#: Files in resources/ that are tools, not data, and stay out of the bundle.
NOT_BUNDLED = {"templates/make_narrative_template.py"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller chybí: pip install -e '.[test]' jej instaluje.")
    base = tmp_path_factory.mktemp("bundle") / "Programy Městského úřadu"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    folder = base / "dist" / "Dossier"
    assert (folder / f"Dossier{EXE_SUFFIX}").is_file()
    return folder


@pytest.fixture(scope="module")
def czech_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "Prevence kriminality" / "Žádosti 2021"
    folder.mkdir(parents=True)
    (folder / "Plzeň 2021.dossier").write_bytes(SAMPLE.read_bytes())
    return folder


def _env() -> dict:
    # The bundle runs in UTF-8 mode (spec: "X utf8"); the source run gets it from PYTHONUTF8,
    # which a frozen app ignores. On Windows the piped JSON would otherwise be cp1250.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    env.pop("PYTHONPATH", None)  # the frozen app must not see the source tree
    return env


def _frozen(bundle: Path, name: str, *args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bundle / f"{name}{EXE_SUFFIX}"), *map(str, args)], cwd=cwd, env=_env(), capture_output=True, timeout=120
    )


def _source(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=_env(), capture_output=True, timeout=120
    )


def test_bundle_holds_the_resources_and_nothing_superfluous(bundle):
    internal = bundle / "_internal"
    source = {
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    bundled = {
        p.relative_to(internal / "resources").as_posix() for p in (internal / "resources").rglob("*") if p.is_file()
    }
    assert bundled == source - NOT_BUNDLED
    names = {p.name for p in internal.rglob("*")}
    for unwanted in (
        "QtNetwork",
        "QtQml",
        "QtQuick",
        "QtSql",
        "QtTest",
        "QtOpenGL",
        "QtPdf",
        "QtWebEngineCore",
        "QtMultimedia",
        "QtSvg",
    ):
        assert not [n for n in names if n.startswith(unwanted + ".")], unwanted  # Python bindings
    for unwanted in ("tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "numpy", "PIL"):
        assert unwanted not in names and not any(n.startswith(unwanted + ".") for n in names), unwanted
    assert not any(
        n.startswith(
            ("libqtvirtualkeyboard", "qtvirtualkeyboard", "libqsqlite", "qsqlite", "libqpdf", "qpdf", "opengl32sw")
        )
        for n in names
    )
    translations = {p.name for p in internal.rglob("*.qm")}
    assert "qtbase_cs.qm" in translations and translations <= {"qtbase_cs.qm", "qt_cs.qm"}


@pytest.mark.parametrize("name", CLI_NAMES)
def test_frozen_check_json_equals_source(bundle, czech_folder, name):
    file = czech_folder / "Plzeň 2021.dossier"
    frozen = _frozen(bundle, name, "check", file, "--json", cwd=czech_folder)
    source = _source("check", file, "--json", cwd=czech_folder)
    assert source.returncode == 0 and source.stdout.startswith(b'{"findings"'), source.stderr
    assert (frozen.returncode, frozen.stdout) == (source.returncode, source.stdout), frozen.stderr


def test_frozen_check_of_a_broken_file_says_so_in_czech(bundle, czech_folder):
    broken = czech_folder / "poškozený.dossier"
    broken.write_text('{"format": "cz.prevence-kriminality.dossier", "schema_version": ', encoding="utf-8")
    frozen = _frozen(bundle, CLI_NAMES[-1], "check", broken, cwd=czech_folder)
    assert frozen.returncode == 2
    assert "poškozený" in frozen.stderr.decode("utf-8") and b"Traceback" not in frozen.stderr


def test_frozen_export_equals_source(bundle, czech_folder):
    """python-docx's default parts, the Word template and both writers are in the bundle."""
    file = czech_folder / "Plzeň 2021.dossier"
    outputs = {}
    for label, run in (
        ("frozen", lambda *a: _frozen(bundle, CLI_NAMES[-1], *a, cwd=czech_folder)),
        ("source", lambda *a: _source(*a, cwd=czech_folder)),
    ):
        xlsx, docx = czech_folder / f"{label} rozpočet.xlsx", czech_folder / f"{label} popis.docx"
        proc = run("export", file, "--xlsx", xlsx, "--docx", docx)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        outputs[label] = (xlsx, docx)
    for frozen_out, source_out in zip(outputs["frozen"], outputs["source"]):
        # Zip entry timestamps follow the clock; every part's content must be identical.
        with zipfile.ZipFile(frozen_out) as a, zipfile.ZipFile(source_out) as b:
            assert a.namelist() == b.namelist()
            assert [n for n in a.namelist() if a.read(n) != b.read(n)] == []


def test_frozen_screenshot_equals_source(bundle, czech_folder):
    file = czech_folder / "Plzeň 2021.dossier"
    frozen_png, source_png = czech_folder / "frozen.png", czech_folder / "source.png"
    frozen = _frozen(bundle, "Dossier", file, "--screenshot", frozen_png, cwd=czech_folder)
    source = _source(file, "--screenshot", source_png, cwd=czech_folder)
    assert source.returncode == 0, source.stderr.decode("utf-8", "replace")
    assert frozen.returncode == 0, frozen.stderr.decode("utf-8", "replace")
    if frozen_png.read_bytes() == source_png.read_bytes():
        return  # the usual case: same Qt, same fonts, same PNG encoder
    # Fallback: both runs use the same Qt and system fonts, so text should render identically;
    # a different font fallback or glyph cache order can still move a few anti-aliased pixels.
    from PySide6.QtGui import QImage

    a, b = QImage(str(frozen_png)), QImage(str(source_png))
    assert (a.width(), a.height()) == (b.width(), b.height()) == (1280, 800)
    a, b = (img.convertToFormat(QImage.Format.Format_ARGB32) for img in (a, b))
    pa, pb = bytes(a.constBits()), bytes(b.constBits())
    differing = sum(pa[i : i + 4] != pb[i : i + 4] for i in range(0, len(pa), 4))
    assert differing / (a.width() * a.height()) < 0.002, f"{differing} pixels differ"
