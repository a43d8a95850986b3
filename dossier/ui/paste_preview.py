"""What a paste of several budget rows will do, shown before anything changes.

The dialog lists the rows as they will be, which column of the block went where, the
project's totals before → after and everything the reader noticed (unknown categories,
columns left out, cells it could not read). Enter pastes, Esc cancels.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.labels import plural
from ..core.model import BudgetLine, Project
from ..core.money import format_money, format_number
from ..core.totals import ProjectTotals, line_own, line_total, project_totals
from .budget_clipboard import PastePlan
from .budget_columns import COLUMNS, LEFT, RIGHT

#: The table shows this many rows; the counts and totals always cover the whole block.
MAX_SHOWN = 200
MAX_FINDINGS = 12
_SHOWN_KEYS = ("text", "category", "unit", "quantity", "unit_price", "total", "requested", "own", "eligible")
_AMBER = "#8a5a00"
NEW, CHANGED, SAME = "nový", "změněný", "beze změny"


@dataclass
class PastePreview:
    """Everything the dialog shows, computed once (also what a test inspects)."""

    project_label: str
    plan: PastePlan
    before: ProjectTotals
    after: ProjectTotals
    old_lines: list[BudgetLine]
    category_names: dict[str, str]

    @classmethod
    def build(cls, project: Project, plan: PastePlan, category_names: dict[str, str]) -> PastePreview:
        after_project = project.model_copy(update={"budget": plan.applied.lines})
        label = f"{project.id} – {project.title}" if project.title else project.id
        return cls(
            label, plan, project_totals(project), project_totals(after_project), list(project.budget), category_names
        )

    def rows(self) -> list[tuple[int, str, BudgetLine]]:
        """(table row number, state, line) of every row the block writes."""
        applied = self.plan.applied
        result = []
        for index in range(applied.first, applied.end):
            line = applied.lines[index]
            state = NEW if index >= len(self.old_lines) else SAME if self.old_lines[index] == line else CHANGED
            result.append((index + 1, state, line))
        return result

    def summary(self) -> str:
        applied = self.plan.applied
        n = applied.end - applied.first
        parts = []
        overwritten = n - applied.added
        if overwritten:
            span = f"{applied.first + 1}" if overwritten == 1 else f"{applied.first + 1}–{applied.first + overwritten}"
            rows = plural(overwritten, "řádek", "řádky", "řádky")
            verb = plural(overwritten, "řádek se přepíše", "řádky se přepíší", "řádků se přepíše")
            parts.append(f"{overwritten} {verb} ({rows} {span}, změní se {applied.changed})")
        if applied.added:
            verb = plural(applied.added, "nový řádek se přidá", "nové řádky se přidají", "nových řádků se přidá")
            parts.append(f"{applied.added} {verb} na konec")
        return (
            f"Vkládá se {n} {plural(n, 'řádek', 'řádky', 'řádků')} do projektu {self.project_label}: "
            + ", ".join(parts)
            + "."
        )

    def totals_line(self) -> str:
        def pair(label: str, old: Decimal, new: Decimal) -> str:
            arrow = f"{format_money(old)} → <b>{format_money(new)}</b>"
            return f"{label} {arrow}" if old != new else f"{label} {format_money(new)} (beze změny)"

        b, a = self.before, self.after
        return " · ".join(
            [
                pair("Celkem", b.total, a.total),
                pair("Dotace", b.requested, a.requested),
                pair("Vlastní podíl", b.own, a.own),
            ]
        )

    def notes(self) -> list[str]:
        block = self.plan.block
        notes = [f"Nevloží se: {problem}" for problem in block.problems] + list(block.findings)
        return notes


class PastePreviewDialog(QDialog):
    def __init__(self, preview: PastePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Vložit ze schránky – náhled")
        layout = QVBoxLayout(self)

        self.summary = QLabel(escape(preview.summary()), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.columns = QLabel(self._columns_html(), self)
        self.columns.setTextFormat(Qt.TextFormat.RichText)
        self.columns.setWordWrap(True)
        layout.addWidget(self.columns)

        self.table = self._rows_table()
        layout.addWidget(self.table, 1)
        rows = preview.rows()
        if len(rows) > MAX_SHOWN:
            more = QLabel(f"Zobrazeno prvních {MAX_SHOWN} z {format_number(len(rows))} vkládaných řádků.", self)
            layout.addWidget(more)

        self.totals = QLabel("Součty projektu: " + preview.totals_line(), self)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

        notes = preview.notes()
        self.notes = QLabel(self._notes_html(notes), self)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)
        layout.addStretch(1 if len(preview.rows()) <= 12 else 0)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Vložit")
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Zrušit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # A short block gets a short dialog; a long one shows a dozen rows and scrolls.
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + 2 * self.table.frameWidth()
            + min(len(rows), 12) * self.table.verticalHeader().defaultSectionSize()
            + 4
        )
        if len(rows) <= 12:
            self.table.setFixedHeight(height)
        else:
            self.table.setMinimumHeight(height)
        width = 980
        self.resize(width, layout.heightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height())
        self.ok_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter pastes, Esc cancels

    def _columns_html(self) -> str:
        pairs = self.preview.plan.block.matched()
        head = "Sloupce podle záhlaví bloku" if self.preview.plan.block.header else "Sloupce podle pořadí v tabulce"
        # Non-breaking spaces inside a pair: lines wrap between the pairs, never inside one.
        items = " · ".join(f"{_nowrap(source)}&nbsp;→&nbsp;<b>{_nowrap(target)}</b>" for source, target in pairs)
        return f"{head}: {items}"

    def _rows_table(self) -> QTableWidget:
        columns = [c for c in COLUMNS if c.key in _SHOWN_KEYS]
        rows = self.preview.rows()[:MAX_SHOWN]
        table = QTableWidget(len(rows), len(columns) + 1, self)
        table.setHorizontalHeaderLabels(["Stav"] + [c.title for c in columns])
        table.setVerticalHeaderLabels([str(number) for number, _, _ in rows])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        for r, (_, state, line) in enumerate(rows):
            table.setItem(r, 0, self._item(state, LEFT))
            for c, column in enumerate(columns, start=1):
                text, align = self._cell(line, column.key)
                table.setItem(r, c, self._item(text, align))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1 + [c.key for c in columns].index("text"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1 + [c.key for c in columns].index("category"), QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(1 + [c.key for c in columns].index("category"), 170)
        return table

    def _cell(self, line: BudgetLine, key: str) -> tuple[str, Qt.AlignmentFlag]:
        if key == "category":
            return self.preview.category_names.get(line.category, line.category), LEFT
        if key == "quantity":
            return format_number(line.quantity), RIGHT
        if key in ("unit_price", "requested"):
            return format_money(getattr(line, key)), RIGHT
        if key == "total":
            return format_money(line_total(line)), RIGHT
        if key == "own":
            return format_money(line_own(line)), RIGHT
        if key == "eligible":
            return ("ano" if line.eligible else "ne"), LEFT
        return " ".join(str(getattr(line, key)).split()), LEFT

    @staticmethod
    def _item(text: str, align) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(align)
        item.setToolTip(text if len(text) > 30 else "")
        return item

    @staticmethod
    def _notes_html(notes: list[str]) -> str:
        if not notes:
            return ""
        shown = notes[:MAX_FINDINGS]
        more = len(notes) - len(shown)
        items = "".join(f"<li>{escape(note)}</li>" for note in shown)
        tail = f"<li>… a další ({more})</li>" if more else ""
        return (
            f"<span style='color:{_AMBER}'><b>Upozornění ({len(notes)}):</b></span>"
            f"<ul style='margin-top:0; margin-bottom:0'>{items}{tail}</ul>"
        )


def _nowrap(text: str) -> str:
    return escape(text).replace(" ", "&nbsp;")


def confirm_paste(preview: PastePreview, parent: QWidget | None = None) -> bool:
    """Show the preview; True when the user chose Vložit."""
    dialog = PastePreviewDialog(preview, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
