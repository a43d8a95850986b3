"""The main window: navigator on the left, the selected page on the right, checks at the bottom.

It is built in two steps so that start-up shows the window at once. ``MainWindow()`` is the
frame (menus, toolbar, an empty navigator, "Načítám žádost…") and needs Qt only; ``attach``
adds what needs the model: the document, the first page, the check panel. ``MainWindow(dossier)``
does both. Pages other than Žadatel are built the first time they are asked for (shown).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

# ``QtCore.Qt`` is looked up where it is used: building the Qt namespace's enums takes ~30 ms,
# which the frame (the start-up budget) does without.
from PySide6 import QtCore
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from . import settings
from .menus import build_menus, connect_menus
from .navigator import Navigator
from .toolbar import build_toolbar

if TYPE_CHECKING:
    from ..core.model import Dossier

LOADING_TEXT = "Načítám žádost…"


class _Page:
    """A page of the stack, built the first time anything asks for it; then a plain attribute."""

    def __init__(self, module: str, cls: str):
        self.module, self.cls = module, cls

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        page_class = getattr(importlib.import_module(f"{__package__}.{self.module}"), self.cls)
        page = page_class(window.document)
        setattr(window, self.name, page)  # the instance attribute wins from now on
        window.stack.addWidget(page)
        return page


def _loading_page() -> QLabel:
    label = QLabel(LOADING_TEXT)
    label.setObjectName("loading_page")
    label.setProperty("alignment", "AlignCenter")  # by name: no Qt namespace in the frame
    label.setStyleSheet("QLabel#loading_page { color: palette(mid); font-size: 16pt; }")
    return label


class MainWindow(QMainWindow):
    applicant_form = _Page("applicant_form", "ApplicantForm")
    project_form = _Page("project_form", "ProjectForm")
    attachments_form = _Page("attachments_form", "AttachmentsForm")
    submission_page = _Page("submission_page", "SubmissionPage")

    def __init__(
        self,
        dossier: Dossier | None = None,
        path: Path | None = None,
        *,
        persist: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.persist = persist
        self.document = None  # set by attach
        self.safety = None
        self.navigator = Navigator()
        self.stack = QStackedWidget()
        self.loading_page = _loading_page()
        self.stack.addWidget(self.loading_page)
        splitter = QSplitter()  # horizontal
        splitter.setObjectName("main_splitter")
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1040])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._layout_restored = False
        build_menus(self)
        build_toolbar(self)
        self.setWindowTitle(f"{LOADING_TEXT} – Dossier")
        self.statusBar().showMessage(LOADING_TEXT)
        if persist:
            self._restore_geometry()
        if dossier is not None:
            self.attach(dossier, path)

    def attach(self, dossier: Dossier, path: Path | None = None) -> None:
        """Give the frame its dossier (once): the document, the Žadatel page, the checks, the status bar.
        Another file later replaces the document's dossier (``FileActions``), not the window's parts."""
        from .check_panel import CheckPanel
        from .document import Document
        from .export_actions import ExportActions
        from .file_actions import FileActions
        from .grand_total import GrandTotalLabel
        from .notice_bar import install_notice_bar
        from .read_only_banner import install_read_only_banner
        from .safety import SafetyNet
        from .sample_banner import install_sample_banner

        self.document = Document(dossier, path, self)
        self.files = FileActions(self, self.document)
        self.files.persist = self.persist
        self.exports = ExportActions(self, self.document)
        # Recovery copies and the lock file; not in screenshot mode, which must leave no trace.
        self.safety = SafetyNet(self, self.document) if self.persist else None
        self.navigator.set_document(self.document)
        self.notice_bar = install_notice_bar(self, self.document)  # first: right above the editor
        self.sample_banner = install_sample_banner(self, self.document)
        self.read_only_banner = install_read_only_banner(self, self.document)

        self.check_panel = CheckPanel(self.document, self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self.check_panel)
        self.grand_total = GrandTotalLabel(self.document)  # the whole application, always in sight
        self.statusBar().addPermanentWidget(self.grand_total)
        self.check_counts = QLabel()
        self.statusBar().addPermanentWidget(self.check_counts)
        self.statusBar().clearMessage()

        connect_menus(self)
        self.setAcceptDrops(True)
        self.navigator.pageChosen.connect(self.show_page)
        self.check_panel.jumpRequested.connect(self.go_to)
        self.check_panel.refreshed.connect(self.check_counts.setText)
        # A bound method, not a lambda: Qt drops the connection when the window is destroyed.
        self.document.undo_stack.cleanChanged.connect(self._clean_changed)
        self.document.fileChanged.connect(self.update_title)
        self.document.dossierReplaced.connect(self.update_title)
        self.update_title()
        self.check_panel.refresh()
        self.navigator.select("applicant")
        self.stack.removeWidget(self.loading_page)
        self.loading_page.deleteLater()
        if self.isVisible():  # the new parts show in the event loop's next turn: lay the docks out after them
            QtCore.QTimer.singleShot(0, self._lay_out_docks)
        else:
            self._lay_out_docks()  # before the first show; showEvent sizes a first start's docks

    # -- pages -------------------------------------------------------------------------------
    def show_page(self, kind: str, key: str = "") -> None:
        if kind == "project":
            self.project_form.set_project(key)
            self.stack.setCurrentWidget(self.project_form)
        elif kind == "attachments":
            self.stack.setCurrentWidget(self.attachments_form)
        elif kind == "submission":
            self.stack.setCurrentWidget(self.submission_page)
        else:
            self.stack.setCurrentWidget(self.applicant_form)

    def current_project_id(self) -> str | None:
        current = self.navigator.current()
        return current[1] if current and current[0] == "project" else None

    def go_to(self, path: str) -> None:
        """Show the page of a field path and focus the field (used by the check panel)."""
        from ..core import paths

        project_id = paths.project_id_of(path)
        if project_id is not None:
            if self.navigator.select("project", project_id):
                self.project_form.focus_path(path)
        elif path.startswith("attachments"):
            self.navigator.select("attachments")
            self.attachments_form.focus_path(path)
        elif path.startswith("submission"):
            self.navigator.select("submission")
            self.submission_page.focus_path(path)
        else:
            self.navigator.select("applicant")
            self.applicant_form.focus_path(path)

    def select(self, target: str | None) -> None:
        """``None`` → the applicant page; a project id ("P2") or a field path ("projects/P3/budget")."""
        if not target:
            self.navigator.select("applicant")
        elif target == "submission":
            self.navigator.select("submission")
        elif target.startswith(("projects/", "applicant", "attachments", "submission/")):
            self.go_to(target)
        elif "/" in target:
            self.go_to(f"projects/{target}")  # "P3/budget"
        elif not self.navigator.select("project", target):
            self.statusBar().showMessage(f"Projekt {target} v žádosti není.", 8000)

    def notify(self, text: str) -> None:
        """A message the user must read in full (where their changes went, what to do next): it stays
        above the editor until closed, the next notice or another dossier. Transient ones go to the status bar."""
        if self.document is None:
            self.statusBar().showMessage(text)  # the frame, still loading: no bar yet
            return
        self.statusBar().clearMessage()  # an older transient message would contradict it
        self.notice_bar.show_notice(text)

    def focus_navigator(self) -> None:
        self.navigator.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def focus_editor(self) -> None:
        page = self.stack.currentWidget()
        field = page.first_field() if hasattr(page, "first_field") else None
        (field or page).setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    # -- projects ----------------------------------------------------------------------------
    def _editable(self) -> bool:
        if self.document is None:
            return False  # still loading
        if self.document.read_only:
            reason = self.document.read_only_reason or "Dokument je otevřen jen pro čtení."
            self.statusBar().showMessage(reason, 8000)
        return not self.document.read_only

    def add_project(self, kind) -> None:
        if not self._editable():
            return
        from . import project_actions

        project_id = project_actions.new_project(self.document, kind)
        self.navigator.select("project", project_id)
        self.project_form.title_focus()

    def _project_to_change(self, what: str = "") -> str | None:
        """The selected project when the dossier may be edited; otherwise say why and return None."""
        if not self._editable():
            return None
        project_id = self.current_project_id()
        if project_id is None and what:
            self.statusBar().showMessage(f"Vyberte projekt, který chcete {what}.", 5000)
        return project_id

    def duplicate_project(self) -> None:
        from . import project_actions

        project_id = self._project_to_change("duplikovat")
        if project_id is not None:
            self.navigator.select("project", project_actions.duplicate_project(self.document, project_id))

    def remove_project(self) -> None:
        from . import project_actions

        project_id = self._project_to_change("odstranit")
        if project_id is None or not self._confirm_removal(project_id):
            return
        neighbour = project_actions.remove_project(self.document, project_id)
        if neighbour:
            self.navigator.select("project", neighbour)
        self.statusBar().showMessage("Projekt odstraněn – Ctrl+Z vrátí", 8000)

    def _confirm_removal(self, project_id: str) -> bool:
        """A whole project (its budget, award and payments) goes only after a question; Ne is the default."""
        from PySide6.QtWidgets import QMessageBox

        project = self.document.dossier.project(project_id)
        title = project.title.strip() or project_id
        answer = QMessageBox.question(
            self,
            "Odstranit projekt",
            f"Odstranit projekt „{title}“ i s rozpočtem a všemi jeho údaji? Krok vrátíte příkazem Zpět (Ctrl+Z).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def move_project(self, delta: int) -> None:
        from . import project_actions

        project_id = self._project_to_change()
        if project_id is not None and project_actions.move_project(self.document, project_id, delta):
            self.navigator.select("project", project_id)

    def confirm_project_review(self) -> None:
        """After reading a carried-over project through: clear all its "nezkontrolováno" marks at once."""
        project_id = self._project_to_change("potvrdit")
        if project_id is None:
            return
        from ..core import paths
        from .review import confirm, marks_under

        marks = marks_under(self.document.dossier, paths.project_path(project_id))
        if not marks:
            self.statusBar().showMessage("Projekt nemá žádné nepotvrzené převzaté údaje.", 5000)
            return
        confirm(self.document, marks)
        self.statusBar().showMessage(f"Potvrzeno převzatých údajů: {len(marks)} (Ctrl+Z vrátí).", 8000)

    # -- window --------------------------------------------------------------------------------
    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def update_title(self) -> None:
        suffix = " (jen pro čtení)" if self.document.read_only else ""
        self.setWindowTitle(f"{self.files.display_name()}[*]{suffix} – Dossier")
        self.setWindowModified(self.document.is_modified)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if self.document is not None and not self.files.confirm_discard():
            event.ignore()
            return
        if self.persist:
            settings.save_window(self.saveGeometry(), self.saveState())
        if self.safety is not None:
            self.safety.shutdown()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry, _state = settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._first_start_size()

    def _lay_out_docks(self) -> None:
        """The saved layout of the docks; without one (first start, screenshots) a few rows of checks."""
        _geometry, state = settings.window_geometry() if self.persist else (None, None)
        self._layout_restored = state is not None and self.restoreState(state)
        if not self._layout_restored and self.isVisible():
            self._first_start_docks()

    def _first_start_size(self) -> None:
        """1280×800 where the screen allows, else most of the screen; centred."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            self.resize(1280, 800)
            return
        width, height = min(1280, int(screen.width() * 0.95)), min(800, int(screen.height() * 0.92))
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._layout_restored and self.document is not None:
            self._first_start_docks()

    def _first_start_docks(self) -> None:
        """First start: the editor gets the height, the check list a few rows."""
        self.resizeDocks([self.check_panel], [130], QtCore.Qt.Orientation.Vertical)
        self._layout_restored = True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.document is not None and _dropped_dossier(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_dossier(event)
        if path is not None and self.document is not None:
            event.acceptProposedAction()
            self.files.open_path(path)


def _dropped_dossier(event) -> Path | None:
    for url in event.mimeData().urls() if event.mimeData().hasUrls() else []:
        # A backup too (it opens as an unsaved copy, see FileActions.open_backup).
        if url.isLocalFile() and url.toLocalFile().lower().endswith((".dossier", ".bak")):
            return Path(url.toLocalFile())
    return None
