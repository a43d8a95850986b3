"""Open a dossier from any file the app can read: our ``.dossier`` or our exported ``.xlsx``."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import DossierError
from ..core.model import Dossier
from . import native

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls


def load_any(path: Path) -> Dossier:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return native.load(path)  # the native loader words the Czech error
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from .xlsx_import import import_xlsx
        return import_xlsx(path)
    if path.suffix.lower() == ".docx":
        raise DossierError(f"Soubor „{path.name}“ je dokument Word; importovat lze .dossier nebo sešit .xlsx exportovaný aplikací Dossier.")
    return native.load(path)
