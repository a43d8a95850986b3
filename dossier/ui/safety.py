"""Nothing typed is lost: recovery copies while editing, the shared-drive lock, the crash dialog.

* After edits the open dossier is written to the per-user data folder: 2 s after the last
  edit, and at the latest 8 s after the first unsaved one, so continuous typing is never more
  than ~10 s behind. This thread only takes a snapshot (the projects' texts are kept until they
  change); the writer's thread encodes and writes it (``recovery_writer.py``). A clean save or
  close removes the copy, so a copy found at start means the app did not end cleanly and is
  offered for restore.
* The dossier's lock file tells a colleague on the share who is editing; it is touched every
  minute while the dossier is open. A locked dossier opens read-only, a stale lock can be
  taken over after a question naming who held it and since when.
* ``write_recovery_now`` is what the crash dialog (``crash_dialog.py``) writes before it tells the user.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox

from ..core.dates import format_moment
from ..core.errors import DossierError, short_name
from ..formats import lockfile, recovery
from ..formats.dump_cache import DumpCache
from ..logs import log_unexpected
from .document import Document
from .recovery_writer import RecoveryWriter, failure_message


def _env_ms(name: str, default: int) -> int:
    """Intervals may be shortened for tests and demos (``DOSSIER_AUTOSAVE_MS=500``)."""
    try:
        return max(10, int(os.environ[name]))
    except (KeyError, ValueError):
        return default


#: Quiet time after the last edit before the recovery copy is written.
AUTOSAVE_DELAY_MS = _env_ms("DOSSIER_AUTOSAVE_MS", 2000)
#: Continuous typing never keeps the copy further behind than this.
AUTOSAVE_MAX_DELAY_MS = _env_ms("DOSSIER_AUTOSAVE_MAX_MS", 8000)
#: One slice of preparing the first recovery copy while the editor is idle.
WARM_SLICE_S = 0.005
LOCK_REFRESH_MS = _env_ms("DOSSIER_LOCK_REFRESH_MS", int(lockfile.REFRESH_INTERVAL.total_seconds() * 1000))


def data_dir() -> Path:
    """Per-user data folder; ``DOSSIER_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def recovery_dir() -> Path:
    return data_dir() / "obnova"


#: The status bar's text when a recovery copy fails (short: the full reason is in its tooltip).
WRITE_FAILED_STATUS = "Záložní kopie se neuložila; uložte žádost (Ctrl+S)."


class SafetyNet(QObject):
    def __init__(self, window, document: Document):
        super().__init__(window)
        self.window, self.document = window, document
        self.locked_path: Path | None = None
        self._handled_path: Path | None = None  # set_read_only re-emits fileChanged; handle a path once
        self.keep_lock_decision = False  # set while a recovery copy of the open file replaces it
        self._failure_told = False  # the failed-copy dialog is shown once; later failures only in the status bar
        self._tooltip_follows = False  # the status bar's tooltip is cleared with the failure message
        self._recovery_for: Path | None = None  # the path the last recovery copy was written under
        self._has_recovery = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.write_recovery)
        # The debounce restarts on every edit; this one does not, so typing cannot starve it.
        self.max_timer = QTimer(self)
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(AUTOSAVE_MAX_DELAY_MS)
        self.max_timer.timeout.connect(self.write_recovery)
        # Recovery copies: the projects' texts are kept until they change; written off this thread.
        self.dumps = DumpCache()
        document.valueChanged.connect(self.dumps.changed)
        document.listChanged.connect(self.dumps.changed)
        document.dossierReplaced.connect(self._forget_dumps)
        self.writer = RecoveryWriter(self)
        self.writer.failed.connect(self._write_failed)
        # Before the first copy is due, the parts are encoded a few milliseconds at a time while
        # the editor is idle: the first snapshot of a big dossier then costs no more than the next.
        self.warm_timer = QTimer(self)
        self.warm_timer.setInterval(0)
        self.warm_timer.timeout.connect(self._warm)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(LOCK_REFRESH_MS)
        self.lock_timer.timeout.connect(self.refresh_lock)
        document.undo_stack.indexChanged.connect(self._edited)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.fileChanged.connect(self._file_changed)
        document.dossierReplaced.connect(self._reopened)
        install_read_only_badge(window, document)
        self._file_changed()

    # -- recovery copies ---------------------------------------------------------------------
    def _forget_dumps(self) -> None:
        self.dumps.changed("")

    def _edited(self, _index: int) -> None:
        try:
            modified = self.document.is_modified
        except RuntimeError:  # the window is being destroyed and its undo stack is gone
            return
        if modified:
            self._note_base()
            self.timer.start()
            if not self.max_timer.isActive():
                self.max_timer.start()
                self.warm_timer.start()

    def _warm(self) -> None:
        if self.dumps.warm(self.document.dossier, WARM_SLICE_S):
            self.warm_timer.stop()

    def write_recovery(self) -> None:
        """The timers: a snapshot now (milliseconds), encoded and written by the writer's thread."""
        self.timer.stop()
        self.max_timer.stop()
        self.warm_timer.stop()
        if not self.document.is_modified:
            return
        self._leave_other_copy()
        self._note_base()
        self.writer.write(recovery_dir(), self.dumps.snapshot(self.document.dossier), self.document.path)
        self._recovery_for, self._has_recovery = self.document.path, True

    def write_recovery_now(self, tell_user: bool = True) -> str:
        """A crash or a restored copy: written before going on, from the whole model as it is.

        Returns "" when the copy is on disk or nothing was unsaved, otherwise why it is not, in one
        Czech sentence. Never raises: the exception hook relies on it to tell the truth.
        """
        self.timer.stop()
        self.max_timer.stop()
        self.warm_timer.stop()
        self.writer.finish()
        if not self.document.is_modified:
            return ""
        folder = recovery_dir()
        try:
            self._leave_other_copy()
            recovery.write_recovery(folder, self.document.dossier, self.document.path)
        except Exception as exc:  # noqa: BLE001 - OSError, DossierError, or a bug: all mean "no copy"
            if not isinstance(exc, (OSError, DossierError)):
                log_unexpected("záložní kopie", exc)
            message = failure_message(folder, exc)
            if tell_user:
                self._write_failed(message)
            return message
        self._recovery_for, self._has_recovery = self.document.path, True
        return ""

    def _note_base(self) -> None:
        """The copy records which version of the file our edits start from (to ask before
        a restored copy overwrites someone's later save)."""
        files, path = getattr(self.window, "files", None), self.document.path
        known = files is not None and files.state_path == path
        recovery.set_base(path, files.disk_state if known else None)

    def _leave_other_copy(self) -> None:
        """The copy written under another path (before Uložit jako) goes once ours is written."""
        if self._has_recovery and self._recovery_for != self.document.path:
            self.writer.finish()
            recovery.discard(recovery_dir(), self._recovery_for)
            self._has_recovery = False

    def _write_failed(self, message: str) -> None:
        """A short status text (the bar has ~330 px left); the whole sentence in its tooltip and, once, a dialog."""
        bar = self.window.statusBar()
        if not self._tooltip_follows:
            # The tooltip belongs to this message only; another message (or none) clears it.
            bar.messageChanged.connect(lambda text: text == WRITE_FAILED_STATUS or bar.setToolTip(""))
            self._tooltip_follows = True
        bar.showMessage(WRITE_FAILED_STATUS, 15000)
        bar.setToolTip(message)
        if self._failure_told:
            return
        self._failure_told = True  # before the dialog: a failure while it is open must not open another
        QMessageBox.warning(
            self.window,
            "Záložní kopie se neukládá",
            f"{message}\n\nDokud se to nepodaří, ukládejte žádost sami příkazem Uložit (Ctrl+S). "
            "Toto upozornění se už znovu nezobrazí; stavový řádek dole bude hlásit každé další selhání.",
        )

    def discard_recovery(self) -> None:
        """Our session's copy only: a crashed session's copy the user put off stays."""
        self.timer.stop()
        self.max_timer.stop()
        self.warm_timer.stop()
        self.writer.finish()  # a copy being written is on disk before it is removed
        if self._has_recovery:
            recovery.discard(recovery_dir(), self._recovery_for)
            self._has_recovery = False

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard_recovery()
        else:  # unsaved without an edit (a roll-forward, a workbook, a backup): worth a copy too
            self._edited(0)

    # -- lock file -----------------------------------------------------------------------------
    def _reopened(self) -> None:
        if self.keep_lock_decision:
            return  # a recovery copy of the file just opened: its lock question was answered a moment ago
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
            self._hold(path)
            return
        if (
            state.holder is not None
            and state.stale
            and self._ask_take_over(path, state.holder)
            and lockfile.take_over(path).owned
        ):
            self._hold(path)
            return
        self.document.set_read_only(True, read_only_reason(state))
        self.window.statusBar().showMessage(self.document.read_only_reason, 15000)

    def take_over(self, path: Path) -> bool:
        """The read-only banner's *Převzít zámek…*: only a stale lock, only after asking."""
        holder = lockfile.read_lock(path)
        if holder is not None and not lockfile.is_stale(holder):
            self.window.statusBar().showMessage(
                f"Zámek drží {holder.describe()} a stále jej obnovuje; převzít jej nelze.", 10000
            )
            return False
        if holder is not None and not self._ask_take_over(path, holder):
            return False
        if lockfile.take_over(path).owned:
            self._hold(path)
            self.window.statusBar().showMessage("Zámek převzat; žádost můžete upravovat.", 8000)
            return True
        return False

    def _hold(self, path: Path) -> None:
        self.locked_path = path
        self.lock_timer.start()
        if self.document.read_only:
            self.document.set_read_only(False)

    def refresh_lock(self) -> None:
        """Every minute: touch our lock; if someone took it over meanwhile, stop writing."""
        if self.locked_path is None:
            return
        state = lockfile.refresh(self.locked_path)
        if state.owned:
            return
        self.lock_timer.stop()
        self.locked_path = None
        who = state.holder.describe() if state.holder else "nikdo (zámek nelze obnovit)"
        self.document.set_read_only(
            True,
            f"Zámek žádosti teď drží {who}; otevřeno jen pro čtení. Své změny uložte pod jiným jménem (Uložit jako).",
        )
        self.window.statusBar().showMessage(self.document.read_only_reason, 30000)

    def _ask_take_over(self, path: Path, holder: lockfile.LockInfo) -> bool:
        last = holder.refreshed.astimezone() if holder.refreshed else None
        seen = f" Naposledy se ozval {format_moment(last)}." if last else ""
        answer = QMessageBox.question(
            self.window,
            "Zamčená žádost",
            f"Soubor „{short_name(path.name)}“ má otevřený {holder.describe()}.{seen}\n\n"
            "Zámek je zřejmě opuštěný (několik minut se neobnovil, nebo program, který jej vytvořil, "
            "už na tomto počítači neběží). Převzít zámek a upravovat? "
            "Pokud žádost opravdu upravuje někdo jiný, zvolte Ne.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def release_lock(self) -> None:
        self.lock_timer.stop()
        if self.locked_path is not None:
            lockfile.release(self.locked_path)
            self.locked_path = None

    def shutdown(self) -> None:
        """The window closes for good: the user saved or chose to discard; leave nothing behind."""
        self.discard_recovery()
        self.release_lock()


def read_only_reason(state: lockfile.LockState) -> str:
    """Why a dossier opened read-only, in one Czech sentence."""
    if state.holder is None:
        return "Do složky nelze zapisovat, žádost je otevřena jen pro čtení; uložte ji jinam příkazem Uložit jako."
    return f"Žádost má otevřenou {state.holder.describe()}, proto jen pro čtení; změny uložte příkazem Uložit jako."


class ReadOnlyBadge(QLabel):
    """A lasting "Jen pro čtení" in the status bar (the status message fades after a while)."""

    def __init__(self, document: Document):
        super().__init__()
        self.document = document
        self.setObjectName("read_only_badge")
        self.setStyleSheet("QLabel { color: #a00000; font-weight: bold; padding: 0 6px; }")
        document.fileChanged.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        self.setVisible(self.document.read_only)
        self.setText("Jen pro čtení")
        self.setToolTip(self.document.read_only_reason)


def install_read_only_badge(window, document: Document) -> ReadOnlyBadge:
    badge = window.findChild(ReadOnlyBadge)
    if badge is None:
        badge = ReadOnlyBadge(document)
        window.statusBar().addPermanentWidget(badge)
    return badge


def show_foreign_lock(window, path: Path | None) -> None:
    """Screenshot mode takes no lock, but a dossier someone else holds still shows as read-only."""
    install_read_only_badge(window, window.document)
    if path is None:
        return
    holder = lockfile.read_lock(path)
    if holder is None:
        return
    window.document.set_read_only(True, read_only_reason(lockfile.LockState(owned=False, holder=holder)))
    window.statusBar().showMessage(window.document.read_only_reason, 15000)


def offer_recovery(window) -> bool:
    """At start: offer the newest copy left by a crashed session. True when one was restored.

    Později leaves the copy where it is: it is named after its own session, so this session's
    copies never overwrite or remove it, and the next start offers it again.
    """
    copies = recovery.leftover_copies(recovery_dir())
    if not copies:
        return False
    newest = copies[0]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Obnovit neuloženou práci?",
        "Aplikace nebyla minule řádně ukončena. Byla nalezena záložní kopie:\n\n"
        f"{newest.describe()}\n\nObnovit ji? (Zahodit ji smaže, Později ji nabídne při příštím spuštění.)",
        parent=window,
    )
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
    _restore(window, newest, dossier)
    window.statusBar().showMessage("Neuložená práce byla obnovena; uložte ji.", 15000)
    return True


def _restore(window, copy: recovery.RecoveryCopy, dossier) -> None:
    original = Path(copy.original) if copy.original else None
    base = recovery.base_for_restore(copy)
    if original is None:
        # A never-saved dossier is named as a new one, not after whatever the start opened.
        kind = "Ukázková žádost" if dossier.metadata.sample else "Nová žádost"
        window.files.untitled_name = f"{kind} {dossier.program_key}"
    window.safety.keep_lock_decision = original is not None and original == window.document.path
    try:
        window.document.replace(dossier, original)
    finally:
        window.safety.keep_lock_decision = False
    if original is None and window.document.read_only:
        window.document.set_read_only(False)  # nobody else can hold a file that does not exist
    # Saving compares the file with the version the copy was based on, not with today's file:
    # a colleague's save after the crash is asked about, never silently overwritten.
    window.files.remember_state(original, base)
    window.document.undo_stack.resetClean()  # restored work is unsaved work
    window.safety._note_base()
    window.safety.write_recovery_now()
    # The dead session's copy goes once ours holds the same work (if ours failed, it stays).
    if recovery.has_copy(recovery_dir(), original):
        recovery.discard_copy(copy)
