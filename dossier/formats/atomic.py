"""Atomic file replacement: the old file survives any failure while the new one is written.

Write a temporary file in the same folder, flush and fsync it, keep the previous version as
``NAME.bak``, then ``os.replace``. On Windows another program (antivirus, a backup agent,
Excel's preview) may hold the target open for a moment; the replace is retried before giving up.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from ..core.errors import DossierError

REPLACE_ATTEMPTS = 5
REPLACE_PAUSE_S = 0.2


def _czech_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "chybí oprávnění k zápisu (složka jen pro čtení nebo soubor otevřený jiným programem)"
    if exc.errno == errno.ENOSPC:
        return "na disku není dost místa"
    if exc.errno == errno.EROFS:
        return "disk je jen pro čtení"
    if isinstance(exc, FileNotFoundError):
        return "složka neexistuje"
    return exc.strerror or str(exc)


def _replace_with_retry(source: str, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` or leave it untouched; raises ``DossierError`` in Czech."""
    path = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(tmp_name, _mode_for(path))  # mkstemp makes 0600; keep what the file (or umask) had
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        _replace_with_retry(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise DossierError(f"Soubor „{path.name}“ se nepodařilo uložit: {_czech_reason(exc)}. "
                           "Původní soubor zůstal beze změny.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (not on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
