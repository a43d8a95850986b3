"""Open a dossier from any file the app can read: our ``.dossier`` or our exported ``.xlsx``."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import DossierError
from ..core.model import Dossier
from . import native

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls


def load_any(path: Path) -> Dossier:
    """The dossier; from an exported workbook as its visible sheets show it."""
    return load_with_edits(path)[0]


def load_with_edits(path: Path) -> tuple[Dossier, list]:
    """The dossier and, for an exported workbook, its edits (``xlsx_edits.Edit``) against the hidden data."""
    result = read_any(path)
    return result.visible, result.edits


def read_any(path: Path):
    """An ``xlsx_import.XlsxImport``: for a ``.dossier`` both versions are the file and there are no edits."""
    from .xlsx_import import XlsxImport, read_xlsx

    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        head = b""  # the native loader words the Czech error
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return read_xlsx(path)
    if path.suffix.lower() == ".docx":
        raise DossierError(f"Soubor „{path.name}“ je dokument Word; importovat lze .dossier nebo sešit .xlsx exportovaný aplikací Dossier.")
    dossier = native.load(path)
    return XlsxImport(dossier, dossier, [])
