"""A small editable table bound to a list of models (APK staff, camera points, buildings, attachments)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.money import format_number, parse_decimal, parse_money, parse_quantity
from ..core.validation_messages import czech_reason
from .bindings import Binding
from .form import parse_int, required_int
from .widgets import reveal, show_status

_INVALID = QBrush(QColor("#ffcdd2"))


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    kind: str = "text"  # text | int | year | optional_int | money | quantity | figure | bool | choice
    width: int = 0  # 0: stretch
    #: For a "choice" column: (shown text, stored value) pairs offered in a combo box.
    choices: tuple[tuple[str, Any], ...] = ()
    tooltip: str = ""

    def parse(self, text: str) -> Any:
        if self.kind == "choice":
            for shown, value in self.choices:
                if text.strip() == shown:
                    return value
            raise ValueError(f"vyberte jednu z možností: {', '.join(shown for shown, _ in self.choices)}")
        parsers: dict[str, Callable[[str], Any]] = {
            "int": required_int,
            "year": required_int,
            "optional_int": parse_int,
            "money": parse_money,
            "quantity": parse_quantity,
            "figure": lambda t: parse_decimal(t, places=4, what=self.label),
        }
        return parsers.get(self.kind, lambda t: t)(text)

    def format(self, value: Any) -> str:
        if self.kind in ("money", "quantity", "figure", "int", "optional_int"):
            return "" if value is None else format_number(value)
        if self.kind == "year":
            return "" if value is None else str(value)  # 2019, never "2 019"
        if self.kind == "choice":
            return next((shown for shown, stored in self.choices if stored == value), str(value))
        return "" if value is None else str(value)


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the cells of "choice" columns; the cell keeps the shown text."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt naming
        column = self.columns[index.column()]
        if column.kind != "choice":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for shown, _ in column.choices:
            combo.addItem(shown)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(index.data() or "")))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class ListTable(QWidget):
    """Rows are list items, columns are fields; "Přidat" / "Odstranit" change the list (undoable)."""

    def __init__(self, columns: list[Column], make_item: Callable[[], Any], noun: str, parent=None):
        super().__init__(parent)
        self.columns, self.make_item, self.noun = columns, make_item, noun
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.label for c in columns])
        for index, column in enumerate(columns):
            if column.tooltip:
                self.table.horizontalHeaderItem(index).setToolTip(column.tooltip)
        if any(c.kind == "choice" for c in columns):
            self.table.setItemDelegate(_ChoiceDelegate(columns, self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(120)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            if column.width:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(index, column.width)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(f"Přidat {noun}")
        self.remove_button = QPushButton("Odstranit vybraný řádek")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)


class ListBinding(Binding):
    """Binds a ListTable to a list path; cell edits are ``set_value`` on "<list>/<row>/<field>"."""

    merge = False

    def __init__(self, form, key: str, widget: ListTable):
        super().__init__(form, key, widget)
        self.table = widget.table
        self._filling = False
        self.table.itemChanged.connect(self._cell_edited)
        widget.add_button.clicked.connect(self._add)
        widget.remove_button.clicked.connect(self._remove)

    def show(self, items: Any) -> None:
        items = items or []
        columns = self.widget.columns
        self._filling = True
        try:
            self.table.setRowCount(len(items))
            for row, item in enumerate(items):
                for col, column in enumerate(columns):
                    self._fill(row, col, column, getattr(item, column.field))
        finally:
            self._filling = False
        rows = max(len(items), 2)
        self.table.setFixedHeight(
            min(rows, 8) * self.table.verticalHeader().defaultSectionSize() + self.table.horizontalHeader().height() + 6
        )

    def _fill(self, row: int, col: int, column: Column, value: Any) -> None:
        cell = self.table.item(row, col)
        if cell is None:
            cell = QTableWidgetItem()
            self.table.setItem(row, col, cell)
        if column.kind == "bool":
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            cell.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            cell.setText(column.format(value))
            if column.kind not in ("text", "choice"):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        cell.setBackground(QBrush())
        cell.setToolTip("")

    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = cell.row(), cell.column()
        column = self.widget.columns[col]
        path = f"{self.path}/{row}/{column.field}"
        raw = cell.checkState() == Qt.CheckState.Checked if column.kind == "bool" else cell.text()
        self._pushing = True
        try:
            value = raw if column.kind == "bool" else column.parse(raw)
            self.form.document.set_value(path, value)
        except ValueError as exc:
            # Keep the typed text, mark the cell and say why.
            message = f"{column.label}: {czech_reason(exc)}"
            self._filling = True
            cell.setBackground(_INVALID)
            cell.setToolTip(message)
            self._filling = False
            show_status(self.widget, message)
            return
        finally:
            self._pushing = False
        self._filling = True
        try:
            self._fill(row, col, column, value)
        finally:
            self._filling = False

    def _add(self) -> None:
        items = self.model_value() or []
        self.form.document.insert(self.path, len(items), self.widget.make_item(), f"Přidat {self.widget.noun}")
        row = len(items)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= self.table.rowCount():
            show_status(self.widget, "Vyberte řádek, který chcete odstranit.")
            return
        self.form.document.remove(self.path, row, f"Odstranit {self.widget.noun}")

    def set_read_only(self, read_only: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.NoEditTriggers
            if read_only
            else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )
        self.widget.add_button.setEnabled(not read_only)
        self.widget.remove_button.setEnabled(not read_only)

    def focus(self, rest: str = "") -> None:
        reveal(self.table)
        parts = rest.split("/")
        if parts and parts[0].isdigit() and int(parts[0]) < self.table.rowCount():
            fields = [c.field for c in self.widget.columns]
            col = fields.index(parts[1]) if len(parts) > 1 and parts[1] in fields else 0
            self.table.setCurrentCell(int(parts[0]), col)
