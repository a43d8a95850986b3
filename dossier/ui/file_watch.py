"""Watch the open dossier on disk and say at once when someone else changed it.

QFileSystemWatcher reports local changes immediately; network drives do not always notify,
so the file is also checked every two seconds (a ``stat``; the content hash only when size or
time moved, and not again for a change already told). The check runs on a thread of its own: a
share that stops answering leaves the window alone (one check at a time, so a hung one is not
joined by more). The notice is non-modal and takes neither the keyboard nor a default button:
typing is never interrupted. It closes when what it says no longer holds (our save, the file back).
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

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
    same: bool = False  # the file holds what we know (perhaps with a new time)


def look(path: Path, known: disk_state.DiskState, told: disk_state.DiskState | None = None) -> Look:
    """On the checking thread: only the files, nothing of the window or the dossier.

    ``told`` is the change the user was already told about: while size and time stay as they were
    then, the file is not read again (a share would be read in full every two seconds).
    """
    moved = disk_state.stat_differs(path, known)
    if moved is None:
        return Look(path, known, exists=path.exists(), gone=True)
    if not moved:
        return Look(path, known, same=True)
    if told is not None and disk_state.stat_differs(path, told) is False:
        return Look(path, known)  # nothing new since the notice
    try:
        found = disk_state.read_state(path, native.MAX_FILE_BYTES)
    except DossierError:
        return Look(path, known)  # half-written by a slow share: the next check sees the result
    if found is None:
        return Look(path, known, exists=False, gone=True)
    current = found[0]
    if current.sha256 == known.sha256:
        return Look(path, known, current=current, same=True)
    return Look(path, known, current=current, who=disk_state.who_changed(path))


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
        self._told_state: disk_state.DiskState | None = None  # the file's state when we told a change
        self.notices: list[str] = []  # what was said, newest last (also for tests)
        self._box: QMessageBox | None = None
        self._status = ""  # the status bar line of the notice, cleared with it
        self._looking: threading.Thread | None = None
        self._looked.connect(self._take)  # queued: runs on the window's thread

    def follow(self, path: Path | None) -> None:
        """Watch ``path`` from now on (after open, save as, reload)."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self._withdraw()  # we saved, reloaded or opened: what the notice said no longer holds
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
        args = (path, state, self._told_state)
        self._looking = threading.Thread(target=self._look, args=args, name="dossier-watch", daemon=True)
        self._looking.start()

    def _look(self, path: Path, known: disk_state.DiskState, told: disk_state.DiskState | None) -> None:
        try:
            found = look(path, known, told)
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
                "Soubor byl smazán nebo přesunut – viz upozornění.",
            )
            return
        current = found.current
        if found.same:
            if current is not None:
                self.files.disk_state = current  # same bytes, new time: nothing to tell
            self._withdraw()  # the file is back as we know it
            return
        if current is None:
            return  # nothing new since the notice, or half-written: the next check sees the result
        self._tell(
            current.sha256,
            f"Soubor „{short_name(path.name)}“ právě uložil {found.who} "
            f"({format_moment(current.modified)}); při uložení se zeptáme, zda ponechat obě verze, "
            "načíst jejich, nebo přepsat.",
            "Soubor právě uložil někdo jiný – viz upozornění.",
            offer_reload=True,
        )
        self._told_state = current

    def _reload(self) -> None:
        self.files.reload_theirs()

    def _withdraw(self) -> None:
        """Close the notice (and its status bar line): what it said no longer holds."""
        self._told = self._told_state = None
        if self._box is not None:
            self._box.close()
            self._box.deleteLater()
            self._box = None
            bar = self.files.window.statusBar()
            if bar.currentMessage() == self._status:
                bar.clearMessage()

    def _tell(self, key: str, message: str, status: str, offer_reload: bool = False) -> None:
        """The notice with the whole ``message``; the status bar, which has room for a few words
        beside the totals, says ``status``."""
        if self._told == key:
            return
        self._withdraw()
        self._told = key
        self.notices.append(message)
        self.changedOnDisk.emit(str(self.files.document.path))
        window = self.files.window
        self._status = status
        window.statusBar().showMessage(status, 30000)
        box = QMessageBox(QMessageBox.Icon.Information, "Soubor se změnil na disku", message, parent=window)
        box.setModal(False)
        # The user is typing: the notice must not take the keys, or the next Space or Enter would
        # press one of its buttons. No default button; the harmless one has the focus for when the
        # user deliberately clicks or switches to the notice.
        box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        if offer_reload:
            reload_button = box.addButton("Načíst jejich verzi", QMessageBox.ButtonRole.ActionRole)
            reload_button.clicked.connect(self._reload)
        close_button = box.addButton("Zavřít", QMessageBox.ButtonRole.RejectRole)
        for button in box.buttons():
            button.setAutoDefault(False)
        close_button.setFocus()
        active = QApplication.activeWindow()
        box.show()
        # In the window's lower right corner, not over the middle of the form being typed in.
        corner = window.mapToGlobal(window.rect().bottomRight())
        margin = window.statusBar().height() + 12
        box.move(corner.x() - box.frameGeometry().width() - 12, corner.y() - box.frameGeometry().height() - margin)
        if active is not None and active.isVisible():
            active.activateWindow()  # where a platform activates every new window anyway
        self._box = box
