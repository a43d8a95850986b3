"""What a dossier file looked like when we loaded or saved it, to notice someone else's save.

Size and modification time are cheap to compare and catch almost every change; the SHA-256 of
the content decides (network drives round times, sync clients rewrite identical bytes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DossierError, file_label
from ..core.filenames import safe_filename
from . import lockfile
from .reading import read_input
from .sibling import sibling_name


@dataclass(frozen=True)
class DiskState:
    size: int
    mtime_ns: int
    sha256: str

    def same_stat(self, info: os.stat_result) -> bool:
        return info.st_size == self.size and info.st_mtime_ns == self.mtime_ns

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9).astimezone()


def state_of(data: bytes, info: os.stat_result) -> DiskState:
    return DiskState(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def read_state(path: Path, max_bytes: int) -> tuple[DiskState, bytes] | None:
    """The file's state and bytes now; ``None`` when it is gone. Raises ``DossierError`` in Czech."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        before = None
    try:
        data = read_input(Path(path), file_label(path), max_bytes, "je příliš velký na dokument Dossier")
    except DossierError:
        if not Path(path).exists():
            return None
        raise
    info = before if before is not None else os.stat(path)
    return state_of(data, info), data


def stat_differs(path: Path, state: DiskState) -> bool | None:
    """True/False whether size or time moved; ``None`` when the file is gone or unreadable."""
    try:
        return not state.same_stat(os.stat(path))
    except OSError:
        return None


def who_changed(path: Path) -> str:
    """Our best guess of who saved the file: the holder of its lock, else its owner, else "někdo"."""
    holder = lockfile.read_lock(path)
    if holder is not None and not lockfile.is_mine(holder):
        return f"{holder.user} (počítač {holder.host})" if holder.host else holder.user
    if os.name == "posix":
        try:
            import pwd

            uid = os.stat(path).st_uid
            if uid != os.getuid():
                return pwd.getpwuid(uid).pw_name
        except (OSError, KeyError, ImportError):
            pass
    return "jiný program nebo uživatel"


def side_copy_path(path: Path, label: str, at: dt.datetime | None = None) -> Path:
    """A free name beside ``path``: "žádost (moje verze 2026-12-02 09-15).dossier"."""
    at = at or dt.datetime.now()
    stem, suffix = path.stem, path.suffix or ".dossier"
    base = safe_filename(f"{label} {at:%Y-%m-%d %H-%M}")
    for number in range(1, 1000):
        extra = f" ({base})" if number == 1 else f" ({base} {number})"
        name = sibling_name(stem, suffix=f"{extra}{suffix}")
        candidate = path.with_name(name)
        if not candidate.exists():
            return candidate
    raise DossierError(f"{file_label(path)}: ve složce nelze vytvořit název pro kopii; ukliďte staré kopie.")
