"""Recovery copies: what the user typed survives a crash or a power cut.

The app writes the open dossier (debounced, after changes) to a per-user folder as
``<key>.dossier`` plus ``<key>.json`` naming the file it belongs to and when it was written.
A clean save or close removes it; at the next start a leftover copy is offered for restore.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..core.dates import format_moment
from ..core.errors import DossierError
from ..core.model import Dossier
from . import native
from .atomic import atomic_write_bytes
from .lockfile import _pid_running


@dataclass(frozen=True)
class RecoveryCopy:
    data_path: Path
    meta_path: Path
    original: str  # the dossier file it belongs to ("" for a never-saved dossier)
    saved_at: dt.datetime
    pid: int

    def describe(self) -> str:
        name = Path(self.original).name if self.original else "neuložená žádost"
        return f"{name} – uloženo {format_moment(self.saved_at, seconds=True)}"


def recovery_key(original: Path | None, pid: int | None = None) -> str:
    if original is None:
        return f"neulozeno-{pid or os.getpid()}"
    return hashlib.sha1(str(Path(original).resolve()).encode("utf-8")).hexdigest()[:16]


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
    meta = {"original": str(original) if original else "", "saved_at": saved_at.isoformat(), "pid": os.getpid()}
    atomic_write_bytes(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"), keep_backup=False)
    return RecoveryCopy(data_path, meta_path, str(meta["original"]), saved_at, os.getpid())


def discard(folder: Path, original: Path | None) -> None:
    key = recovery_key(original)
    for suffix in (".dossier", ".json"):
        with contextlib.suppress(OSError):
            (folder / f"{key}{suffix}").unlink()


def discard_copy(copy: RecoveryCopy) -> None:
    for path in (copy.data_path, copy.meta_path):
        with contextlib.suppress(OSError):
            path.unlink()


def leftover_copies(folder: Path) -> list[RecoveryCopy]:
    """Copies left by processes that no longer run (a crash), newest first."""
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
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if data_path.exists() and copy.pid != os.getpid() and not _pid_running(copy.pid):
            copies.append(copy)
    return sorted(copies, key=lambda c: c.saved_at, reverse=True)


def load_copy(copy: RecoveryCopy) -> Dossier:
    try:
        return native.load(copy.data_path)
    except DossierError as exc:
        raise DossierError(f"Záložní kopii nelze obnovit: {exc}") from None
