"""One registry of export formats serves the CLI and the Export menu."""

import subprocess
import sys
import zipfile
from pathlib import Path

from dossier.formats.exporters import EXPORTERS, ExportOptions, exporter

ROOT = Path(__file__).resolve().parents[2]


def test_every_exporter_writes_its_format(sample_2021, tmp_path):
    for export in EXPORTERS:
        target = tmp_path / f"out{export.suffix}"
        export.write(sample_2021, target, ExportOptions(file_label="plzen-2021.dossier"))
        assert target.stat().st_size > 0
        if export.suffix in (".xlsx", ".docx"):
            assert zipfile.is_zipfile(target)


def test_target_adds_a_missing_suffix(tmp_path):
    assert exporter("xlsx").target(tmp_path / "rozpocet") == tmp_path / "rozpocet.xlsx"
    assert exporter("docx").target(tmp_path / "popis.DOCX") == tmp_path / "popis.DOCX"


def test_cli_offers_an_option_per_exporter(sample_2021_path):
    out = subprocess.run(
        [sys.executable, "main.py", "export", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    for export in EXPORTERS:
        assert f"--{export.key}" in out.stdout
    refused = subprocess.run(
        [sys.executable, "main.py", "export", str(sample_2021_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert refused.returncode == 2 and "--xlsx" in refused.stderr and "Traceback" not in refused.stderr
