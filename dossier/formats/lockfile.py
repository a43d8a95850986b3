"""A lock file beside the dossier, in the spirit of LibreOffice's ``.~lock.NAME#``.

Offices keep dossiers on network shares; the lock tells a colleague (or a second window)
who is editing and since when, so they open the file read-only instead of overwriting each
other's work. The app holding the lock touches it every minute (``refresh``); the lock is
stale only when nobody touched it for several minutes, or when it was left on this machine
by a process that no longer runs. Anything unreadable in a lock means "held by someone
unknown": never a reason to open the dossier writable without asking.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from ..core.dates import format_moment
from .sibling import sibling

#: How often the holder touches its lock.
REFRESH_INTERVAL = dt.timedelta(minutes=1)
#: Not touched for this long: the holder is gone (crashed, unplugged, asleep for good).
STALE_AFTER = 5 * REFRESH_INTERVAL
#: A lock is one short line; more is not ours and is not read.
MAX_LOCK_BYTES = 4096
UNKNOWN_USER = "neznámý uživatel"


def _local(moment: dt.datetime) -> dt.datetime:
    """Aware local time; a time without zone is taken as this machine's local time."""
    return moment.astimezone() if moment.tzinfo is None else moment.astimezone()


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: dt.datetime | None  # None: the lock does not say (foreign or damaged)
    refreshed: dt.datetime | None = None  # when the holder last touched the lock (its mtime)

    def describe(self) -> str:
        who = self.user if not self.host else f"{self.user} (počítač {self.host})"
        if self.since is None:
            return f"{who}, od neznámé doby"
        return f"{who} od {format_moment(_local(self.since))}"


@dataclass(frozen=True)
class LockState:
    owned: bool  # True: we hold the lock and may write
    holder: LockInfo | None = None  # who holds it when we do not
    stale: bool = False  # the holder is gone; taking over is safe after asking


def lock_path(path: Path) -> Path:
    return sibling(path, ".~lock.", "#")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service contexts
        user = UNKNOWN_USER
    return LockInfo(user=user, host=socket.gethostname(), pid=os.getpid(), since=now())


def _encode(info: LockInfo) -> bytes:
    assert info.since is not None  # only our own lock is written, and it says since when
    return f"{info.user},{info.host},{info.pid},{info.since.isoformat()}\n".encode()


def _parse_time(text: str) -> dt.datetime | None:
    """Any ISO 8601 time, with or without zone ("2021-01-01T00:00:00+01:00", "…Z")."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return _local(dt.datetime.fromisoformat(text))
    except (ValueError, OverflowError, OSError):
        return None


def _decode(raw: bytes, refreshed: dt.datetime | None) -> LockInfo:
    unknown = LockInfo(UNKNOWN_USER, "", 0, None, refreshed)
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return unknown
    parts = text.rsplit(",", 3)
    if len(parts) != 4 or "\n" in text or not parts[0].strip():
        return unknown
    user, host, pid, since = (p.strip() for p in parts)
    try:
        pid_number = int(pid) if pid.isdigit() and len(pid) < 10 else 0
    except ValueError:
        pid_number = 0
    clean = lambda s: "".join(ch for ch in s if ch.isprintable())[:60]  # noqa: E731 - shown to users
    return LockInfo(clean(user) or UNKNOWN_USER, clean(host), pid_number, _parse_time(since), refreshed)


def read_lock(path: Path) -> LockInfo | None:
    """Who holds the lock of ``path``; ``None`` when there is no lock; never raises."""
    target = lock_path(path)
    try:
        refreshed = _local(dt.datetime.fromtimestamp(os.stat(target).st_mtime))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, OverflowError):
        return LockInfo(UNKNOWN_USER, "", 0, None, None)
    try:
        with open(target, "rb") as handle:
            raw = handle.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:  # a folder, a device, no permission: someone unknown holds it
        return LockInfo(UNKNOWN_USER, "", 0, None, refreshed)
    if len(raw) > MAX_LOCK_BYTES:
        return LockInfo(UNKNOWN_USER, "", 0, None, refreshed)
    return _decode(raw, refreshed)


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A crashed process nobody has reaped yet still answers kill(pid, 0) on Linux."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def is_stale(info: LockInfo, at: dt.datetime | None = None) -> bool:
    """Not refreshed for ``STALE_AFTER``, or its process is gone on this very machine."""
    at = _local(at) if at is not None else now()
    if info.refreshed is not None and at - _local(info.refreshed) > STALE_AFTER:
        return True
    me = _me()
    return (
        bool(info.host) and info.host == me.host and info.pid > 0 and info.pid != me.pid and not _pid_running(info.pid)
    )


def is_mine(info: LockInfo | None) -> bool:
    me = _me()
    return info is not None and info.host == me.host and info.pid == me.pid


def held_by_other(path: Path) -> LockInfo | None:
    """Who has ``path`` open right now, if somebody else does (a live lock that is not ours)."""
    holder = read_lock(path)
    return None if holder is None or is_stale(holder) or is_mine(holder) else holder


def acquire(path: Path, _attempts: int = 3) -> LockState:
    """Take the lock if it is free; otherwise report who holds it (and whether it is stale)."""
    me = _me()
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        holder = read_lock(path)
        if holder is None and _attempts > 1:  # vanished meanwhile: try again
            return acquire(path, _attempts - 1)
        holder = holder or LockInfo(UNKNOWN_USER, "", 0, None, None)
        if is_mine(holder):
            return LockState(owned=True)
        return LockState(owned=False, holder=holder, stale=is_stale(holder))
    except OSError:
        # A read-only share or a name the system refuses: nobody can lock or save here.
        return LockState(owned=False, holder=None)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encode(me))
    except OSError:
        return LockState(owned=False, holder=None)
    return LockState(owned=True)


def refresh(path: Path) -> LockState:
    """Touch our lock so colleagues see we are still here; tells when it is no longer ours."""
    holder = read_lock(path)
    if holder is None:  # removed behind our back (a cleanup tool, a colleague): take it again
        return acquire(path)
    if not is_mine(holder):
        return LockState(owned=False, holder=holder, stale=is_stale(holder))
    # A share that refuses times: the lock still names us; colleagues may see it as stale.
    with contextlib.suppress(OSError):
        os.utime(lock_path(path))
    return LockState(owned=True)


def take_over(path: Path) -> LockState:
    """Replace a stale lock with ours (after the user agreed)."""
    try:
        lock_path(path).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return LockState(owned=False, holder=read_lock(path))
    return acquire(path)


def release(path: Path) -> None:
    """Remove our lock; never someone else's."""
    if is_mine(read_lock(path)):
        with contextlib.suppress(OSError):
            lock_path(path).unlink()
