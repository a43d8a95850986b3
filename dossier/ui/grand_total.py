"""The whole application's totals, always in sight: a permanent status-bar label and the
"Souhrn žádosti" group of the Žadatel page.

Both ask the document's cached ``dossier_totals`` once per user action (an undo step, its undo, another
file), not once per changed cell, so a pasted block of 1 000 lines costs one computation.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocumentFragment
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from ..core.labels import plural
from ..core.money import format_money, format_percent
from ..core.totals import DossierTotals
from .document import Document
from .steady_label import SteadyLabel

_ROWS = (("total", "Celkem"), ("requested", "Dotace"), ("own", "Vlastní podíl"), ("rate", "Podíl dotace"))


def figures(totals: DossierTotals) -> dict[str, str]:
    """The four figures as the clerk reads them: "2 511 000 Kč", "82,4 %" (or "–" without an eligible base)."""
    return {
        "total": format_money(totals.total),
        "requested": format_money(totals.requested),
        "own": format_money(totals.own),
        "rate": format_percent(totals.rate),
    }


def status_text(totals: DossierTotals, short: bool = False) -> str:
    """The status-bar line; ``short`` drops the words a narrow window has no room for."""
    shown = figures(totals)
    if short:
        return f"Žádost <b>{shown['total']}</b> · dotace <b>{shown['requested']}</b> ({shown['rate']})"
    return (
        f"Žádost celkem <b>{shown['total']}</b> · dotace <b>{shown['requested']}</b> · "
        f"vlastní podíl {shown['own']} · podíl dotace {shown['rate']}"
    )


class _FollowsTotals:
    """Recompute when an undo step is done or undone, or another dossier is loaded."""

    document: Document

    def follow(self, document: Document) -> None:
        self.document = document
        document.undo_stack.indexChanged.connect(self.refresh)
        document.dossierReplaced.connect(self.refresh)

    def refresh(self, *_args) -> None:
        raise NotImplementedError


class GrandTotalLabel(SteadyLabel, _FollowsTotals):
    """ "Žádost celkem 2 511 000 Kč · dotace … · vlastní podíl … · podíl dotace …" for the status bar."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent, rich=True)
        self.setObjectName("grandTotal")
        self.setToolTip("Součty za celou žádost (všechny projekty); podíl dotace z uznatelných nákladů.")
        self.label.setContentsMargins(6, 0, 12, 0)
        self._texts = ("", "")
        self.follow(document)
        self.refresh()

    def refresh(self, *_args) -> None:
        totals = self.document.dossier_totals()  # from the per-project cache
        self._texts = (status_text(totals), status_text(totals, short=True))
        self.recheck()  # the hints follow the figures; a relayout only when their width changed
        self._fit()

    def _needed(self, text: str) -> int:
        bold = self.label.font()
        bold.setBold(True)  # rich text measured as if all bold: never too little room
        margins = self.label.contentsMargins()
        return (
            QFontMetrics(bold).horizontalAdvance(QTextDocumentFragment.fromHtml(text).toPlainText())
            + margins.left()
            + margins.right()
        )

    def _fit(self) -> None:
        full, short = self._texts
        text = full if self.width() >= self._needed(full) else short
        if text != self.text():
            self.setText(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(self._needed(self._texts[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # A narrow window (1366 × 768 at 150 %) gets the short line instead of a wider window.
        return QSize(self._needed(self._texts[1]), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class GrandTotalGroup(QGroupBox, _FollowsTotals):
    """The "Souhrn žádosti" group: celkem, dotace, vlastní podíl and podíl dotace of all projects."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("Souhrn žádosti", parent)
        self.setObjectName("grandTotalGroup")
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.values: dict[str, QLabel] = {}
        for key, caption in _ROWS:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(caption, value)
        self.projects = QLabel()
        self.projects.setWordWrap(True)
        self.projects.setStyleSheet("color: #555;")
        form.addRow(self.projects)
        self.follow(document)
        self.refresh()

    def refresh(self, *_args) -> None:
        totals = self.document.dossier_totals()  # from the per-project cache
        for key, text in figures(totals).items():
            self.values[key].setText(f"<b>{text}</b>" if key in ("total", "requested") else text)
        count = len(totals.projects)
        noun = plural(count, "projekt", "projekty", "projektů")
        self.projects.setText(f"Za {count} {noun}; podíl dotace z uznatelných nákladů.")
