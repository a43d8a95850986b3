"""The read-only banner across the window: who holds the dossier, since when, and what one can do.

A colleague's lock (or a folder we cannot write to) makes the dossier read-only. The status bar
alone was too easy to miss, so a red banner stays above the editor for as long as it lasts, with
*Uložit jako…* and, once the colleague's lock has gone stale, *Převzít zámek…*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ..formats import lockfile
from .document import Document
from .widgets import Banner, install_above_central

if TYPE_CHECKING:
    from .main_window import MainWindow

STYLE = "background: #fde7e9; border-bottom: 1px solid #d13438;"
#: How often a shown banner looks again whether the colleague's lock has gone stale.
RECHECK_MS = 60_000


class ReadOnlyBanner(Banner):
    def __init__(self, window: MainWindow, document: Document, parent: QWidget | None = None):
        super().__init__("read_only_banner", STYLE, parent)
        self.window_, self.document = window, document
        self.save_as_button = self.add_button(
            "Uložit jako…",
            lambda: window.files.save_as(),
            "Uloží vaše změny do jiného souboru; originál zůstane beze změny.",
        )
        self.take_over_button = self.add_button(
            "Převzít zámek…",
            self.take_over,
            "Zámek se déle neobnovil; převezměte jej, jen pokud žádost nikdo jiný neupravuje.",
        )
        self.recheck = QTimer(self)
        self.recheck.setInterval(RECHECK_MS)
        self.recheck.timeout.connect(self.update_state)
        document.fileChanged.connect(self.update_state)
        document.dossierReplaced.connect(self.update_state)
        self.update_state()

    def _stale_holder(self) -> lockfile.LockInfo | None:
        path = self.document.path
        holder = lockfile.read_lock(path) if path is not None else None
        return holder if holder is not None and lockfile.is_stale(holder) else None

    def update_state(self) -> None:
        read_only = self.document.read_only
        self.setVisible(read_only)
        if not read_only:
            self.recheck.stop()
            return
        reason = self.document.read_only_reason or "Žádost je otevřena jen pro čtení."
        self.label.setText(f"<b>Jen pro čtení.</b> {reason}")
        self.take_over_button.setVisible(self._stale_holder() is not None and self.window_.safety is not None)
        self.recheck.start()

    def take_over(self) -> None:
        safety = self.window_.safety
        if safety is not None and self.document.path is not None:
            safety.take_over(self.document.path)
        self.update_state()


def install_read_only_banner(window: MainWindow, document: Document) -> ReadOnlyBanner:
    """Put the banner above the window's central widget (one call from the main window)."""
    banner = ReadOnlyBanner(window, document)
    install_above_central(window, banner)
    return banner
