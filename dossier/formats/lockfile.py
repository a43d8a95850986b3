"""A lock file beside the dossier, in the spirit of LibreOffice's ``.~lock.NAME#``.

Offices keep dossiers on network shares; the lock tells a colleague (or a second window)
who is editing and since when, so they open the file read-only instead of overwriting each
other's work. A lock older than a day, or one left by this user on this machine by a process
that no longer runs, is stale and may be taken over after asking.
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
from dataclasses import dataclass
from pathlib import Path

STALE_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: dt.datetime

    def describe(self) -> str:
        return f"{self.user} (počítač {self.host}) od {self.since:%d. %m. %Y %H:%M}"


@dataclass(frozen=True)
class LockState:
    owned: bool  # True: we hold the lock and may write
    holder: LockInfo | None = None  # who holds it when we do not
    stale: bool = False  # the holder is gone; taking over is safe after asking


def lock_path(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}#")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service contexts
        user = "neznámý uživatel"
    return LockInfo(user=user, host=socket.gethostname(), pid=os.getpid(), since=dt.datetime.now().replace(microsecond=0))


def _encode(info: LockInfo) -> bytes:
    return f"{info.user},{info.host},{info.pid},{info.since.isoformat()}\n".encode("utf-8")


def read_lock(path: Path) -> LockInfo | None:
    try:
        user, host, pid, since = lock_path(path).read_text(encoding="utf-8").strip().rsplit(",", 3)
        return LockInfo(user, host, int(pid), dt.datetime.fromisoformat(since))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        # Unreadable or foreign content: treat as held by someone unknown, long ago.
        return LockInfo("neznámý uživatel", "?", 0, dt.datetime.min)


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A crashed process nobody has reaped yet still answers kill(pid, 0) on Linux."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def is_stale(info: LockInfo, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.now()
    if now - info.since > STALE_AFTER:
        return True
    me = _me()
    return info.user == me.user and info.host == me.host and info.pid != me.pid and not _pid_running(info.pid)


def acquire(path: Path) -> LockState:
    """Take the lock if it is free; otherwise report who holds it (and whether it is stale)."""
    me = _me()
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        holder = read_lock(path)
        if holder is None:  # vanished meanwhile: try once more
            return acquire(path)
        if holder.host == me.host and holder.pid == me.pid:
            return LockState(owned=True)
        return LockState(owned=False, holder=holder, stale=is_stale(holder))
    except OSError:
        # A read-only share: nobody can lock or save here; the caller opens read-only anyway.
        return LockState(owned=False, holder=None)
    with os.fdopen(fd, "wb") as handle:
        handle.write(_encode(me))
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
    holder = read_lock(path)
    me = _me()
    if holder and holder.host == me.host and holder.pid == me.pid:
        try:
            lock_path(path).unlink()
        except OSError:
            pass
