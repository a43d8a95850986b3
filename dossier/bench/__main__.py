"""``python -m dossier.bench``: median timings and peak memory of the app's main operations.

Prints a table and, with ``--write docs/benchmarks.md``, stores it with the machine
description. No assertions: the numbers are for people (issue targets in the README).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ..core.checks import run_checks
from ..formats import native
from .generate import make_dossier

DEFAULT_SIZES = [(3, 10), (3, 100), (3, 1000), (30, 10), (30, 100), (50, 100), (300, 10), (300, 100)]
QUICK_SIZES = [(3, 10)]
FULL_EXTRA = [(30, 1000), (300, 1000)]


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time in ms over ``repeat`` runs, and peak traced memory in MB of one run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return statistics.median(times), peak


def bench_size(projects: int, lines: int, repeat: int, folder: Path) -> dict[str, tuple[float, float]]:
    from ..formats.docx_export import export_docx
    from ..formats.rollover import rollover
    from ..formats.xlsx_export import export_xlsx

    dossier = make_dossier(projects, lines)
    path = folder / f"bench-{projects}x{lines}.dossier"
    native.save(dossier, path)
    results = {
        "load": measure(lambda: native.load(path), repeat),
        "check": measure(lambda: run_checks(dossier), repeat),
        "load+check": measure(lambda: run_checks(native.load(path)), repeat),
        "save": measure(lambda: native.save(dossier, path), repeat),
        "xlsx": measure(lambda: export_xlsx(dossier, folder / "b.xlsx"), repeat),
        "docx": measure(lambda: export_docx(dossier, folder / "b.docx"), repeat),
        "rollover": measure(lambda: rollover(dossier, dossier.year + 1), repeat),
    }
    return results


def bench_startup(repeat: int, folder: Path) -> float:
    """Process start → main window shown with the sample loaded and grabbed (screenshot mode)."""
    from ..resources import resource_path
    main_py = Path(__file__).resolve().parents[2] / "main.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(main_py), str(resource_path("examples", "plzen-2021.dossier")),
                        "--screenshot", str(folder / f"s{i}.png")], check=True, env=env, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_cell_edit(lines: int, repeat: int) -> tuple[float, float]:
    """One budget-cell edit in a table of ``lines`` rows: ms to updated totals, ms for the checks after it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ..ui.budget_table import BudgetEditor
    from ..ui.document import Document

    app = QApplication.instance() or QApplication([])
    document = Document(make_dossier(1, lines))
    editor = BudgetEditor(document)
    editor.set_project("P1")
    editor.resize(1200, 600)
    editor.show()
    app.processEvents()
    model = editor.model
    column = model.column_of("unit_price")
    times = []
    for i in range(repeat):
        index = model.index(lines // 2, column)
        start = time.perf_counter()
        model.setData(index, f"{1000 + i},50", Qt.ItemDataRole.EditRole)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    check_ms, _ = measure(lambda: run_checks(document.dossier), repeat)
    editor.close()
    return statistics.median(times), check_ms


def bench_libreoffice(folder: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    from ..formats.xlsx_export import export_xlsx
    source = folder / "lo.xlsx"
    export_xlsx(make_dossier(50, 100), source)
    profile = folder / "lo-profile"
    start = time.perf_counter()
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(folder / "lo-out"), str(source)],
                   check=True, capture_output=True, env=dict(os.environ, LANG="C.UTF-8"))
    return (time.perf_counter() - start) * 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossier.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the smallest size (used by the test suite)")
    parser.add_argument("--full", action="store_true", help="also 30×1000 and 300×1000 lines")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", metavar="MD", help="write the results as Markdown, e.g. docs/benchmarks.md")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES + (FULL_EXTRA if args.full else [])
    repeat = 1 if args.quick else args.repeat
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        header = f"| size (projects × lines) | {' | '.join(OPS)} | peak MB (max) |"
        print(header)
        print("|" + "---|" * (len(OPS) + 2))
        for projects, lines in sizes:
            results = bench_size(projects, lines, repeat, folder)
            row = (f"| {projects} × {lines} | " + " | ".join(f"{results[op][0]:.0f}" for op in OPS)
                   + f" | {max(r[1] for r in results.values()):.1f} |")
            print(row, flush=True)
            rows.append(row)
        startup = bench_startup(repeat, folder)
        edit_lines = 10 if args.quick else 1000
        edit_ms, check_ms = bench_cell_edit(edit_lines, max(repeat, 5))
        lo_ms = None if args.quick else bench_libreoffice(folder)
    xlsx_50 = next((r for r in rows if r.startswith("| 50 × 100 |")), None)
    extra = [
        f"* start → main window shown with the sample (screenshot mode, median): **{startup:.0f} ms** (target ≤ 1000 ms)",
        f"* one budget-cell edit in a {edit_lines}-line table → totals updated: **{edit_ms:.1f} ms** (target ≤ 30 ms); "
        f"the checks that follow (debounced, off the typing path): {check_ms:.1f} ms",
    ]
    if lo_ms is not None:
        extra.append(f"* LibreOffice converting the 50 × 100 workbook (`soffice --headless --convert-to xlsx`): "
                     f"**{lo_ms:.0f} ms** — the reference for \"opening this workbook in an office suite\"")
        if xlsx_50:
            ours = float(xlsx_50.split("|")[OPS.index("xlsx") + 2])
            extra.append(f"* our xlsx export of the same dossier takes {ours:.0f} ms, i.e. {ours / lo_ms:.2f}× the LibreOffice time")
    for line in extra:
        print(line)
    if args.write:
        text = "\n".join([
            "# Benchmarks", "",
            f"Machine: {machine()}. Run: `python -m dossier.bench{' --full' if args.full else ''}` "
            f"({time.strftime('%Y-%m-%d')}), median of {repeat} runs, times in ms; peak memory is Python's "
            "traced allocations (tracemalloc) of one run of the heaviest operation.", "",
            "Targets (issue 8): start to window ≤ 1.0 s; load + check of 50 projects × 100 lines ≤ 0.3 s; "
            "both exports of it ≤ 2 s together; a cell edit in a 1 000-line table ≤ 30 ms to updated totals.", "",
            header, "|" + "---|" * (len(OPS) + 2), *rows, "", *extra, "",
        ])
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(text, encoding="utf-8")
    return 0


OPS = ["load", "check", "load+check", "save", "xlsx", "docx", "rollover"]

if __name__ == "__main__":
    sys.exit(main())
