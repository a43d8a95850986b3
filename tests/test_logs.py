"""Unexpected errors leave a traceback in the per-user log, never on the user's screen."""

import logging
import subprocess
import sys
from pathlib import Path

from dossier import logs

ROOT = Path(__file__).resolve().parents[1]


def test_log_unexpected_writes_the_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(logs, "log", logging.getLogger("dossier.test-log"))
    path = logs.setup_logging()
    assert path == tmp_path / "protokol" / "dossier.log"
    try:
        raise ZeroDivisionError("dělení nulou")
    except ZeroDivisionError as exc:
        logs.log_unexpected("zkouška", exc)
    text = path.read_text(encoding="utf-8")
    assert "zkouška: dělení nulou" in text and "Traceback" in text and "ZeroDivisionError" in text


def test_cli_crash_prints_one_czech_line_and_logs_the_traceback(tmp_path):
    # A bug in an exporter: the user sees one line naming the log, the log holds the traceback.
    code = (
        "import sys; import dossier.formats.xlsx_export as x; "
        "x.export_xlsx = lambda *a, **k: 1/0; "
        "from dossier.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    out = tmp_path / "out.xlsx"
    env = {"DOSSIER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code, "export", "resources/examples/plzen-2021.dossier", "--xlsx", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "neočekávaná chyba" in result.stderr
    log = (tmp_path / "protokol" / "dossier.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log and "Traceback" in log
