"""Read an input file whole, bounded in size, with every failure worded in Czech."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import DossierError


def read_input(path: Path, label: str, max_bytes: int, too_big: str) -> bytes:
    """The bytes of ``path``; ``label`` names it in messages ("Soubor „x.dossier“").

    ``too_big`` ends the message for a file over ``max_bytes`` ("je příliš velký na …"); a
    hostile or mistaken file never gets read into memory whole.
    """
    try:
        if path.is_dir():
            raise DossierError(f"{label} je složka, ne soubor.")
        size = path.stat().st_size
        if size > max_bytes:
            raise DossierError(f"{label} {too_big} ({size // (1024 * 1024)} MB).")
        return path.read_bytes()
    except FileNotFoundError:
        raise DossierError(f"{label} neexistuje.") from None
    except IsADirectoryError:
        raise DossierError(f"{label} je složka, ne soubor.") from None
    except PermissionError:
        raise DossierError(f"{label} nelze číst: chybí oprávnění.") from None
    except OSError as exc:
        raise DossierError(f"{label} nelze číst ({exc.strerror or exc}).") from None
