"""A finding as a row of the Kontrola dock, the same in its list and in its project view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTreeWidgetItem

from ..core import labels
from ..core.checks import Finding, Severity

#: The row's field path, for the jump on double-click.
PATH_ROLE = Qt.ItemDataRole.UserRole
ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def finding_item(finding: Finding, place: str, style: QStyle) -> QTreeWidgetItem:
    """Severity, place, message and rule, each with its full text as the tooltip."""
    item = QTreeWidgetItem(
        [labels.SEVERITIES.get(finding.severity, finding.severity), place, finding.message, finding.citation]
    )
    item.setIcon(0, style.standardIcon(ICONS[finding.severity]))
    item.setData(0, PATH_ROLE, finding.path)
    for column in range(4):
        item.setToolTip(column, item.text(column))
    return item
