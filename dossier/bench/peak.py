"""``python -m dossier.bench.peak OP PROJECTS LINES``: peak resident memory of one export.

Runs in its own process, so the peak is the export's (plus the interpreter and the generated
dossier, which the output reports as ``base_mb``), not what earlier benchmarks left behind.
Prints one JSON object: {"op", "peak_mb", "base_mb", "ms"}.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from .generate import make_dossier


def _rss_mb() -> float:
    """The process's own peak resident memory in MB.

    Linux's ``ru_maxrss`` is not the process's own: across the exec of a (v)forked child it
    keeps the parent's peak, so when ``python -m dossier.bench`` (holding big dossiers) started
    this process, every export "peaked" at the benchmark's own size. ``VmHWM`` belongs to the
    process's fresh address space.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:  # not Linux
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, else kB


def main(argv: list[str]) -> int:
    op, projects, lines = argv[0], int(argv[1]), int(argv[2])
    dossier = make_dossier(projects, lines)
    if op == "xlsx":
        from ..formats.xlsx_export import export_xlsx as export

        suffix = ".xlsx"
    else:
        from ..formats.docx_export import export_docx as export

        suffix = ".docx"
    base = _rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        export(dossier, Path(folder) / f"out{suffix}")
        ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"op": op, "peak_mb": round(_rss_mb(), 1), "base_mb": round(base, 1), "ms": round(ms, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
