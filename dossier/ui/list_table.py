"""A small editable table bound to a list of models (APK staff, camera points, buildings, attachments)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.money import format_number, parse_money, parse_quantity
from ..core.validation_messages import czech_reason
from .bindings import Binding
from .form import parse_int, required_int
from .widgets import reveal, show_status

_INVALID = QBrush(QColor("#ffcdd2"))


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    kind: str = "text"  # text | int | optional_int | money | quantity | bool
    width: int = 0  # 0: stretch

    def parse(self, text: str) -> Any:
        parsers: dict[str, Callable[[str], Any]] = {
            "int": required_int, "optional_int": parse_int, "money": parse_money, "quantity": parse_quantity}
        return parsers.get(self.kind, lambda t: t)(text)

    def format(self, value: Any) -> str:
        if self.kind in ("money", "quantity", "int", "optional_int"):
            return "" if value is None else format_number(value)
        return "" if value is None else str(value)


class ListTable(QWidget):
    """Rows are list items, columns are fields; "Přidat" / "Odstranit" change the list (undoable)."""

    def __init__(self, columns: list[Column], make_item: Callable[[], Any], noun: str, parent=None):
        super().__init__(parent)
        self.columns, self.make_item, self.noun = columns, make_item, noun
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.label for c in columns])
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
        self.table.setFixedHeight(min(rows, 8) * self.table.verticalHeader().defaultSectionSize()
                                  + self.table.horizontalHeader().height() + 6)

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
            if column.kind != "text":
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
        self.table.setEditTriggers(triggers.NoEditTriggers if read_only else
                                   triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.widget.add_button.setEnabled(not read_only)
        self.widget.remove_button.setEnabled(not read_only)

    def focus(self, rest: str = "") -> None:
        reveal(self.table)
        parts = rest.split("/")
        if parts and parts[0].isdigit() and int(parts[0]) < self.table.rowCount():
            fields = [c.field for c in self.widget.columns]
            col = fields.index(parts[1]) if len(parts) > 1 and parts[1] in fields else 0
            self.table.setCurrentCell(int(parts[0]), col)
