"""Soubor: new, open, recent, save, save as, and the unsaved-changes question."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from ..core.errors import DossierError
from ..core.model import Attachment, Dossier
from ..core.rules import all_packs, programme_keys, programme_label, rules_for_key
from ..formats import disk_state as disk
from ..formats import lockfile, native
from ..formats.atomic import atomic_write_bytes, backup_path
from ..formats.open_any import load_any_with_state
from ..resources import resource_path
from . import conflict_dialog, settings
from .conflict_dialog import Choice, Conflict
from .document import Document
from .file_watch import FileWatch

FILE_FILTER = "Dossier (*.dossier)"
# "*.bak" also matches a backup whose over-long name was shortened (formats/sibling.py).
OPEN_FILTER = "Dossier (*.dossier);;Sešit exportovaný z Dossier (*.xlsx);;Záloha žádosti (*.dossier.bak *.bak)"
SUFFIX = ".dossier"
BACKUP_SUFFIX = ".bak"


def ask_unsaved_changes(parent, name: str) -> QMessageBox.StandardButton:
    """Uložit / Zahodit / Zrušit; Zrušit (stay) is the default, so Enter never loses work."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Neuložené změny",
        f"Dokument „{name}“ obsahuje neuložené změny.\nChcete je uložit?",
        parent=parent,
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    for button, text in (
        (QMessageBox.StandardButton.Save, "Uložit"),
        (QMessageBox.StandardButton.Discard, "Zahodit"),
        (QMessageBox.StandardButton.Cancel, "Zrušit"),
    ):
        box.button(button).setText(text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


def show_error(parent, message: str, title: str = "Chyba") -> None:
    QMessageBox.critical(parent, title, message)


def empty_dossier(key: str) -> Dossier:
    """A new dossier for a key ("2021", "2024-2", or next year's) with its rules' attachment list."""
    pack = rules_for_key(key).pack
    year, _, round_ = key.partition("-")
    return Dossier(
        year=int(year),
        round=round_,
        attachments=[Attachment(name=a.name, required=a.required) for a in pack.attachments.value],
    )


def is_bundled_example(path: Path) -> bool:
    """A sample shipped with the app: it opens as an unsaved copy so that Save never changes it."""
    try:
        return Path(path).resolve().is_relative_to(resource_path("examples").resolve())
    except OSError:
        return False


def is_backup(path: Path) -> bool:
    """The ``.bak`` copy a save keeps of the previous version (what a broken file's message recommends)."""
    return Path(path).name.lower().endswith(BACKUP_SUFFIX)


def backup_original(path: Path) -> Path:
    """The dossier a backup was kept of: ``zadost.dossier.bak`` → ``zadost.dossier`` in the same folder."""
    path = Path(path)
    # An over-long name's backup has a shortened name (formats/sibling.py): its dossier is the one
    # whose backup it is.
    with contextlib.suppress(OSError):
        for candidate in path.parent.glob(f"*{SUFFIX}"):
            if candidate.name != path.name[: -len(BACKUP_SUFFIX)] and backup_path(candidate) == path:
                return candidate
    name = path.name[: -len(BACKUP_SUFFIX)]
    if not name.lower().endswith(SUFFIX):
        name += SUFFIX  # a shortened over-long name (formats/sibling.py) lost its ".dossier"
    return Path(path).with_name(name)


def latest_pack_key() -> str:
    regular = [p for p in all_packs().values() if not p.round]
    return max(regular, key=lambda p: p.year).key


class FileActions(QObject):
    def __init__(self, window: QMainWindow, document: Document):
        super().__init__(window)
        self.window, self.document = window, document
        #: Shown instead of a file name for an unsaved or sample dossier.
        self.untitled_name = "Nová žádost"
        #: False in screenshot mode: nothing is remembered.
        self.persist = True
        #: Where Uložit jako starts for an unsaved dossier that came from a file (a backup's original).
        self.save_as_start: Path | None = None
        #: What the file held when we loaded or last saved it (to notice someone else's save).
        self.state_path: Path | None = None
        self.disk_state: disk.DiskState | None = None
        self.watch = FileWatch(self)
        document.fileChanged.connect(self._path_maybe_changed)
        document.dossierReplaced.connect(self._forget_save_as_start)
        self._path_maybe_changed()

    def display_name(self) -> str:
        return self.document.path.name if self.document.path else self.untitled_name

    def confirm_discard(self) -> bool:
        """True when the current dossier may be replaced or closed (saved, discarded or clean)."""
        if not self.document.is_modified:
            return True
        answer = ask_unsaved_changes(self.window, self.display_name())
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new(self) -> bool:
        if not self.confirm_discard():
            return False
        keys = programme_keys()
        labels = [programme_label(key) for key in keys]
        # Newest first: in December an office starts next year's application, before its rules are out.
        label, ok = QInputDialog.getItem(self.window, "Nová žádost", "Ročník programu:", labels, 0, False)
        key = keys[labels.index(label)] if ok and label in labels else ""
        if not ok:
            return False
        self.untitled_name = f"Nová žádost {key}"
        self.document.replace(empty_dossier(key), None)
        return True

    def rollover(self) -> bool:
        """Nový ročník z loňské žádosti: the wizard's result opens as a new, unsaved dossier."""
        if not self.confirm_discard():
            return False
        from .rollover_wizard import run_rollover_wizard

        dossier = run_rollover_wizard(self.window, self.document.path)
        if dossier is None:
            return False
        self.untitled_name = f"Nová žádost {dossier.program_key}"
        self.document.replace(dossier, None)
        self.document.undo_stack.resetClean()  # not saved anywhere yet
        self._say("Nový ročník vytvořen. Převzaté údaje označené „nezkontrolováno“ projděte a potvrďte.")
        return True

    def open(self) -> bool:
        if not self.confirm_discard():
            return False
        start = str(self.document.path.parent) if self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Otevřít žádost", start, OPEN_FILTER)
        return bool(name) and self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        if ask and not self.confirm_discard():
            return False
        if is_bundled_example(path):
            self.open_sample(Path(path))
            return True
        if is_backup(path):
            return self.open_backup(Path(path))
        try:
            if Path(path).suffix.lower() == SUFFIX:
                dossier, state = load_any_with_state(Path(path))
            else:  # an exported workbook: asks when a colleague edited its sheets
                from .xlsx_edits_dialog import load_for_open  # with the Excel libraries, on first use

                dossier, state = load_for_open(self.window, Path(path)), None
        except DossierError as exc:
            show_error(self.window, str(exc), "Soubor nelze otevřít")
            return False
        if dossier is None:
            return False
        if Path(path).suffix.lower() != SUFFIX:
            # A workbook is an export, not the dossier: it opens as a new dossier to save as .dossier.
            self.untitled_name = f"{Path(path).stem} (import z Excelu)"
            self.document.replace(dossier, None)
            self.document.undo_stack.resetClean()
            self._say(f"Importováno ze sešitu {Path(path).name}; uložte žádost jako soubor .dossier (Uložit jako…).")
            return True
        self.state_path, self.disk_state = Path(path), state  # before replace: no second read
        self.document.replace(dossier, Path(path))
        self.remember_state(Path(path), state)
        self.remember(Path(path))
        self.window.statusBar().showMessage(f"Otevřeno: {path}", 5000)
        return True

    def open_backup(self, path: Path) -> bool:
        """A backup opens as an unsaved copy: Uložit must not overwrite the one good copy by accident,
        and it offers the original's folder and name (the file dialog asks before replacing it)."""
        try:
            dossier = native.load(path)
        except DossierError as exc:
            show_error(self.window, str(exc), "Zálohu nelze otevřít")
            return False
        original = backup_original(path)
        self.untitled_name = f"{original.name} (ze zálohy)"
        self.document.replace(dossier, None)
        self.document.undo_stack.resetClean()  # not saved as a dossier yet: closing asks
        self.save_as_start = original
        self._say(
            f"Otevřena záloha {path.name} jako neuložená kopie. Uložit nabídne původní jméno "
            f"{original.name} ve stejné složce; co v něm dosud je, se při uložení stane jeho zálohou (.bak)."
        )
        return True

    def _forget_save_as_start(self) -> None:
        self.save_as_start = None

    def open_sample(self, path: Path) -> None:
        """The bundled sample opens as an unsaved copy, so Save never overwrites it."""
        dossier = native.load(path)
        dossier.metadata.sample = True  # a bundled file is a sample even if its author forgot the mark
        self.untitled_name = f"{path.name} (ukázka)"  # before the replace, which retitles the window
        self.document.replace(dossier, None)

    def save(self) -> bool:
        # A read-only dossier (locked by a colleague) may only be saved under another name.
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        default = Path.home() / f"zadost-{self.document.dossier.program_key}{SUFFIX}"
        start = str(self.document.path or self.save_as_start or default)
        name, _ = QFileDialog.getSaveFileName(self.window, "Uložit žádost jako", start, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        if path != self.document.path and (holder := lockfile.held_by_other(path)) is not None:
            show_error(
                self.window,
                f"Soubor „{path.name}“ má právě otevřený {holder.describe()}; uložte žádost pod jiným jménem.",
                "Soubor nelze uložit",
            )
            return False
        if not self._write(path):
            return False
        self.document.set_path(path)
        return True

    def _write(self, path: Path) -> bool:
        settled = self._settle_conflict(path)
        if settled is not None:
            return settled
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        meta = self.document.dossier.metadata
        now = dt.datetime.now().replace(microsecond=0)
        # Metadata is not user-edited, so it changes without an undo step.
        meta.modified = now
        meta.created = meta.created or now
        try:
            state = native.save(self.document.dossier, path)
        except DossierError as exc:
            show_error(self.window, str(exc), "Soubor nelze uložit")
            return False
        self.remember_state(path, state)
        self.document.undo_stack.setClean()
        self.remember(path)
        self.window.statusBar().showMessage(f"Uloženo: {path}", 5000)
        return True

    def remember(self, path: Path) -> None:
        if self.persist:
            settings.add_recent(path)

    # -- someone else's save -----------------------------------------------------------------
    def remember_state(self, path: Path | None, state: disk.DiskState | None) -> None:
        self.state_path, self.disk_state = path, state
        self.watch.follow(path)

    def _path_maybe_changed(self) -> None:
        """A path set without open/save (new, restored copy): what is on disk now is the base."""
        path = self.document.path
        if path == self.state_path:
            return
        found = None
        if path is not None:
            try:
                found = disk.read_state(path, native.MAX_FILE_BYTES)
            except DossierError:
                found = None
        self.remember_state(path, found[0] if found else None)

    def _settle_conflict(self, path: Path) -> bool | None:
        """``None``: the file is as we left it, save normally; otherwise the outcome of the question."""
        if path != self.state_path or self.disk_state is None:
            return None
        try:
            found = disk.read_state(path, native.MAX_FILE_BYTES)
        except DossierError:
            return None  # unreadable now: the save itself says what is wrong
        if found is None or found[0].sha256 == self.disk_state.sha256:
            return None
        current, theirs = found
        conflict = Conflict(
            path,
            disk.who_changed(path),
            current.modified,
            disk.side_copy_path(path, "moje verze"),
            disk.side_copy_path(path, "jejich verze"),
        )
        choice = conflict_dialog.ask_conflict(self.window, conflict)
        if choice is Choice.KEEP_BOTH:
            if not self._save_to(conflict.mine_copy):
                return False
            self.document.set_path(conflict.mine_copy)
            self._say(f"Vaše verze je uložena jako {conflict.mine_copy.name}; jejich zůstala v {path.name}.")
            return True
        if choice is Choice.RELOAD:
            return self.reload_theirs(conflict.mine_copy)
        if choice is Choice.OVERWRITE:
            try:
                atomic_write_bytes(conflict.theirs_copy, theirs, keep_backup=False)
            except DossierError as exc:
                show_error(self.window, str(exc), "Soubor nelze uložit")
                return False
            if not self._save_to(path):
                return False
            self._say(f"Uloženo; jejich verze je zachována jako {conflict.theirs_copy.name}.")
            return True
        self._say("Uložení zrušeno; soubor na disku zůstal beze změny.")
        return False

    def reload_theirs(self, mine_copy: Path | None = None) -> bool:
        """Open what is on disk now; unsaved changes go to a dated copy beside it first."""
        path = self.document.path
        if path is None:
            return False
        try:
            saved_mine = None
            if self.document.is_modified:
                saved_mine = mine_copy or disk.side_copy_path(path, "moje verze")
                native.save(self.document.dossier, saved_mine)
            dossier, state = native.load_with_state(path)
        except DossierError as exc:
            show_error(self.window, str(exc), "Jejich verzi nelze načíst")
            return False
        self.state_path, self.disk_state = path, state
        self.document.replace(dossier, path)
        self.remember_state(path, state)
        kept = f"; vaše změny jsou v souboru {saved_mine.name}" if saved_mine else ""
        self._say(f"Načtena verze ze souboru {path.name}{kept}.")
        return True

    def _say(self, message: str) -> None:
        """What the user must read in full (where their work went, what to do next): the notice bar."""
        self.window.notify(message)
