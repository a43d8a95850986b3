"""Watch the open dossier on disk and say at once when someone else changed it.

QFileSystemWatcher reports local changes immediately; network drives do not always notify,
so the file is also checked every two seconds (a ``stat``; the content hash only when size or
time moved). The check runs on a thread of its own: a share that stops answering leaves the
window alone (one check at a time, so a hung one is not joined by more). The notice is
non-modal: typing is never interrupted.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ..core.dates import format_moment
from ..core.errors import DossierError, short_name
from ..formats import disk_state, native

POLL_MS = int(os.environ.get("DOSSIER_WATCH_MS", "2000") or 2000)


@dataclass(frozen=True)
class Look:
    """What one check found, made on the checking thread from the path and the state we knew."""

    path: Path
    known: disk_state.DiskState
    exists: bool = True
    gone: bool = False  # deleted or moved (or unreadable)
    current: disk_state.DiskState | None = None  # the file's state when size or time moved
    who: str = ""  # who saved it, when the content changed


def look(path: Path, known: disk_state.DiskState) -> Look:
    """On the checking thread: only the files, nothing of the window or the dossier."""
    moved = disk_state.stat_differs(path, known)
    if moved is None:
        return Look(path, known, exists=path.exists(), gone=True)
    if not moved:
        return Look(path, known)
    try:
        found = disk_state.read_state(path, native.MAX_FILE_BYTES)
    except DossierError:
        return Look(path, known)  # half-written by a slow share: the next check sees the result
    if found is None:
        return Look(path, known, exists=False, gone=True)
    current = found[0]
    return Look(
        path, known, current=current, who="" if current.sha256 == known.sha256 else disk_state.who_changed(path)
    )


class FileWatch(QObject):
    #: The file on disk no longer holds what we loaded or saved (path).
    changedOnDisk = Signal(str)  # noqa: N815 - Qt signal naming
    #: A check's result was taken in (tests wait for it).
    checked = Signal()
    #: From the checking thread.
    _looked = Signal(object)

    def __init__(self, files):
        super().__init__(files)
        self.files = files
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self.check)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._told: str | None = None  # the hash (or "gone") we already told the user about
        self.notices: list[str] = []  # what was said, newest last (also for tests)
        self._box: QMessageBox | None = None
        self._looking: threading.Thread | None = None
        self._looked.connect(self._take)  # queued: runs on the window's thread

    def follow(self, path: Path | None) -> None:
        """Watch ``path`` from now on (after open, save as, reload)."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self._told = None
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def check(self, *_args) -> None:
        """Look at the file on the checking thread; ``_take`` gets the result."""
        path, state = self.files.document.path, self.files.disk_state
        if path is None or state is None or self.files.state_path != path:
            return
        if self._looking is not None and self._looking.is_alive():
            return  # the last look still waits for the share
        # A daemon: a share that never answers must not keep the app from ending.
        self._looking = threading.Thread(target=self._look, args=(path, state), name="dossier-watch", daemon=True)
        self._looking.start()

    def _look(self, path: Path, known: disk_state.DiskState) -> None:
        try:
            found = look(path, known)
        except OSError:
            return  # the next check tries again
        with contextlib.suppress(RuntimeError):  # the window is gone
            self._looked.emit(found)

    def _take(self, found: Look) -> None:
        if found.path == self.files.document.path and found.known == self.files.disk_state:
            self._act_on(found)  # else we saved or opened meanwhile: the look is out of date
        self.checked.emit()

    def _act_on(self, found: Look) -> None:
        path = found.path
        if found.exists and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # a replace (atomic save) ends an inotify watch
        if found.gone:
            self._tell(
                "gone",
                f"Soubor „{short_name(path.name)}“ byl smazán nebo přesunut; uložením (Ctrl+S) jej vytvoříte znovu.",
            )
            return
        current = found.current
        if current is None:
            return
        if current.sha256 == found.known.sha256:
            self.files.disk_state = current  # same bytes, new time: nothing to tell
            return
        self._tell(
            current.sha256,
            f"Soubor „{short_name(path.name)}“ právě uložil {found.who} "
            f"({format_moment(current.modified)}); při uložení se zeptáme, zda ponechat obě verze, "
            "načíst jejich, nebo přepsat.",
            offer_reload=True,
        )

    def _reload(self) -> None:
        self.files.reload_theirs()

    def _tell(self, key: str, message: str, offer_reload: bool = False) -> None:
        if self._told == key:
            return
        self._told = key
        self.notices.append(message)
        self.changedOnDisk.emit(str(self.files.document.path))
        window = self.files.window
        window.statusBar().showMessage(message, 30000)
        if self._box is not None:
            self._box.close()
        box = QMessageBox(QMessageBox.Icon.Information, "Soubor se změnil na disku", message, parent=window)
        box.setModal(False)
        if offer_reload:
            reload_button = box.addButton("Načíst jejich verzi", QMessageBox.ButtonRole.ActionRole)
            reload_button.clicked.connect(self._reload)
        box.addButton("Zavřít", QMessageBox.ButtonRole.RejectRole)
        box.show()
        self._box = box
