"""The "Kontrola" dock: findings of the whole-dossier checks, refreshed shortly after edits."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from ..core import checks, labels, paths
from ..core.checks import Finding
from .document import Document

#: Waiting this long after the last edit keeps the checks off the typing path.
DEBOUNCE_MS = 400
_ICONS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "info": QStyle.StandardPixmap.SP_MessageBoxInformation}
_ORDER = {"error": 0, "warning": 1, "info": 2}


class CheckPanel(QDockWidget):
    #: A finding was activated; the window jumps to its field path.
    jumpRequested = Signal(str)
    #: Checks ran; the argument is the status-bar summary ("Chyby: 2 · Upozornění: 5").
    refreshed = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("Kontrola", parent)
        self.setObjectName("check_panel")  # for saveState/restoreState
        self.document = document
        self.findings: list[Finding] = []
        self.refresh_count = 0
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Závažnost", "Místo", "Zpráva", "Pravidlo"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(1, 260)
        self.tree.setColumnWidth(3, 220)
        self.setWidget(self.tree)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        document.valueChanged.connect(self.schedule)
        document.listChanged.connect(self.schedule)
        document.dossierReplaced.connect(self.refresh)
        self.tree.itemActivated.connect(self._activated)

    def schedule(self, *_args) -> None:
        self.timer.start()  # restarts: a burst of edits runs the checks once

    def refresh(self) -> None:
        self.timer.stop()
        try:
            self.findings = sorted(checks.run_checks(self.document.dossier), key=lambda f: _ORDER.get(f.severity, 3))
        except Exception as exc:  # a broken check must not take the editor down
            self.findings = [Finding("error", "CHECK_FAILED", "", f"Kontrolu nelze dokončit: {exc}")]
        self.refresh_count += 1
        self._fill()
        self.refreshed.emit(self.summary())

    def _fill(self) -> None:
        self.tree.clear()
        style = self.style()
        for finding in self.findings:
            item = QTreeWidgetItem([labels.SEVERITIES.get(finding.severity, finding.severity),
                                    self.place(finding.path), finding.message, finding.citation])
            item.setIcon(0, style.standardIcon(_ICONS.get(finding.severity, _ICONS["info"])))
            item.setData(0, Qt.ItemDataRole.UserRole, finding.path)
            for column in range(4):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)

    def place(self, path: str) -> str:
        """ "Asistent… – Název projektu", "Žadatel – IČO"."""
        return paths.place(self.document.dossier, path)

    def summary(self) -> str:
        count = checks.counts(self.findings)
        text = f"Chyby: {count['error']} · Upozornění: {count['warning']}"
        return text + (f" · Informace: {count['info']}" if count["info"] else "")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.jumpRequested.emit(path)
