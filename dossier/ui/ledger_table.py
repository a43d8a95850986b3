"""The spending ledger of one project: payments as an editable table (Czech dates and amounts).

Built on ``ListTable``: every cell edit is an undoable ``set_value``; "Přidat platbu" and
"Odstranit" insert and remove. Pasting a block from Excel (Ctrl+V or the button) or loading an
accounting export adds all its payments in one undo step, or nothing when a row is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from ..core.dates import format_date
from ..core.errors import DossierError
from ..core.grant import FundingSource, Payment
from ..core.money import format_number, parse_quantity
from ..core.payment_rows import match_line, parse_date, parse_rows, parse_source
from .list_table import Column, ListBinding, ListTable
from .widgets import show_status

SOURCE_LABELS = {FundingSource.SUBSIDY: "dotace", FundingSource.OWN: "vlastní"}


@dataclass(frozen=True)
class PaymentColumn(Column):
    """Columns the generic table does not know: budget line, date, source."""

    budget: Callable[[], list] = field(default=lambda: [], compare=False)

    def parse(self, text: str) -> Any:
        if self.kind == "line":
            head = text.split("·", 1)[0].strip()
            return match_line(head, self.budget())
        if self.kind == "date":
            return parse_date(text) if text.strip() else None
        if self.kind == "source":
            return parse_source(text)
        if self.kind == "optional_quantity":
            return parse_quantity(text) if text.strip() else None
        return super().parse(text)

    def format(self, value: Any) -> str:
        if self.kind == "line":
            budget = self.budget()
            if value is None or value >= len(budget):
                return "– nepřiřazeno –"
            return f"{value + 1} · {budget[value].text}"
        if self.kind == "date":
            return format_date(value)
        if self.kind == "source":
            return SOURCE_LABELS[value]
        if self.kind == "optional_quantity":
            return "" if value is None else format_number(value)
        return super().format(value)


class LedgerTable(ListTable):
    def __init__(self, budget: Callable[[], list], parent=None):
        columns = [
            PaymentColumn("line", "Řádek rozpočtu", "line", 230, budget=budget),
            PaymentColumn("date", "Datum", "date", 90, budget=budget),
            Column("supplier", "Dodavatel", "text", 170),
            Column("document", "Doklad", "text", 100),
            Column("amount", "Částka (Kč)", "money", 110),
            PaymentColumn("source", "Zdroj", "source", 70, budget=budget),
            PaymentColumn("quantity", "Množství", "optional_quantity", 75, budget=budget),
            Column("note", "Poznámka"),
        ]
        super().__init__(columns, Payment, "platbu", parent)
        self.table.setMinimumHeight(200)
        self.table.setWordWrap(False)  # one payment, one line: the item's text is cut, its number stays
        self.paste_button = QPushButton("Vložit ze schránky")
        self.paste_button.setToolTip(
            "Vloží platby zkopírované z Excelu (datum, dodavatel, doklad, částka, zdroj, "
            "poznámka; nebo s řádkem záhlaví)"
        )
        self.import_button = QPushButton("Načíst z účetnictví…")
        self.import_button.setToolTip("Načte platby z exportu účetnictví (.csv nebo .xlsx)")
        buttons = self.layout().itemAt(1).layout()
        buttons.insertWidget(2, self.paste_button)
        buttons.insertWidget(3, self.import_button)


class LedgerBinding(ListBinding):
    merge = False

    def __init__(self, form, key: str, widget: LedgerTable):
        super().__init__(form, key, widget)
        widget.paste_button.clicked.connect(self.paste)
        widget.import_button.clicked.connect(self.import_file)
        QShortcut(QKeySequence.StandardKey.Paste, widget.table, self.paste)

    def show(self, items: Any) -> None:
        super().show(items)
        rows = max(len(items or []), 4)
        self.table.setFixedHeight(
            min(rows, 12) * self.table.verticalHeader().defaultSectionSize()
            + self.table.horizontalHeader().height()
            + 6
        )

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.widget.paste_button.setEnabled(not read_only)
        self.widget.import_button.setEnabled(not read_only)

    def _fill(self, row: int, col: int, column, value) -> None:
        super()._fill(row, col, column, value)
        if column.kind in ("line", "source"):  # words, not figures
            self.table.item(row, col).setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _budget(self) -> list:
        return self.form.project().budget if self.form.project() else []

    def _selected_line(self) -> int | None:
        row = self.table.currentRow()
        items = self.model_value() or []
        return items[row].line if 0 <= row < len(items) else None

    def paste(self) -> None:
        text = QApplication.clipboard().text()
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        if not rows:
            show_status(self.widget, "Schránka neobsahuje žádné platby.")
            return
        parsed = parse_rows(rows, self._budget(), default_line=self._selected_line())
        if parsed.errors:
            QMessageBox.warning(self.widget, "Platby nelze vložit", parsed.message("Vložený blok"))
            return
        self.add_payments(parsed.payments, "Vložit platby")

    def import_file(self) -> None:
        from ..formats.payments_import import import_payments

        chosen, _ = QFileDialog.getOpenFileName(
            self.widget, "Načíst platby z účetnictví", "", "Export plateb (*.csv *.xlsx);;Všechny soubory (*)"
        )
        if not chosen:
            return
        try:
            payments = import_payments(self.form.document.dossier, self.form.project_id, Path(chosen))
        except DossierError as exc:
            QMessageBox.warning(self.widget, "Platby nelze načíst", str(exc))
            return
        self.add_payments(payments, f"Načíst platby z {Path(chosen).name}")

    def add_payments(self, payments: list[Payment], text: str) -> None:
        if self.form.document.read_only or not payments:
            return
        start = len(self.model_value() or [])
        with self.form.document.macro(text):
            for offset, payment in enumerate(payments):
                self.form.document.insert(self.path, start + offset, payment, text)
        show_status(self.widget, f"Přidáno plateb: {len(payments)}.")
