"""Shared small widgets and helpers for the forms: date field, invalid marking, revealing a field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: The sentinel date a QDateEdit shows as "nezadáno" (QDateEdit cannot hold "no date").
_EMPTY_DATE = QDate(1900, 1, 1)
INVALID_STYLE = "border: 2px solid #c62828; border-radius: 2px;"


def show_status(widget: QWidget, message: str, timeout_ms: int = 8000) -> None:
    """Show a message in the status bar of the widget's main window, if it has one."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, timeout_ms)


def reveal(widget: QWidget) -> None:
    """Make a widget visible to the user: switch the tabs/stacks above it, scroll to it, focus it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    parent = widget.parentWidget()
    while parent is not None:
        # A whole scroll area (a text box) is its own viewport; only scroll to ordinary fields.
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 40, 40)
        parent = parent.parentWidget()
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)


class _UndoRouter(QObject):
    """Sends Ctrl+Z / Ctrl+Y from an editor to the document's undo stack.

    Line and text edits have their own undo history; two histories would disagree, so the
    editor must not claim the shortcut and the window's Zpět/Znovu actions get it.
    """

    def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()
            return True
        return False


_ROUTER = _UndoRouter()


def route_undo(widget: QWidget) -> None:
    widget.installEventFilter(_ROUTER)


class DateField(QWidget):
    """A date that may be empty: QDateEdit (d. M. yyyy) plus a button that clears it."""

    edited = Signal(object)  # dt.date | None, only for user edits

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat("d. M. yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_EMPTY_DATE)
        self.edit.setSpecialValueText("nezadáno")
        self.edit.setMinimumWidth(130)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip("Vymazat datum")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._showing = False
        self.default_page = QDate.currentDate()
        self.edit.dateChanged.connect(self._changed)
        self.clear_button.clicked.connect(self._clear)
        route_undo(self.edit)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == _EMPTY_DATE else date.toPython()

    def set_value(self, value: dt.date | None) -> None:
        self._showing = True
        try:
            self.edit.setDate(QDate(value) if value else _EMPTY_DATE)
            # An empty date opens the calendar at the programme year, not in 1900.
            page = QDate(value) if value else self.default_page
            self.edit.calendarWidget().setCurrentPage(page.year(), page.month())
        finally:
            self._showing = False

    def _changed(self) -> None:
        if not self._showing:
            self.edited.emit(self.value())

    def _clear(self) -> None:
        if self.value() is not None:
            self.set_value(None)
            self.edited.emit(None)


def install_above_central(window: QMainWindow, banner: QWidget) -> None:
    """Put ``banner`` across the window, above its central widget (the sample and read-only banners)."""
    central = window.centralWidget()
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(central, 1)
    window.setCentralWidget(container)


class Banner(QFrame):
    """A coloured strip across the window: a wrapped text and its buttons on the right."""

    def __init__(self, name: str, style: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"QFrame#{name} {{ {style} }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.label, 1)

    def add_button(self, text: str, slot, tooltip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        self._layout.addWidget(button)
        return button
