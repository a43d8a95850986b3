"""The Kontrola dock's second view: findings grouped by project ("Seskupit podle projektů").

One row per part of the application that has findings (Žádost and Žadatel first, then the projects
in their order) with its counts and worst severity; its findings below, errors first. It is
rebuilt from the panel's current findings whenever shown or refreshed, and only then: the list
view stays the fast, incremental one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ..core import labels, paths
from ..core.checks import Finding, Severity
from ..core.model import Dossier
from .finding_items import ICONS, PATH_ROLE, finding_item

WHOLE_APPLICATION = "Žádost a žadatel"


def by_project(dossier: Dossier, findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """(title, findings) per part of the application, in the dossier's order; empty parts left out."""
    order = {p.id: i for i, p in enumerate(dossier.projects)}
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        project_id = paths.project_id_of(finding.path) if finding.path else None
        groups.setdefault(project_id if project_id in order else "", []).append(finding)
    keys = sorted(groups, key=lambda key: -1 if key == "" else order[key])
    titles = {p.id: paths.place(dossier, paths.project_path(p.id)) for p in dossier.projects}
    return [(titles.get(key, WHOLE_APPLICATION), sorted(groups[key], key=lambda f: f.severity.rank)) for key in keys]


def counts_text(findings: list[Finding]) -> str:
    errors = sum(f.severity == Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
    other = len(findings) - errors - warnings
    parts = [f"chyby: {errors}", f"upozornění: {warnings}"] + ([f"informace: {other}"] if other else [])
    return ", ".join(parts)


class ProjectsView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(["Závažnost", "Místo", "Zpráva", "Pravidlo"])
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 260)
        self.setColumnWidth(3, 220)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(2, self.header().ResizeMode.Stretch)

    def fill(self, dossier: Dossier, findings: list[Finding]) -> None:
        """Rebuild the rows; the groups the user folded or opened, the current row and the scroll
        position stay as they were (an edit refills the view)."""
        folded = {
            self._part(self.topLevelItem(i)): self.topLevelItem(i).isExpanded() for i in range(self.topLevelItemCount())
        }
        current = self._identity(self.currentItem())
        scrolled_to = self.verticalScrollBar().value()
        self.clear()
        for title, members in by_project(dossier, findings):
            worst = min((f.severity for f in members), key=lambda s: s.rank)
            group = QTreeWidgetItem([labels.SEVERITIES.get(worst, worst), title, counts_text(members), ""])
            group.setIcon(0, self.style().standardIcon(ICONS[worst]))
            font = group.font(1)
            font.setBold(True)
            group.setFont(1, font)
            group.setData(0, PATH_ROLE, members[0].path)
            self.addTopLevelItem(group)
            for finding in members:
                group.addChild(finding_item(finding, paths.place(dossier, finding.path), self.style()))
            # Errors and warnings are to be acted on: open; information only stays folded.
            group.setExpanded(folded.get(self._part(group), worst != Severity.INFO))
        if current is not None:
            found = next((item for item in self._items() if self._identity(item) == current), None)
            if found is not None:
                self.setCurrentItem(found)
        self.verticalScrollBar().setValue(scrolled_to)

    def _items(self):
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            yield group
            yield from (group.child(j) for j in range(group.childCount()))

    @staticmethod
    def _part(group: QTreeWidgetItem) -> str:
        """The project id of a group ("" for the application and applicant), as its first finding says."""
        return paths.project_id_of(group.data(0, PATH_ROLE) or "") or ""

    def _identity(self, item: QTreeWidgetItem | None) -> tuple | None:
        if item is None:
            return None
        group = item.parent()
        if group is None:
            return (self._part(item),)
        # Not the message: it may quote the project's title, which the edit may have changed.
        return (self._part(group), item.data(0, PATH_ROLE), item.text(0), item.text(3))
