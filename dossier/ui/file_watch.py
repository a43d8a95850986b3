"""Watch the open dossier on disk and say at once when someone else changed it.

QFileSystemWatcher reports local changes immediately; network drives do not always notify,
so the file is also checked every two seconds (a ``stat``; the content hash only when size or
time moved). The notice is non-modal: typing is never interrupted.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ..core.dates import format_moment
from ..core.errors import DossierError, short_name
from ..formats import disk_state, native

POLL_MS = int(os.environ.get("DOSSIER_WATCH_MS", "2000") or 2000)


class FileWatch(QObject):
    #: The file on disk no longer holds what we loaded or saved (path).
    changedOnDisk = Signal(str)  # noqa: N815 - Qt signal naming

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

    def follow(self, path: Path | None) -> None:
        """Watch ``path`` from now on (after open, save as, reload)."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self._told = None
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def check(self, *_args) -> None:
        path, state = self.files.document.path, self.files.disk_state
        if path is None or state is None or self.files.state_path != path:
            return
        moved = disk_state.stat_differs(path, state)
        if str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))  # a replace (atomic save) ends an inotify watch
        if moved is False:
            return
        if moved is None:
            self._tell(
                "gone",
                f"Soubor „{short_name(path.name)}“ byl smazán nebo přesunut; uložením (Ctrl+S) jej vytvoříte znovu.",
            )
            return
        try:
            current = disk_state.read_state(path, native.MAX_FILE_BYTES)
        except DossierError:
            return  # half-written by a slow share: the next check sees the result
        if current is None or current[0].sha256 == state.sha256:
            if current is not None:
                self.files.disk_state = current[0]  # same bytes, new time: nothing to tell
            return
        when = current[0].modified
        self._tell(
            current[0].sha256,
            f"Soubor „{short_name(path.name)}“ právě uložil {disk_state.who_changed(path)} "
            f"({format_moment(when)}); při uložení se zeptáme, zda ponechat obě verze, "
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
