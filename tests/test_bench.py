"""The benchmark suite keeps working (tiny sizes only; no timing assertions)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_quick_prints_json_and_writes_the_table(tmp_path):
    out = tmp_path / "bench.md"
    result = subprocess.run(
        [sys.executable, "-m", "dossier.bench", "--quick", "--json", "--write", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    assert all({"name", "size", "median_ms", "anchor_ms", "ratio", "peak_mb"} <= set(r) for r in results)
    names = {r["name"] for r in results}
    assert {
        "load",
        "excel export",
        "roll-forward",
        "start-up to window",
        "start-up to dossier shown",
        "cell edit → repaint",
        "undo of the paste",
        "check panel after an edit",
        "open in the window",
        "open in the window, window only",
    } <= names
    anchored = {r["name"]: r for r in results if r["anchor_ms"]}
    assert {"load", "excel export", "roll-forward", "start-up to window", "start-up to dossier shown"} <= set(anchored)
    load = anchored["load"]
    assert load["ratio"] == pytest.approx(load["median_ms"] / load["anchor_ms"], rel=0.1)
    table = out.read_text(encoding="utf-8")
    assert "| load | 3 × 10 |" in table and "bare PySide6 window" in table
