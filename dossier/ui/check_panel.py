"""The "Kontrola" dock: findings of the checks, refreshed shortly after edits.

A refresh re-runs only the checks of the projects changed since the last one (``CheckRunner``)
and updates the rows that changed instead of rebuilding the list. The review marks of a
roll-forward (thousands in a big dossier) are grouped: one row per project and section with
the count, expanded on demand to the single fields; double-click on a field jumps to it.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QHeaderView,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import checks, kinds, labels, paths
from ..core.checks import Finding, Severity
from ..core.model import NARRATIVE_FIELDS
from ..logs import log_file, log_unexpected
from .check_projects_view import ProjectsView
from .document import Document
from .finding_items import ICONS, PATH_ROLE, finding_item

#: Waiting this long after the last edit keeps the checks off the typing path.
DEBOUNCE_MS = 400
_SIGNATURE = Qt.ItemDataRole.UserRole + 1  # of a group: its members, to skip unchanged ones
#: Findings of these codes are grouped per project and section when there are several.
GROUPED_CODES = ("REVIEW",)
_SECTION_TITLES = {
    "budget": "Rozpočet",
    "narrative": "Popis projektu",
    "kind": "Část podle druhu projektu",
    "card": "Karta projektu",
    "applicant": "Žadatel",
    "other": "Žádost",
}


@lru_cache(maxsize=100_000)
def section_of(path: str) -> tuple[str, str]:
    """(project id or "", section) of a field path: the unit a person checks at once."""
    parts = paths.split(path)
    if len(parts) >= 2 and parts[0] == "projects":
        field = parts[2] if len(parts) > 2 else ""
        if field == "budget":
            return parts[1], "budget"
        if field in NARRATIVE_FIELDS:
            return parts[1], "narrative"
        if field in kinds.section_fields():
            return parts[1], "kind"
        return parts[1], "card"
    if parts and parts[0] == "applicant":
        return "", "applicant"
    return "", "other"


def _count_text(n: int) -> str:
    word = labels.plural(n, "převzatý údaj", "převzaté údaje", "převzatých údajů")
    return f"{n} {word} ke kontrole (rozbalte pro jednotlivá pole)"


class CheckPanel(QDockWidget):
    #: A finding was activated; the window jumps to its field path.
    jumpRequested = Signal(str)  # noqa: N815 - Qt signal naming
    #: Checks ran; the argument is the status-bar summary ("Chyby: 2 · Upozornění: 5").
    refreshed = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("Kontrola", parent)
        self.setObjectName("check_panel")  # for saveState/restoreState
        self.document = document
        self.findings: list[Finding] = []
        self.refresh_count = 0
        self.runner = checks.CheckRunner()
        self._changed: set[str] = set()  # project ids edited since the last refresh
        self._full = True  # the next refresh runs every check (another dossier, F5)
        #: key → top-level row; a key is a finding, or ("group", severity, code, project, section)
        self._rows: dict[tuple, QTreeWidgetItem] = {}
        self._groups: dict[tuple, list[Finding]] = {}
        self._grouped_from: list[Finding] = []  # the grouped findings of the last refresh
        self._group_members: dict[tuple, list[Finding]] = {}
        self._regrouped = False
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Závažnost", "Místo", "Zpráva", "Pravidlo"])
        self.tree.setRootIsDecorated(True)  # groups of review marks expand
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(0, 150)  # fixed: measuring thousands of rows to fit would cost a refresh
        self.tree.setColumnWidth(1, 260)
        self.tree.setColumnWidth(3, 220)
        # The list (incremental, grouped review marks) or the findings grouped by project.
        self.projects_view = ProjectsView()
        self.projects_view.itemActivated.connect(self._activated)
        self.by_project = QCheckBox("Seskupit podle &projektů")
        self.by_project.setToolTip(
            "Chyby a upozornění pod projekty, ke kterým patří. Panel zvětšíte tažením "
            "jeho okraje nebo jej uvolníte do samostatného okna (dvojklik na titulek)."
        )
        self.by_project.toggled.connect(self._show_view)
        self.views = QStackedWidget()
        self.views.addWidget(self.tree)
        self.views.addWidget(self.projects_view)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.by_project)
        layout.addWidget(self.views, 1)
        self.setWidget(content)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        document.valueChanged.connect(self._edited)
        document.listChanged.connect(self._edited)
        document.dossierReplaced.connect(self._replaced)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self._expanded)

    # -- when to run -------------------------------------------------------------------------
    def _edited(self, path: str) -> None:
        project_id = paths.project_id_of(path)
        if project_id is not None:
            self._changed.add(project_id)
        self.schedule()

    def _replaced(self) -> None:
        self._full = True
        self.refresh()

    def schedule(self, *_args) -> None:
        self.timer.start()  # restarts: a burst of edits runs the checks once

    def refresh(self) -> None:
        self.timer.stop()
        changed, self._changed = self._changed, set()
        full, self._full = self._full, False
        try:
            findings = self.runner.run(self.document.dossier, None if full else changed)
            self.findings = sorted(findings, key=lambda f: f.severity.rank)
        except Exception as exc:  # noqa: BLE001 - a broken check must not take the editor down
            log_unexpected("kontrola žádosti", exc)
            self._full = True
            self.findings = [
                Finding(
                    Severity.ERROR,
                    "CHECK_FAILED",
                    "",
                    f"Kontrolu nelze dokončit ({exc}); podrobnosti jsou v {log_file()}.",
                )
            ]
        self.refresh_count += 1
        self._fill()
        if self.by_project.isChecked():
            self.projects_view.fill(self.document.dossier, self.findings)
        self.refreshed.emit(self.summary())

    # -- the rows ----------------------------------------------------------------------------
    def rows(self) -> list[tuple[tuple, list[Finding]]]:
        """Top-level rows in order: (key, findings). Per severity the single findings come first,
        then the groups of review marks (one per project and section, with more than one mark)."""
        grouped = [f for f in self.findings if f.code in GROUPED_CODES]
        if grouped != self._grouped_from:  # the runner returns the same objects when nothing changed
            self._grouped_from = grouped
            self._group_members = {}
            for finding in grouped:
                key = ("group", finding.severity, finding.code, *section_of(finding.path))
                self._group_members.setdefault(key, []).append(finding)
            self._regrouped = True
        singles = {id(members[0]) for members in self._group_members.values() if len(members) == 1}
        result = []
        for severity in Severity:
            result.extend(
                (_key(f), [f])
                for f in self.findings
                if f.severity == severity and (f.code not in GROUPED_CODES or id(f) in singles)
            )
            result.extend(
                (key, members)
                for key, members in self._group_members.items()
                if key[1] == severity and len(members) > 1
            )
        return result

    def _fill(self) -> None:
        wanted = self.rows()
        keys = {key for key, _ in wanted}
        gone = [key for key in self._rows if key not in keys]
        if len(gone) > len(self._rows) // 2:
            self.tree.clear()  # mostly new: cheaper to start over than to take rows out one by one
            self._rows.clear()
        else:
            for key in gone:
                item = self._rows.pop(key)
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        self._groups = {}
        for position, (key, members) in enumerate(wanted):
            item = self._rows.get(key)
            if item is None:
                item = self._group_item(key, members) if key[0] == "group" else self._finding_item(members[0])
                self._rows[key] = item
                self.tree.insertTopLevelItem(position, item)
            else:
                if self.tree.topLevelItem(position) is not item:
                    self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                    self.tree.insertTopLevelItem(position, item)
                if key[0] == "group" and self._regrouped:
                    self._update_group(key, item, members)
            if key[0] == "group":
                self._groups[key] = members
        self._regrouped = False

    def _finding_item(self, finding: Finding) -> QTreeWidgetItem:
        return finding_item(finding, self.place(finding.path), self.style())

    def _group_item(self, key: tuple, members: list[Finding]) -> QTreeWidgetItem:
        severity = key[1]
        item = QTreeWidgetItem([labels.SEVERITIES.get(severity, severity), "", "", members[0].citation])
        item.setIcon(0, self.style().standardIcon(ICONS[severity]))
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._update_group(key, item, members)
        return item

    def _update_group(self, key: tuple, item: QTreeWidgetItem, members: list[Finding]) -> None:
        """Place, count and first field of a group; its children only when the members changed."""
        signature = hash(tuple(members))
        if item.data(0, _SIGNATURE) == signature:
            return
        _, _severity, _code, project_id, section = key
        where = _SECTION_TITLES[section]
        if project_id:
            where = f"{paths.place(self.document.dossier, paths.project_path(project_id))} – {where}"
        item.setText(1, where)
        item.setText(2, _count_text(len(members)))
        item.setData(0, PATH_ROLE, members[0].path)  # double-click on the group: its first field
        item.setData(0, _SIGNATURE, signature)
        for column in range(4):
            item.setToolTip(column, item.text(column))
        if item.childCount():
            expanded = item.isExpanded()
            current = self.tree.currentItem()
            kept = current.data(0, PATH_ROLE) if current and current.parent() is item else None
            item.takeChildren()
            if expanded:
                self._add_children(item, members)
                # The row the user was on stays current (else the selection jumps to the group).
                children = (item.child(i) for i in range(item.childCount()))
                again = next((c for c in children if c.data(0, PATH_ROLE) == kept), None)
                if again is not None:
                    self.tree.setCurrentItem(again)

    def _expanded(self, item: QTreeWidgetItem) -> None:
        if item.childCount() == 0:
            key = next((k for k, row in self._rows.items() if row is item), None)
            if key in self._groups:
                self._add_children(item, self._groups[key])

    def _add_children(self, item: QTreeWidgetItem, members: list[Finding]) -> None:
        item.addChildren([self._finding_item(finding) for finding in members])

    def _show_view(self, by_project: bool) -> None:
        if by_project:
            self.projects_view.fill(self.document.dossier, self.findings)
        self.views.setCurrentWidget(self.projects_view if by_project else self.tree)

    def group_rows(self) -> list[QTreeWidgetItem]:
        """The grouped rows (tests and the status of a rolled-over dossier)."""
        return [item for key, item in self._rows.items() if key[0] == "group"]

    def place(self, path: str) -> str:
        """ "Asistent… – Název projektu", "Žadatel – IČO"."""
        return paths.place(self.document.dossier, path)

    def summary(self) -> str:
        count = checks.counts(self.findings)
        text = f"Chyby: {count[Severity.ERROR]} · Upozornění: {count[Severity.WARNING]}"
        return text + (f" · Informace: {count[Severity.INFO]}" if count[Severity.INFO] else "")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.jumpRequested.emit(path)


def _key(finding: Finding) -> tuple:
    return (finding.severity, finding.code, finding.path, finding.message, finding.citation)
