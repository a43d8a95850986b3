"""Atomic file replacement: the old file survives any failure while the new one is written.

1. The new content goes to a temporary file in the same folder, flushed and fsynced.
2. The previous version is copied to a second temporary file, fsynced (the future ``.bak``).
3. ``os.replace`` puts the new file in place, then the copy replaces ``NAME.bak``.

A kill at any moment leaves the main file and ``.bak`` each whole (old or new, never a mix);
a failure before step 3 leaves both exactly as they were. Temporary names carry this
machine's tag and the writer's pid, so a later save removes the leftovers of writers that
died, without touching a colleague's save in progress. On Windows another program
(antivirus, a backup agent, Excel's preview) may hold the target open for a moment; the
replace is retried before giving up.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import socket
import time
from pathlib import Path

from ..core.errors import DossierError, file_label
from .lockfile import _pid_running
from .sibling import sibling

REPLACE_ATTEMPTS = 5
REPLACE_PAUSE_S = 0.2
#: A temporary file this old belongs to a writer that is surely gone (any machine).
ORPHAN_AGE_S = 24 * 3600
_TMP_SUFFIX = ".tmp"


def _short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def _tmp_prefix(path: Path) -> str:
    """``.~NAMEHASH.`` – fixed length, so that a 250-byte dossier name still gets a temp file."""
    return f".~{_short_hash(path.name)}."


def _host_tag() -> str:
    return _short_hash(socket.gethostname(), 6)


def _tmp_path(path: Path) -> Path:
    return path.with_name(f"{_tmp_prefix(path)}{_host_tag()}.{os.getpid()}.{secrets.token_hex(3)}{_TMP_SUFFIX}")


def czech_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "chybí oprávnění k zápisu (složka jen pro čtení nebo soubor otevřený jiným programem)"
    if exc.errno == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return "na disku není dost místa"
    if exc.errno == errno.EROFS:
        return "disk je jen pro čtení"
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return "název nebo cesta je příliš dlouhá (zkraťte název)"
    if isinstance(exc, FileNotFoundError):
        return "složka neexistuje"
    if isinstance(exc, NotADirectoryError):
        return "v cestě ke složce je soubor místo složky"
    if exc.errno == errno.EDQUOT:
        return "je vyčerpána kvóta disku"
    return "chyba disku nebo sítě (kód {})".format(exc.errno or "?")


def _replace_with_retry(source: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)


def _write_synced(target: Path, data: bytes, mode: int) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        os.chmod(target, mode)  # O_CREAT 0600; keep what the file (or umask) had
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _copy_synced(source: Path, target: Path, mode: int) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle, open(source, "rb") as original:
        os.chmod(target, mode)
        shutil.copyfileobj(original, handle, 1024 * 1024)
        handle.flush()
        os.fsync(handle.fileno())


def backup_path(path: Path) -> Path:
    return Path(sibling(Path(path), suffix=".bak"))


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` or leave it (and its ``.bak``) untouched.

    Raises ``DossierError`` with one Czech sentence saying what happened to the old files.
    """
    path = Path(path)
    remove_orphans(path)
    backup = backup_path(path)
    new_tmp = bak_tmp = None
    replaced = False
    try:
        mode = _mode_for(path)
        new_tmp = _tmp_path(path)
        _write_synced(new_tmp, data, mode)
        if keep_backup and path.is_file():
            remove_orphans(backup)
            bak_tmp = _tmp_path(backup)
            _copy_synced(path, bak_tmp, mode)
        _replace_with_retry(new_tmp, path)
        new_tmp, replaced = None, True
        if bak_tmp is not None:
            _replace_with_retry(bak_tmp, backup)
            bak_tmp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        if replaced:
            # The new version is saved; only the backup could not be refreshed (the older one stays).
            return
        if not _exists(path):
            kept = "nic nebylo změněno"
        elif keep_backup and _exists(backup):
            kept = "původní soubor i záloha .bak zůstaly beze změny"
        else:
            kept = "původní soubor zůstal beze změny"
        raise DossierError(f"{file_label(path)} se nepodařilo uložit, protože {czech_reason(exc)}; {kept}.") from None
    finally:
        for leftover in (new_tmp, bak_tmp):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def remove_orphans(path: Path) -> list[Path]:
    """Delete temporary files of earlier saves of ``path`` whose writer is gone; returns them."""
    prefix = _tmp_prefix(path)
    host = _host_tag()
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        parts = name[len(prefix) : -len(_TMP_SUFFIX)].split(".")
        try:
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        ours_dead = (
            len(parts) == 3
            and parts[0] == host
            and parts[1].isdigit()
            and int(parts[1]) != os.getpid()
            and not _pid_running(int(parts[1]))
        )
        if ours_dead or age > ORPHAN_AGE_S:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
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
