"""The budget table view: spreadsheet keys, row selection by the "Č." column, column widths.

Number columns are as wide as their widest value (never "1 323 000,0…"), measured with the
view's own font, so a larger font or display scaling widens them too; the text columns share
what is left and elide, their tooltip showing the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QStyle, QTableView

from .budget_columns import COLUMN_KEYS, COLUMNS

#: Widths in pixels of the columns that keep their size.
_WIDTHS = {"row": 34, "unit": 60, "eligible": 74}
#: Columns sized to their widest value (and header); the least width keeps an empty table tidy.
_FIT = {"quantity": 60, "unit_price": 80, "total": 80, "requested": 80, "own": 80}
#: Room beside the text so that a value never touches the grid line.
_BREATHING = 8
#: The text columns share what is left: (weight, least width); below that the table scrolls.
_FLEX = {"text": (6, 150), "category": (2, 90), "justification": (2, 82)}


class BudgetView(QTableView):
    """The table: Enter edits, a click on "Č." selects whole rows, our keys win over window shortcuts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Actions whose keys the view handles itself (BudgetEditor fills it).
        self.key_actions: list[QAction] = []
        self._fit_pending = False
        self._text_widths: dict[int, list[int]] = {}  # measured text width of every number cell, by column
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
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
            if spec.key in _WIDTHS or spec.key in _FLEX:
                header.resizeSection(column, _WIDTHS[spec.key] if spec.key in _WIDTHS else _FLEX[spec.key][1])
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._schedule_fit)
        model.dataChanged.connect(self._rows_changed)
        self.fit_number_columns()

    def cell_padding(self) -> int:
        """What a cell takes besides its text: the style's text margins, the grid line, a little air."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return 2 * margin + 1 + _BREATHING

    def _schedule_fit(self, *_args) -> None:
        # One measurement per burst of changes (a pasted block emits many), after the model settles.
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self.fit_number_columns)

    def fit_number_columns(self) -> None:
        """Measure every number cell, then size each number column to its widest value and its header."""
        self._fit_pending = False
        model = self.model()
        if model is None:
            return
        metrics = self.fontMetrics()
        columns = [COLUMN_KEYS.index(key) for key in _FIT]
        self._text_widths = {
            column: [metrics.horizontalAdvance(text) for text in model.display_texts(column, keep_empty=True)]
            for column in columns
        }
        self._apply_fit()

    def _rows_changed(self, top_left, bottom_right, *_roles) -> None:
        # An edit re-measures only its rows; a column also narrows when its widest value went.
        if self._fit_pending:
            return
        model, metrics = self.model(), self.fontMetrics()
        first, last = top_left.row(), bottom_right.row()
        widest = {column: max(widths, default=0) for column, widths in self._text_widths.items()}
        for column, widths in self._text_widths.items():
            texts = model.display_texts(column, first, last + 1, keep_empty=True)
            if len(widths) < last + 1 or len(texts) != last + 1 - first:
                self._schedule_fit()  # rows the measurement has not seen yet
                return
            widths[first : last + 1] = [metrics.horizontalAdvance(text) for text in texts]
        if any(max(widths, default=0) != widest[column] for column, widths in self._text_widths.items()):
            self._apply_fit()  # typing within the widest value resizes nothing

    def _apply_fit(self) -> None:
        header, padding = self.horizontalHeader(), self.cell_padding()
        for key, least in _FIT.items():
            column = COLUMN_KEYS.index(key)
            widest = max(self._text_widths.get(column) or [0])
            wanted = max(least, widest + padding, header.sectionSizeHint(column))
            if header.sectionSize(column) != wanted:
                header.resizeSection(column, wanted)
        self.share_width()

    def changeEvent(self, event):  # noqa: N802 - Qt naming
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._schedule_fit()

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
            self._action_for(event) or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()  # claim the key, as a line edit claims Ctrl+C
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt naming
        action = self._action_for(event)
        if action is not None:
            action.trigger()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
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
        self.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectRows if rows else QAbstractItemView.SelectionBehavior.SelectItems
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt naming
        super().mouseReleaseEvent(event)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
