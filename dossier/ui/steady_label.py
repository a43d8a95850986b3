"""A label for figures that change on every edit (totals) without laying out the whole window again.

``QLabel.setText`` invalidates the layout it sits in, and Qt then lays out every level above it
up to the main window (its docks and toolbars included): about 10 ms of each cell edit in the
editor, even when the new figures need exactly the room the old ones had. Here the QLabel sits
in a holder without a layout; the holder passes the request on only when the room it needs
(its size hints, the height at its width) has changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QWidget):
    def __init__(self, parent: QWidget | None = None, *, rich: bool = False, wrap: bool = False):
        super().__init__(parent)
        self.label = QLabel(self)
        if rich:
            self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(wrap)
        self.setSizePolicy(self.label.sizePolicy())  # a wrapping label trades width for height
        self._room: tuple[QSize, QSize, int] | None = None  # unknown until the first check

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.label.setText(text)

    def room(self) -> tuple[QSize, QSize, int]:
        """What the surrounding layout reads: the size hints and the height at the current width."""
        height = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        return self.sizeHint(), self.minimumSizeHint(), height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt naming
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt naming
        return self.label.heightForWidth(width)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def event(self, event) -> bool:
        # The label's new text (or font) asks its parent, this holder, for a layout.
        if event.type() == QEvent.Type.LayoutRequest:
            self.recheck()
            return True
        return super().event(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.recheck()  # a hidden label's changes posted no request

    def recheck(self) -> None:
        """Ask the layout for room only when the needed room changed."""
        room = self.room()
        if room != self._room:
            self._room = room
            self.updateGeometry()
