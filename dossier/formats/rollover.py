"""Roll-forward at the file level: read last year's file, save the new one, print the report.

The transformation itself is domain logic in ``core/rollover``; this module adds what needs
files and a console: the source may be a ``.dossier`` or a workbook this app exported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.errors import DossierError
from ..core.model import Dossier
from ..core.rollover import RolloverResult
from ..core.rollover import rollover as _rollover
from . import native
from .bulk import collector_paused

WHAT_CAN_BE_IMPORTED = (
    "Převzít lze loňskou žádost uloženou jako .dossier nebo sešit .xlsx "
    "vyexportovaný aplikací Dossier (obsahuje skrytý list s daty žádosti)."
)


def rollover(
    last: Dossier,
    year: int,
    round: str = "",
    *,
    project_ids: list[str] | None = None,
    source_name: str = "",
    now: dt.datetime | None = None,
    keep_last: bool = True,
) -> RolloverResult:
    """``core.rollover.rollover`` without the cyclic collector's pauses (a large dossier makes
    millions of short-lived objects and no cycles)."""
    with collector_paused():
        return _rollover(
            last, year, round, project_ids=project_ids, source_name=source_name, now=now, keep_last=keep_last
        )


def load_source(path: str | Path) -> Dossier:
    """Last year's dossier from a ``.dossier`` file or from a workbook this app exported."""
    return load_source_with_edits(path)[0]


def load_source_with_edits(path: str | Path) -> tuple[Dossier, list[str]]:
    """Last year's dossier and, for an edited workbook, report lines listing the edits taken."""
    from .open_any import load_with_edits
    from .xlsx_edits import edit_notes

    path = Path(path)
    try:
        dossier, edits = load_with_edits(path)
        return dossier, edit_notes(edits)
    except DossierError as exc:
        message = str(exc)
        if path.suffix.lower() != ".dossier" and ".dossier" not in message:
            message = f"{message.rstrip('.')}. {WHAT_CAN_BE_IMPORTED}"
        raise DossierError(message) from None


def rollover_command(last_path: Path, year: int, round: str, out_path: Path, project_ids: list[str] | None) -> int:
    """``main.py rollover``: roll the file forward, save it, print the Czech report. Raises ``DossierError``."""
    last_path, out_path = Path(last_path), Path(out_path)
    if out_path.resolve() == last_path.resolve():
        raise DossierError("Nový ročník nelze uložit přes loňskou žádost; zvolte jiný výstupní soubor.")
    last, edit_lines = load_source_with_edits(last_path)
    # ``last`` was read for this alone: its budget lines move instead of being copied.
    result = rollover(last, year, round, project_ids=project_ids, source_name=last_path.name, keep_last=False)
    result.report.notes += edit_lines
    native.save(result.dossier, out_path)
    print(result.text(), end="")
    print(f"Uloženo do „{out_path}“. Údaje ke kontrole ukáže příkaz check.")
    return 0
