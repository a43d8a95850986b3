"""Recovery copies written on a thread of their own: typing never waits for the disk.

The editor's thread takes a snapshot (``DumpCache.snapshot``: milliseconds, and nothing in it
is shared with the model the editor goes on changing); the writer's thread encodes it and
writes the copy atomically, fsync included, however long a share takes. One write at a time:
a snapshot that comes meanwhile waits, and only the newest waiting one is written. How a write
ended comes back to the editor's thread by signal.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.errors import DossierError
from ..formats import recovery
from ..formats.atomic import czech_reason
from ..formats.dump_cache import Snapshot
from ..logs import log_unexpected

_Job = tuple[Path, Snapshot, Path | None]


def failure_message(folder: Path, exc: BaseException) -> str:
    """Why a copy could not be written, as one Czech sentence (the status bar shows a shorter text)."""
    # ``atomic`` words its failures for a dossier the user named; a copy's file is a hash, so
    # the disk's own reason is taken from the OSError it keeps as context.
    cause = exc if isinstance(exc, OSError) else exc.__context__
    if isinstance(cause, FileExistsError):  # making the folder: a file has its name
        reason = "v cestě ke složce je soubor místo složky"
    elif isinstance(cause, OSError):
        reason = czech_reason(cause)
    elif isinstance(exc, DossierError):
        return f"Záložní kopii rozpracované žádosti se nepodařilo uložit: {exc}"
    else:
        reason = "nastala neočekávaná chyba programu"
    return f"Záložní kopii rozpracované žádosti se nepodařilo uložit do složky {folder}, protože {reason}."


class RecoveryWriter(QObject):
    #: A copy could not be written; why, in one Czech sentence (``failure_message``).
    failed = Signal(str)
    #: A copy is on disk (tests wait for it).
    written = Signal()
    #: From the writer's thread: the reason the write failed, or "".
    _done = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._waiting: _Job | None = None
        self._done.connect(self._finished)  # queued: runs on the editor's thread

    def write(self, folder: Path, snapshot: Snapshot, original: Path | None) -> None:
        job = (folder, snapshot, original)
        if self._waiting is not None or self.busy():
            self._waiting = job  # an older waiting snapshot is never written
        else:
            self._start(job)

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def finish(self) -> None:
        """Drop the waiting snapshot and wait until the copy being written is on disk (before a
        discard, on quit, in a crash: never two writers at once, never a copy after a discard)."""
        self._waiting = None
        if self._thread is not None:
            self._thread.join()

    def _start(self, job: _Job) -> None:
        # Not a daemon: a copy being written when the app ends is finished first.
        self._thread = threading.Thread(target=self._work, args=job, name="dossier-obnova")
        self._thread.start()

    def _work(self, folder: Path, snapshot: Snapshot, original: Path | None) -> None:
        """On the writer's thread: touches nothing but the snapshot and the files."""
        try:
            recovery.write_recovery_bytes(folder, snapshot.encode(), original)
            reason = ""
        except (DossierError, OSError) as exc:  # OSError: the recovery folder itself cannot be made
            reason = failure_message(folder, exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not end the thread unseen
            log_unexpected("záložní kopie", exc)
            reason = failure_message(folder, exc)
        with contextlib.suppress(RuntimeError):  # the window is gone; the copy is on disk all the same
            self._done.emit(reason)

    def _finished(self, reason: str) -> None:
        if reason:
            self.failed.emit(reason)
        else:
            self.written.emit()
        if self._waiting is not None and not self.busy():
            job, self._waiting = self._waiting, None
            self._start(job)
