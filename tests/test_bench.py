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
    # Times are rounded to 0.1 ms and the tiny size takes well under a millisecond, so the ratio
    # (from the unrounded times) is checked against the range the rounded times allow.
    ms, anchor = load["median_ms"], load["anchor_ms"]
    lowest, highest = (ms - 0.05) / (anchor + 0.05), (ms + 0.05) / max(anchor - 0.05, 1e-9)
    assert lowest - 0.005 <= load["ratio"] <= highest + 0.005
    table = out.read_text(encoding="utf-8")
    assert "| load | 3 × 10 |" in table and "bare PySide6 window" in table


def test_an_export_peak_is_its_own_process_not_the_parents():
    # Linux's ru_maxrss survives the exec of a (v)forked child: the benchmark, holding big
    # dossiers, made every measured export "peak" at its own size.
    held = bytearray(256 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page so it is resident
    code = "from dossier.bench.peak import _rss_mb; print(_rss_mb())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert float(out.stdout) < 200
    del held


def _sheet_counts(data: bytes) -> dict[str, int]:
    import io
    import zipfile

    counts = dict.fromkeys(("<c ", "<f>", "<mergeCell ", ' s="'), 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode("utf-8")
                for key in counts:
                    counts[key] += xml.count(key)
    return counts


def test_the_excel_anchor_writes_what_the_export_writes_and_no_more():
    from dossier.bench import anchors
    from dossier.bench.generate import make_dossier
    from dossier.formats import native
    from dossier.formats.xlsx_common import CHUNK_CHARS
    from dossier.formats.xlsx_export import build_xlsx

    dossier = make_dossier(4, 30)
    text = native.dumps(dossier).decode("utf-8")
    chunks = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)]
    ours, anchor = _sheet_counts(build_xlsx(dossier)), _sheet_counts(anchors.bare_xlsx(dossier, chunks))
    # cells, formulas, merged ranges and formatted cells: the anchor's are at most 15 % fewer than ours
    for key, count in ours.items():
        assert 0.85 * count <= anchor[key] <= count, (key, anchor[key], count)
