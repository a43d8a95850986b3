"""The left-hand list: Žadatel, the projects in order (title, kind, total), Přílohy and Podání."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

if TYPE_CHECKING:
    from .document import Document

APPLICANT = ("applicant", "")
ATTACHMENTS = ("attachments", "")
SUBMISSION = ("submission", "")
_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; the frame of the window does without the Qt namespace


class Navigator(QTreeWidget):
    #: ("applicant", "") / ("project", id) / ("attachments", "") / ("submission", "")
    pageChosen = Signal(str, str)  # noqa: N815 - Qt signal naming

    def __init__(self, document: Document | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumWidth(220)
        self.setAccessibleName("Obsah žádosti")
        self.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.currentItemChanged.connect(self._current_changed)
        self._rebuilding = False
        self._items: dict[str, QTreeWidgetItem] = {}
        if document is not None:
            self.set_document(document)

    def set_document(self, document: Document) -> None:
        """Empty until the window has its document (start-up shows the window before loading)."""
        self.document = document
        document.listChanged.connect(self._list_changed)
        # Title, kind and total of one project: once per undo step, from the document's cached totals.
        document.projectChanged.connect(self._project_changed)
        document.dossierReplaced.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate the items, keeping the selected page when it still exists."""
        keep = self.current()
        self._rebuilding = True
        try:
            self.clear()
            self._items = {}
            self._add("Žadatel", APPLICANT, bold=True)
            for project in self.document.dossier.projects:
                self._items[project.id] = self._add("", ("project", project.id))
            self._add("Přílohy", ATTACHMENTS, bold=True)
            self._add("Podání", SUBMISSION, bold=True)
            for project_id in self._items:
                self._update_project(project_id)
        finally:
            self._rebuilding = False
        if keep is None or not self.select(*keep):
            self.select(*APPLICANT)

    def _add(self, text: str, key: tuple[str, str], bold: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [text])
        item.setData(0, _ROLE, key)
        if bold:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        return item

    def _update_project(self, project_id: str) -> None:
        from ..core import labels  # with the model, which the frame of the window does without
        from ..core.money import format_money

        item = self._items.get(project_id)
        if item is None:
            return
        try:
            project = self.document.dossier.project(project_id)
        except KeyError:
            return
        sums = self.document.project_totals(project_id)
        title = project.title or labels.UNTITLED
        item.setText(0, f"{title}\n{labels.PROJECT_KINDS_SHORT[project.kind]} · {format_money(sums.total)}")
        item.setToolTip(0, f"{project.id}: {title}\n{labels.PROJECT_KINDS[project.kind]}")

    def _list_changed(self, path: str) -> None:
        if path == "projects":
            self.rebuild()

    def _project_changed(self, project_id: str) -> None:
        self._update_project(project_id)

    def current(self) -> tuple[str, str] | None:
        item = self.currentItem()
        return tuple(item.data(0, _ROLE)) if item is not None else None

    def select(self, kind: str, key: str = "") -> bool:
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if tuple(item.data(0, _ROLE)) == (kind, key):
                if self.currentItem() is item:
                    if not self._rebuilding:
                        self.pageChosen.emit(kind, key)  # re-show, e.g. after a reload
                else:
                    self.setCurrentItem(item)  # emits through _current_changed
                return True
        return False

    def _current_changed(self, item, _previous) -> None:
        if item is not None and not self._rebuilding:
            self.pageChosen.emit(*item.data(0, _ROLE))
