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
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return kb / 1024


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
