"""Nothing typed is lost: recovery copies while editing, the shared-drive lock, the crash dialog.

* After each edit (debounced) the open dossier is written to the per-user data folder; a
  clean save or close removes the copy, so a copy found at start means the app did not end
  cleanly and is offered for restore.
* The dossier's lock file tells a colleague on the share who is editing; a locked dossier
  opens read-only, a stale lock can be taken over after a question.
* An unexpected exception writes a recovery copy first and then tells the user in Czech,
  instead of the window vanishing.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from ..core.errors import DossierError
from ..formats import lockfile, recovery
from .document import Document

AUTOSAVE_DELAY_MS = 2000


def data_dir() -> Path:
    """Per-user data folder; ``DOSSIER_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def recovery_dir() -> Path:
    return data_dir() / "obnova"


class SafetyNet(QObject):
    def __init__(self, window, document: Document):
        super().__init__(window)
        self.window, self.document = window, document
        self.locked_path: Path | None = None
        self._handled_path: Path | None = None  # set_read_only re-emits fileChanged; handle a path once
        self._recovery_for: Path | None = None  # the path the last recovery copy was written under
        self._has_recovery = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.write_recovery)
        document.undo_stack.indexChanged.connect(self._edited)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.fileChanged.connect(self._file_changed)
        document.dossierReplaced.connect(self._reopened)
        self._file_changed()

    # -- recovery copies ---------------------------------------------------------------------
    def _edited(self, _index: int) -> None:
        try:
            modified = self.document.is_modified
        except RuntimeError:  # the window is being destroyed and its undo stack is gone
            return
        if modified:
            self.timer.start()

    def write_recovery(self) -> None:
        self.timer.stop()
        if not self.document.is_modified:
            return
        try:
            if self._has_recovery and self._recovery_for != self.document.path:
                recovery.discard(recovery_dir(), self._recovery_for)
            recovery.write_recovery(recovery_dir(), self.document.dossier, self.document.path)
        except DossierError as exc:
            self.window.statusBar().showMessage(f"Záložní kopii se nepodařilo uložit: {exc}", 10000)
            return
        self._recovery_for, self._has_recovery = self.document.path, True

    def discard_recovery(self) -> None:
        self.timer.stop()
        if self._has_recovery:
            recovery.discard(recovery_dir(), self._recovery_for)
            self._has_recovery = False

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard_recovery()

    # -- lock file -----------------------------------------------------------------------------
    def _reopened(self) -> None:
        self._handled_path = None if self.document.path is not None else self._handled_path
        self._file_changed()

    def _file_changed(self) -> None:
        path = self.document.path
        if path == self._handled_path:
            return
        self._handled_path = path
        self.release_lock()
        if path is not None:
            self._lock(path)
        elif self.document.read_only:
            self.document.set_read_only(False)  # a new, never-saved dossier is ours

    def _lock(self, path: Path) -> None:
        state = lockfile.acquire(path)
        if state.owned:
            self.locked_path = path
            if self.document.read_only:
                self.document.set_read_only(False)
            return
        if state.holder is None:
            self.document.set_read_only(True, "Do složky nelze zapisovat; žádost je otevřena jen pro čtení. "
                                              "Uložte ji jinam příkazem Uložit jako.")
            return
        who = state.holder.describe()
        if state.stale and self._ask_take_over(path, who):
            if lockfile.take_over(path).owned:
                self.locked_path = path
                self.document.set_read_only(False)
                return
        self.document.set_read_only(True, f"Žádost má otevřenou {who}; otevřeno jen pro čtení. "
                                          "Změny uložte pod jiným jménem (Uložit jako).")
        self.window.statusBar().showMessage(self.document.read_only_reason, 15000)

    def _ask_take_over(self, path: Path, who: str) -> bool:
        answer = QMessageBox.question(
            self.window, "Zamčená žádost",
            f"Soubor „{path.name}“ je označen jako otevřený: {who}.\n\n"
            "Zámek je zřejmě opuštěný (starší než den, nebo program, který jej vytvořil, už neběží). "
            "Převzít zámek a upravovat? Pokud žádost opravdu upravuje někdo jiný, zvolte Ne.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def release_lock(self) -> None:
        if self.locked_path is not None:
            lockfile.release(self.locked_path)
            self.locked_path = None

    def shutdown(self) -> None:
        """The window closes for good: the user saved or chose to discard; leave nothing behind."""
        self.discard_recovery()
        self.release_lock()


def offer_recovery(window) -> bool:
    """At start: offer the newest copy left by a crashed session. True when one was restored."""
    copies = recovery.leftover_copies(recovery_dir())
    if not copies:
        return False
    newest = copies[0]
    box = QMessageBox(QMessageBox.Icon.Question, "Obnovit neuloženou práci?",
                      "Aplikace nebyla minule řádně ukončena. Byla nalezena záložní kopie:\n\n"
                      f"{newest.describe()}\n\nObnovit ji? (Zahodit ji smaže.)", parent=window)
    restore = box.addButton("Obnovit", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Zahodit", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Později", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is discard:
        recovery.discard_copy(newest)
        return False
    if box.clickedButton() is not restore:
        return False
    try:
        dossier = recovery.load_copy(newest)
    except DossierError as exc:
        QMessageBox.critical(window, "Obnova se nezdařila", str(exc))
        return False
    original = Path(newest.original) if newest.original else None
    # The dead session's copy goes first: ours for the same file is written under the same name.
    recovery.discard_copy(newest)
    window.document.replace(dossier, original)
    window.document.undo_stack.resetClean()  # restored work is unsaved work
    window.safety.write_recovery()
    window.statusBar().showMessage("Neuložená práce byla obnovena; uložte ji.", 15000)
    return True


def install_exception_hook(window) -> None:
    """Unexpected errors: save a recovery copy, log the traceback, tell the user; keep running."""
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log = data_dir() / "chyby.log"
        try:
            window.safety.write_recovery()
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"--- {dt.datetime.now().isoformat()}\n")
                handle.write("".join(traceback.format_exception(exc_type, exc, tb)))
        except Exception:  # noqa: BLE001 - the handler itself must never fail
            pass
        QMessageBox.critical(window, "Neočekávaná chyba",
                             "V aplikaci nastala neočekávaná chyba. Rozpracovaná žádost byla uložena do záložní "
                             "kopie, o kterou nepřijdete.\n\nDoporučujeme žádost uložit a aplikaci restartovat.\n\n"
                             f"Podrobnosti jsou v souboru {log}.")
    sys.excepthook = hook
