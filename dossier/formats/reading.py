"""Read an input file whole, bounded in size, with every failure worded in Czech.

Only regular files are read. A device (``/dev/zero``), a named pipe, a socket or a folder is
refused from its ``stat`` before it is opened, so nothing can block on a pipe or read an
endless device; the size limit is checked before reading and again while reading.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..core.errors import DossierError

_KINDS = (
    (stat.S_ISDIR, "je složka, ne soubor; vyberte soubor uvnitř ní"),
    (stat.S_ISFIFO, "je pojmenovaná roura, ne soubor; vyberte běžný soubor"),
    (stat.S_ISCHR, "je zařízení, ne soubor; vyberte běžný soubor"),
    (stat.S_ISBLK, "je zařízení, ne soubor; vyberte běžný soubor"),
    (stat.S_ISSOCK, "je síťový soket, ne soubor; vyberte běžný soubor"),
)


#: Windows without long-path support refuses longer paths, reporting them as missing.
WINDOWS_MAX_PATH = 260


def _os_error(label: str, exc: OSError, path: Path | None = None) -> DossierError:
    if os.name == "nt" and path is not None and len(str(path)) >= WINDOWS_MAX_PATH:
        return DossierError(
            f"{label} má příliš dlouhou cestu (nad {WINDOWS_MAX_PATH} znaků); přesuňte jej do kratší složky."
        )
    if isinstance(exc, FileNotFoundError):
        return DossierError(f"{label} neexistuje; zkontrolujte název a složku.")
    if isinstance(exc, IsADirectoryError):
        return DossierError(f"{label} je složka, ne soubor; vyberte soubor uvnitř ní.")
    if isinstance(exc, PermissionError):
        return DossierError(f"{label} nelze číst, protože chybí oprávnění; požádejte správce o přístup.")
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return DossierError(f"{label} má příliš dlouhý název nebo cestu; zkraťte název nebo jej přesuňte výš.")
    if exc.errno == errno.ELOOP:
        return DossierError(f"{label} je zacyklený odkaz; vyberte skutečný soubor.")
    return DossierError(f"{label} nelze číst kvůli chybě disku nebo sítě (kód {exc.errno or '?'}); zkuste to znovu.")


def check_regular(path: Path, label: str) -> os.stat_result:
    """The ``stat`` of ``path`` when it is a regular file; otherwise a Czech ``DossierError``."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_error(label, exc, path) from None
    except ValueError:  # a NUL in the name
        raise DossierError(f"{label} má neplatný název; vyberte jiný soubor.") from None
    for test, what in _KINDS:
        if test(info.st_mode):
            raise DossierError(f"{label} {what}.")
    if not stat.S_ISREG(info.st_mode):
        raise DossierError(f"{label} není běžný soubor; vyberte běžný soubor.")
    return info


def _too_big(label: str, too_big: str, size: int) -> DossierError:
    return DossierError(f"{label} {too_big} ({max(1, size // (1024 * 1024))} MB); vyberte správný soubor.")


def read_input(path: Path, label: str, max_bytes: int, too_big: str) -> bytes:
    """The bytes of ``path``; ``label`` names it in messages ("Soubor „x.dossier“").

    ``too_big`` ends the message for a file over ``max_bytes`` ("je příliš velký na …"); a
    hostile or mistaken file never gets read into memory whole.
    """
    info = check_regular(path, label)
    if info.st_size > max_bytes:
        raise _too_big(label, too_big, info.st_size)
    # O_NONBLOCK: if the file was swapped for a pipe since the stat, opening still cannot hang.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(label, exc) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise DossierError(f"{label} není běžný soubor; vyberte běžný soubor.")
            # As much as the stat promised and a byte more, then the rest (a file that grew since) up to
            # the limit: reading up to the limit at once set aside 200 MB for every dossier opened.
            expected = min(info.st_size, max_bytes) + 1
            data = handle.read(expected)
            if len(data) == expected:
                data += handle.read(max_bytes + 1 - expected)
    except OSError as exc:
        raise _os_error(label, exc) from None
    if len(data) > max_bytes:
        raise _too_big(label, too_big, len(data))
    return data


def read_head(path: Path, label: str, size: int = 8) -> bytes:
    """The first bytes of a regular file (to tell formats apart); the same refusals as above."""
    check_regular(path, label)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise _os_error(label, exc) from None
