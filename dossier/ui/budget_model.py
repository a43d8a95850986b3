"""The budget of one project as a Qt table model, read straight from the document.

The model keeps no copy of the lines: every ``data`` call reads
``document.dossier.project(id).budget``. Edits go through ``document.set_value`` (one undo
step per cell); the model redraws from the document's change signals.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ..core.labels import PROPOSAL_MARK
from ..core.model import BudgetLine
from ..core.money import format_money, format_number
from ..core.paths import split
from ..core.rules import CodeItem
from ..core.totals import line_own, line_total
from ..core.validation_messages import czech_reason
from .budget_columns import (
    BOOL,
    CATEGORY,
    COLUMN_KEYS,
    COLUMNS,
    DERIVED,
    LEFT,
    MONEY,
    QUANTITY,
    RIGHT,
    TEXT,
    Column,
    money_text,
    parse_bool,
    parse_number,
    plain_number,
)
from .document import Document
from .review import REVIEW_PREFIX, marks_under, review_note

Index = QModelIndex | QPersistentModelIndex

RED = QColor("#c62828")
DERIVED_TINT = QColor(0, 0, 0, 12)  # translucent, so alternating row colours still show
#: A carried-over value still to be checked (the colour of the forms' review badge), and its row.
REVIEW_TINT = QColor("#ffe083")
REVIEW_ROW_TINT = QColor("#fff4ce")


class BudgetTableModel(QAbstractTableModel):
    #: A typed or pasted value was refused; the Czech reason (shown in the editor's status line).
    inputRejected = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.project_id: str | None = None
        #: Where the project was in the list last time; forgotten when projects move or change ids.
        self._project_at: int | None = None
        self._categories_key: str | None = None
        self._categories: dict[str, CodeItem] = {}
        self._rows = 0  # the row count the views know; changed only by a reset
        self._stale = False  # rows were inserted, removed or moved; reset once the edit is done
        self._marks: dict[int, dict[str, str]] | None = None  # review notes by row and field, read lazily
        document.valueChanged.connect(self._on_value_changed)
        document.listChanged.connect(self._on_list_changed)
        document.undo_stack.indexChanged.connect(self._flush)
        document.dossierReplaced.connect(self._reset)
        document.fileChanged.connect(self._on_file_changed)
        self._read_only = document.read_only

    @staticmethod
    def column_of(key: str) -> int:
        """The column of a field ("unit_price") or derived figure ("total")."""
        return COLUMN_KEYS.index(key)

    # -- the project ------------------------------------------------------------------------
    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self._reset()

    def project(self):
        if self.project_id is None:
            return None
        # ``data`` asks for every cell: the place found last time is checked before the list is searched.
        projects = self.document.dossier.projects
        at = self._project_at
        if at is not None and at < len(projects) and projects[at].id == self.project_id:
            return projects[at]
        for at, project in enumerate(projects):
            if project.id == self.project_id:
                self._project_at = at
                return project
        return None  # removed, or another dossier loaded before the window switched

    def lines(self) -> list[BudgetLine]:
        project = self.project()
        return project.budget if project is not None else []

    @property
    def list_path(self) -> str:
        return f"projects/{self.project_id}/budget"

    def cell_path(self, row: int, column: int) -> str:
        return f"{self.list_path}/{row}/{COLUMNS[column].key}"

    def categories(self) -> dict[str, CodeItem]:
        """The year's categories by code, cached per programme key (``data`` asks for every cell)."""
        key = self.document.dossier.program_key
        if key != self._categories_key:
            self._categories = {item.code: item for item in self.document.rules().pack.categories.items}
            self._categories_key = key
        return self._categories

    def year_label(self) -> str:
        return self.document.rules().pack.key

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt naming and signature
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt naming and signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt naming
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        column = COLUMNS[section]
        proposal = column.key == "category" and self.document.rules().pack.categories.unverified
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{column.title}\n(návrh)" if proposal else column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            # The category list is not published in the Zásady: say so where it is chosen.
            return (
                f"{column.tooltip} – {PROPOSAL_MARK}: seznam kategorií Zásady nezveřejňují"
                if proposal
                else column.tooltip
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = COLUMNS[index.column()]
        if self.document.read_only or not column.editable:
            return flags
        if column.kind == BOOL:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        lines = self.lines()
        if not index.isValid() or index.row() >= len(lines):
            return None
        line, column = lines[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), line, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(index.row(), line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            return Qt.CheckState.Checked if line.eligible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            tip, note = self._tooltip(line, column), self.review_note(index.row(), column.key)
            return (
                "\n".join(text for text in (note and f"{note} – upravte nebo potvrďte (Ctrl+Shift+P)", tip) if text)
                or None
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(line, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index.row(), column)
        return None

    # -- review marks of a roll-forward ------------------------------------------------------------
    def row_marks(self, row: int) -> dict[str, str]:
        """The row's carried-over fields still to be checked: {"unit_price": note, …}; "" for the whole row."""
        if self._marks is None:
            self._marks = {}
            prefix = self.list_path + "/"
            for path in marks_under(self.document.dossier, self.list_path) if self.project_id else ():
                head, _, key = path[len(prefix) :].partition("/")
                if head.isdigit():
                    self._marks.setdefault(int(head), {})[key] = review_note(self.document.dossier, path) or ""
        return self._marks.get(row, {})

    def review_note(self, row: int, key: str) -> str | None:
        marks = self.row_marks(row)
        return marks.get(key, marks.get(""))

    def marked_paths(self, rows) -> list[str]:
        """The marked paths of ``rows``, for confirming them."""
        return [
            f"{self.list_path}/{row}/{key}" if key else f"{self.list_path}/{row}"
            for row in rows
            for key in self.row_marks(row)
        ]

    def marked_rows(self) -> list[int]:
        self.row_marks(0)
        return sorted(row for row in (self._marks or {}) if row < self._rows)

    def _background(self, row: int, column: Column):
        marks = self.row_marks(row)
        if marks:
            return REVIEW_TINT if column.key in marks or "" in marks else REVIEW_ROW_TINT
        return None if column.editable else DERIVED_TINT

    def display_texts(
        self, column: int, first: int = 0, end: int | None = None, *, keep_empty: bool = False
    ) -> list[str]:
        """The shown texts of one column (rows ``first``..``end``), for sizing it to its widest value."""
        spec, lines = COLUMNS[column], self.lines()[first:end]
        texts = [self._display(first + offset, line, spec) or "" for offset, line in enumerate(lines)]
        return texts if keep_empty else [text for text in texts if text]

    def _display(self, row: int, line: BudgetLine, column: Column):
        key = column.key
        if key == "row":
            return str(row + 1)
        if key == "category":
            known = self.categories().get(line.category)
            return known.name if known else line.category
        if column.kind == QUANTITY:
            return format_number(line.quantity)
        if column.kind in (MONEY, DERIVED):
            # No "Kč" in every cell: the caption above the table says it once, the amounts stay narrow.
            return format_number(self.amount(line, key), 2)
        if column.kind == BOOL:
            return None
        return getattr(line, key).replace("\n", " ")  # one line per row; the tooltip shows all

    def _tooltip(self, line: BudgetLine, column: Column):
        if column.key == "category" and line.category:
            known = self.categories().get(line.category)
            if known is not None:
                return f"{known.name}\nKód: {line.category}"  # the full name when the cell elides it
            return f"Kategorie není v seznamu pro rok {self.year_label()} (kód {line.category})"
        if column.kind == TEXT and getattr(line, column.key):
            return getattr(line, column.key)  # the full text when the cell elides it
        if column.kind in (MONEY, DERIVED):
            return format_money(self.amount(line, column.key), decimals=2)
        return None

    def _foreground(self, line: BudgetLine, column: Column):
        if column.key == "category" and line.category and line.category not in self.categories():
            return RED
        if column.key == "own" and line_own(line) < 0:
            return RED  # more requested than the line costs
        return None

    @staticmethod
    def amount(line: BudgetLine, key: str) -> Decimal:
        if key == "total":
            return line_total(line)
        if key == "own":
            return line_own(line)
        return getattr(line, key)

    def edit_text(self, row: int, line: BudgetLine, column: Column) -> str:
        """The cell as the user types it, also the text copied to a spreadsheet."""
        if column.key == "row":
            return str(row + 1)
        if column.kind == QUANTITY:
            return plain_number(format_number(line.quantity))
        if column.kind in (MONEY, DERIVED):
            return money_text(self.amount(line, column.key))
        if column.kind == BOOL:
            return "ano" if line.eligible else "ne"
        if column.kind == CATEGORY:
            return line.category
        return getattr(line, column.key)

    # -- editing -----------------------------------------------------------------------------------
    def parse_cell(self, column: int, text, current=None):
        """The model value for typed or pasted ``text``; ``ValueError`` with a Czech reason otherwise."""
        kind = COLUMNS[column].kind
        if kind in (MONEY, QUANTITY):
            return parse_number(kind, text)
        if kind == CATEGORY:
            return self._parse_category(str(text), current)
        if kind == BOOL:
            return parse_bool(text)
        return str(text)

    def _parse_category(self, text: str, current: str | None) -> str:
        wanted = " ".join(text.split())
        if not wanted or wanted == current:
            return wanted
        for item in self.categories().values():
            if wanted.casefold() in (item.code.casefold(), item.name.casefold()):
                return item.code
        raise ValueError(f"„{wanted[:40]}“ není v seznamu kategorií pro rok {self.year_label()}")

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt naming
        if not index.isValid() or not (
            self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        ):
            return False
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        try:
            current = getattr(self.lines()[index.row()], column.key)
            parsed = self.parse_cell(index.column(), value, current)
            self.document.set_value(self.cell_path(index.row(), index.column()), parsed)
        except ValueError as exc:
            self.inputRejected.emit(f"{column.label}: {czech_reason(exc)}")
            return False
        return True

    # -- redrawing after document changes ----------------------------------------------------------
    def _reset(self) -> None:
        self._marks = None
        self._project_at = None
        self.beginResetModel()
        self._rows = len(self.lines())
        self._stale = False
        self.endResetModel()

    def _on_value_changed(self, path: str) -> None:
        if path.startswith(REVIEW_PREFIX):
            self._marks = None  # a mark came or went: repaint its row
            path = path[len(REVIEW_PREFIX) :]
        if path in ("year", "round"):  # another rule pack: category names may change
            self._emit_rows(0, self.rowCount() - 1)
            return
        parts = split(path)
        if parts == ["projects"] or (len(parts) == 3 and parts[0] == "projects" and parts[2] == "id"):
            self._project_at = None  # the first project of that id may be another one now
        if len(parts) < 2 or parts[0] != "projects" or parts[1] != self.project_id:
            return
        if len(parts) == 2 or (len(parts) == 3 and parts[2] == "budget"):
            self._stale = True  # the whole project or the whole list was replaced
        elif len(parts) >= 4 and parts[2] == "budget" and not self._stale:
            row = int(parts[3])
            self._emit_rows(row, row)

    def _emit_rows(self, first: int, last: int) -> None:
        last = min(last, self._rows - 1)
        if last >= first:
            # The whole row: a changed amount also changes the derived columns.
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _on_file_changed(self) -> None:
        if self.document.read_only != self._read_only:  # the flags change, not the data
            self._read_only = self.document.read_only
            self._emit_rows(0, self._rows - 1)

    def _on_list_changed(self, list_path: str) -> None:
        # The signal does not say which rows moved, so structural changes reset the view, once
        # per undo step: a paste of 1 000 rows or its undo is one reset, not 1 000.
        if list_path == "projects":
            self._project_at = None
        if list_path == "projects" or list_path == self.list_path:
            self._marks = None  # marks follow their rows
            self._stale = True

    def _flush(self) -> None:
        if self._stale:
            self._reset()
