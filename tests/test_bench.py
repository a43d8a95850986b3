"""The benchmark suite keeps working (smallest size only; no timing assertions)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_quick_prints_a_table(tmp_path):
    out = tmp_path / "bench.md"
    result = subprocess.run([sys.executable, "-m", "dossier.bench", "--quick", "--write", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "| 3 × 10 |" in result.stdout
    assert "start → main window" in result.stdout and "cell edit" in result.stdout
    assert "| 3 × 10 |" in out.read_text(encoding="utf-8")
