"""Recovery copies: what the user typed survives a crash or a power cut.

The app writes the open dossier (debounced, after changes) to a per-user folder as
``<key>.dossier`` plus ``<key>.json`` naming the file it belongs to, when it was written, and
which version of that file the session had read or last saved (its *base*). A clean save or
close removes it; at the next start a leftover copy is offered for restore.

The key names the file *and the session*: a crashed session's copy the user put off
(Později) is never overwritten or removed by a later session editing the same file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..core.dates import format_moment
from ..core.errors import DossierError
from ..core.model import Dossier
from . import native
from .atomic import atomic_write_bytes
from .disk_state import DiskState, read_state
from .lockfile import _pid_running

#: This process's copies carry it in their name and record (a pid alone is reused after a reboot).
SESSION = f"{os.getpid()}-{secrets.token_hex(4)}"

#: The version of each file this session's copy is based on (path -> state), set by the editor's
#: thread, read by the writer's thread when it writes the record.
_bases: dict[str, DiskState | None] = {}
#: A version no file has: saving a restored copy whose base is not known always asks.
UNKNOWN_BASE = DiskState(-1, 0, "")


@dataclass(frozen=True)
class RecoveryCopy:
    data_path: Path
    meta_path: Path
    original: str  # the dossier file it belongs to ("" for a never-saved dossier)
    saved_at: dt.datetime
    pid: int
    session: str = ""  # "" in copies written before sessions were recorded
    #: The file's version the session had read or last saved; ``None`` when it had none or the
    #: copy predates the record (``base_known`` tells which).
    base: DiskState | None = None
    base_known: bool = False

    def describe(self) -> str:
        name = Path(self.original).name if self.original else "neuložená žádost"
        return f"{name} – uloženo {format_moment(self.saved_at, seconds=True)}"


def _path_id(original: Path) -> str:
    return str(Path(original).resolve())


def recovery_key(original: Path | None, session: str | None = None) -> str:
    """The copy's name: the file and the session that writes it."""
    session = session or SESSION
    if original is None:
        return f"neulozeno-{session}"
    return f"{hashlib.sha1(_path_id(original).encode('utf-8')).hexdigest()[:16]}-{session}"


def set_base(original: Path | None, state: DiskState | None) -> None:
    """Which version of *original* this session's copies are based on (after open, save, reload)."""
    if original is not None:
        _bases[str(original)] = state  # as the editor names it: no look at the disk while typing


def _base_record(original: Path | None) -> dict | None:
    state = _bases.get(str(original)) if original is not None else None
    return None if state is None else {"size": state.size, "mtime_ns": state.mtime_ns, "sha256": state.sha256}


def _read_base(meta: dict) -> tuple[DiskState | None, bool]:
    if "base" not in meta:  # written before copies recorded it
        return None, False
    base = meta["base"]
    if base is None:  # the session had read no version of the file
        return None, True
    try:
        return DiskState(int(base["size"]), int(base["mtime_ns"]), str(base["sha256"])), True
    except (KeyError, TypeError, ValueError):  # a damaged record: the copy still restores
        return None, False


def write_recovery(
    folder: Path, dossier: Dossier, original: Path | None, now: dt.datetime | None = None
) -> RecoveryCopy:
    return write_recovery_bytes(folder, native.dumps(dossier), original, now)


def write_recovery_bytes(
    folder: Path, data: bytes, original: Path | None, now: dt.datetime | None = None
) -> RecoveryCopy:
    """The copy from the dossier's bytes (``native.dumps``, or the editor's ``DumpCache``)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = recovery_key(original)
    data_path, meta_path = folder / f"{key}.dossier", folder / f"{key}.json"
    saved_at = (now or dt.datetime.now()).replace(microsecond=0)
    atomic_write_bytes(data_path, data, keep_backup=False)
    base = _base_record(original)
    meta = {
        "original": str(original) if original else "",
        "saved_at": saved_at.isoformat(),
        "pid": os.getpid(),
        "session": SESSION,
        "base": base,
    }
    atomic_write_bytes(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"), keep_backup=False)
    return RecoveryCopy(data_path, meta_path, str(meta["original"]), saved_at, os.getpid(), SESSION, *_read_base(meta))


def discard(folder: Path, original: Path | None) -> None:
    """This session's copy of *original*; other sessions' copies stay."""
    key = recovery_key(original)
    for suffix in (".dossier", ".json"):
        with contextlib.suppress(OSError):
            (folder / f"{key}{suffix}").unlink()


def discard_copy(copy: RecoveryCopy) -> None:
    for path in (copy.data_path, copy.meta_path):
        with contextlib.suppress(OSError):
            path.unlink()


def has_copy(folder: Path, original: Path | None) -> bool:
    """This session's copy of *original* is on disk."""
    key = recovery_key(original)
    return (folder / f"{key}.dossier").exists() and (folder / f"{key}.json").exists()


def leftover_copies(folder: Path) -> list[RecoveryCopy]:
    """Copies left by sessions that no longer run (a crash, or put off earlier), newest first."""
    copies = []
    for meta_path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data_path = meta_path.with_suffix(".dossier")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            copy = RecoveryCopy(
                data_path,
                meta_path,
                str(meta.get("original", "")),
                dt.datetime.fromisoformat(meta["saved_at"]),
                int(meta.get("pid", 0)),
                str(meta.get("session", "")),
                *_read_base(meta),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if data_path.exists() and _ended(copy):
            copies.append(copy)
    return sorted(copies, key=lambda c: c.saved_at, reverse=True)


def _ended(copy: RecoveryCopy) -> bool:
    if copy.session == SESSION:
        return False
    # Our own pid under another session: a process before a reboot that had our number.
    return copy.pid == os.getpid() or not _pid_running(copy.pid)


def base_for_restore(copy: RecoveryCopy) -> DiskState | None:
    """The version of the file the restored work is based on: saving over anything else asks first.

    ``None`` when the copy has no file or the file is gone (saving simply writes it). A copy
    without a usable record stands on a version nobody knows (``UNKNOWN_BASE``: saving asks),
    unless it is older than the copy itself and so cannot be someone's later save.
    """
    if not copy.original:
        return None
    path = Path(copy.original)
    if copy.base is not None:
        return copy.base
    try:
        found = read_state(path, native.MAX_FILE_BYTES)
    except DossierError:
        return UNKNOWN_BASE
    if found is None:
        return None
    current = found[0]
    if not copy.base_known and current.modified.replace(tzinfo=None) < copy.saved_at:
        return current
    return UNKNOWN_BASE


def load_copy(copy: RecoveryCopy) -> Dossier:
    try:
        return native.load(copy.data_path)
    except DossierError as exc:
        raise DossierError(f"Záložní kopii nelze obnovit: {exc}") from None
