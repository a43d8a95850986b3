"""Open a dossier from any file the app can read: our ``.dossier`` or our exported ``.xlsx``."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..core.errors import DossierError, file_label
from ..core.model import Dossier
from . import native
from .disk_state import DiskState
from .reading import read_head

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls


def load_any(path: Path) -> Dossier:
    return load_any_with_state(path)[0]


def load_any_with_state(path: Path) -> tuple[Dossier, DiskState | None]:
    """The dossier and, for a ``.dossier``, what was read (to notice someone else's later save)."""
    path = Path(path)
    head = read_head(path, file_label(path))  # devices, pipes, folders: refused at once
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from .xlsx_import import import_xlsx

        return import_xlsx(path), None
    if path.suffix.lower() == ".docx":
        raise DossierError(
            f"{file_label(path)} je dokument Word; otevřít lze .dossier nebo sešit .xlsx exportovaný aplikací Dossier."
        )
    return native.load_with_state(path)


def load_with_edits(path: Path) -> tuple[Dossier, list]:
    """The dossier and, for an exported workbook, its edits (``xlsx_edits.Edit``) against the hidden data."""
    result = read_any(path)
    return result.visible, result.edits


class Loaded(NamedTuple):
    """What was read: for a ``.dossier`` both versions are the file and there are no edits."""

    exported: Dossier
    visible: Dossier
    edits: list


def read_any(path: Path) -> Loaded:
    """The dossier as exported and as shown, with the differences (an ``xlsx_import.XlsxImport``)."""
    path = Path(path)
    head = read_head(path, file_label(path))  # devices, pipes, folders: refused at once
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from .xlsx_import import read_xlsx  # the workbook code loads only for a workbook

        result = read_xlsx(path)
        return Loaded(result.exported, result.visible, result.edits)
    if path.suffix.lower() == ".docx":
        raise DossierError(
            f"{file_label(path)} je dokument Word; otevřít lze .dossier nebo sešit .xlsx exportovaný aplikací Dossier."
        )
    dossier = native.load(path)
    return Loaded(dossier, dossier, [])
