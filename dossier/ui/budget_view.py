"""The budget table view: spreadsheet keys, row selection by the "Č." column, column widths."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView

from .budget_columns import COLUMN_KEYS, COLUMNS

#: Widths in pixels of the columns that keep their size.
_WIDTHS = {"row": 34, "unit": 60, "quantity": 70, "unit_price": 102, "total": 102, "requested": 102, "own": 102,
           "eligible": 74}
#: The text columns share what is left: (weight, least width); below that the table scrolls.
_FLEX = {"text": (6, 150), "category": (2, 90), "justification": (2, 82)}


class BudgetView(QTableView):
    """The table: Enter edits, a click on "Č." selects whole rows, our keys win over window shortcuts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Actions whose keys the view handles itself (BudgetEditor fills it).
        self.key_actions: list[QAction] = []
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()  # the "Č." column numbers the rows and selects them
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring: 1 000 lines stay fast
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def setModel(self, model) -> None:  # noqa: N802 - Qt naming
        super().setModel(model)
        header = self.horizontalHeader()  # the sections exist only now
        for column, spec in enumerate(COLUMNS):
            header.resizeSection(column, _WIDTHS[spec.key] if spec.key in _WIDTHS else _FLEX[spec.key][1])
        self.share_width()

    def viewportEvent(self, event):  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Resize:  # also when a scroll bar comes or goes
            self.share_width()
        return super().viewportEvent(event)

    def share_width(self) -> None:
        """Give the text columns what the fixed ones leave, the item the most."""
        header = self.horizontalHeader()
        flex = {COLUMN_KEYS.index(key): spec for key, spec in _FLEX.items()}
        free = self.viewport().width() - sum(header.sectionSize(c) for c in range(header.count()) if c not in flex)
        total = sum(weight for weight, _ in flex.values())
        # Every text column gets its least width; what remains is shared by weight (no sideways scroll).
        spare = max(0, free - sum(least for _, least in flex.values()))
        widths = {column: least + spare * weight // total for column, (weight, least) in flex.items()}
        widths[COLUMN_KEYS.index("text")] += max(0, free - sum(widths.values()))  # the rounding rest
        for column, width in widths.items():
            header.resizeSection(column, width)

    def _action_for(self, event) -> QAction | None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # keypad Enter = Enter
        pressed = QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))
        return next((a for a in self.key_actions if a.isEnabled() and pressed in a.shortcuts()), None)

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and (
                self._action_for(event) or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            event.accept()  # claim the key, as a line edit claims Ctrl+C
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt naming
        action = self._action_for(event)
        if action is not None:
            action.trigger()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event)
        else:
            super().keyPressEvent(event)

    def closeEditor(self, editor, hint):  # noqa: N802 - Qt naming
        super().closeEditor(editor, hint)
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.siblingAtRow(current.row() + 1))  # Enter moves down, as in Excel

    def mousePressEvent(self, event):  # noqa: N802 - Qt naming
        index = self.indexAt(event.position().toPoint())
        rows = index.isValid() and COLUMNS[index.column()].key == "row"
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows if rows
                                  else QAbstractItemView.SelectionBehavior.SelectItems)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt naming
        super().mouseReleaseEvent(event)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
