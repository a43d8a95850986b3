"""Lines for the About dialog (pure, no Qt): version, Python, rule packs and where resources live.

The dialog adds the Qt-specific paths (settings, recovery folder); support asks for all of it.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from .logs import log_file
from .resources import resource_root

FALLBACK_VERSION = "0.1.0"


def app_version() -> str:
    try:
        return metadata.version("dossier")
    except metadata.PackageNotFoundError:  # a source checkout that was never pip-installed
        return FALLBACK_VERSION


def about_lines() -> list[str]:
    from .core.rules import (
        all_packs,  # reads resources/rules; a broken pack must not hide the rest
    )

    frozen = getattr(sys, "frozen", False)
    try:
        packs = ", ".join(sorted(all_packs()))
    except Exception as exc:  # noqa: BLE001 - the About box is where a user reports exactly this
        packs = f"nelze načíst ({exc})"
    root = resource_root()
    return [
        f"Dossier verze {app_version()}",
        f"Python {platform.python_version()} ({platform.architecture()[0]}, {sys.platform})",
        "Spuštěno jako samostatná aplikace" if frozen else "Spuštěno ze zdrojových kódů",
        f"Pravidla programu: {packs}",
        f"Složka pravidel: {root / 'rules'}",
        f"Složka šablon: {root / 'templates'}",
        f"Protokol chyb: {log_file()}",
    ]
