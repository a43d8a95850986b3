"""LibreOffice helpers for export tests (xlsx and docx): convert a file, count PDF pages.

Each call uses its own LibreOffice profile under ``tmp_path`` (parallel tests never share
one) with the cs-CZ locale and ``OOXMLRecalcMode=0``, so LibreOffice recalculates every
formula on load instead of trusting the cached values we wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

INPUT_FILTERS = {".xlsx": "Calc Office Open XML", ".docx": "MS Word 2007 XML"}
TIMEOUT_S = 180

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>cs-CZ</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _profile(tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(_PROFILE, encoding="utf-8")
    return profile


def convert(src: Path, fmt: str, outdir: Path, tmp_path: Path) -> Path:
    """Convert ``src`` with headless LibreOffice; returns the output path, fails if it is missing.

    ``fmt`` is what ``--convert-to`` takes: "pdf", "xlsx", or "txt:Text (encoded):UTF8".
    The input filter is chosen by extension, because soffice otherwise opens a broken file
    as plain text and still exits 0.
    """
    src, outdir = Path(src), Path(outdir)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) není nainstalován."
    in_filter = INPUT_FILTERS[src.suffix.lower()]
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / f"{src.stem}.{fmt.split(':', 1)[0]}"
    if out.exists():
        out.unlink()
    env = {"LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={_profile(tmp_path).as_uri()}",
            f"--infilter={in_filter}",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert out.exists(), (
        f"LibreOffice nevytvořil {out.name} (exit {result.returncode}): {result.stderr.strip()[-2000:]}"
    )
    return out


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF, read with ``pdfinfo`` (poppler-utils)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, f"pdfinfo nevypsal počet stran: {info!r}"
    return int(match.group(1))
