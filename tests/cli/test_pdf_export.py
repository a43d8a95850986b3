"""`export --pdf`: a headless Qt run writes an A4 PDF for the council with every project and the grand total."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from dossier.core.money import format_money
from dossier.core.totals import dossier_totals

from .test_cli import ROOT


def _pdftotext(path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("poppler (pdftotext) není nainstalován; .ci/run jej instaluje.")
    text = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    ).stdout
    return re.sub(r"[ \u00a0]+", " ", text)  # NBSP-tolerant: Czech amounts are printed with NBSPs


@pytest.mark.slow
def test_export_pdf_without_a_display(tmp_path, sample_2021_path, sample_2021):
    out = tmp_path / "žádost 2021.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(sample_2021_path), "--pdf", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdftotext(out)
    for project in sample_2021.projects:
        assert re.sub(r"\s+", " ", project.title) in re.sub(r"\s+", " ", text), project.title
    totals = dossier_totals(sample_2021)
    assert "2 511 000 Kč" in text
    assert format_money(totals.requested).replace("\u00a0", " ") == "2 511 000 Kč"
    assert "Celkem za žádost" in text
    pages = re.findall(r"Strana (\d+) z (\d+)", text)
    assert pages and pages[0] == ("1", pages[0][1]) and pages[-1][0] == pages[-1][1]
    assert int(pages[-1][1]) >= 1 + len(sample_2021.projects)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[-5] for line in fonts.splitlines()[2:]]
    assert embedded and set(embedded) == {"yes"}  # Czech glyphs travel with the file


def test_export_without_any_output_names_pdf_too(sample_2021_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(sample_2021_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 2
    assert "--pdf" in result.stderr


@pytest.mark.slow
def test_pdf_text_can_be_copied_without_losing_ligature_letters(tmp_path):
    # "ti" and "fi" must stay letters, not ligature glyphs without text ("Mar n Baxa").
    out = tmp_path / "zadost.pdf"
    result = subprocess.run(
        [sys.executable, "main.py", "export", "resources/examples/plzen-2021.dossier", "--pdf", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = _pdftotext(out)
    assert "Martin Baxa" in text and "neinvestiční" in text and "náměstí Republiky" in text
