"""The command line decides what to run before loading heavy modules."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from dossier.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = ("PySide6", "pydantic", "dossier.core.model", "dossier.core.checks", "docx", "openpyxl", "xlsxwriter")
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def _loaded(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("export", "--help")])
def test_help_loads_neither_qt_nor_pydantic(args):
    assert _loaded(*args) == {"code": 0, "loaded": []}


def test_check_loads_the_model_but_not_qt_or_the_office_libraries(sample_2021_path):
    probe = _loaded("check", str(sample_2021_path))
    assert probe["code"] == 0
    assert probe["loaded"] == ["pydantic", "dossier.core.model", "dossier.core.checks"]
