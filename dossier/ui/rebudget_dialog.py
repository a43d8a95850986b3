"""Upravit rozpočet podle přiznané dotace: a proportional proposal, editable, previewed, applied as one step.

The table shows every budget line now and as proposed; the user picks a proposal or edits the
new unit prices and subsidies by hand. Below, the new totals and the year's rules re-checked on
the new figures. "Použít" applies all changes as one undo step (and stores the submitted
application first if it has not been stored yet).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.money import AmountError, format_money, format_number, format_percent, parse_money
from ..core.rebudget import MODE_LABELS, LineChange, Mode, preview, propose
from ..core.severity import Severity
from ..core.totals import line_total, project_totals
from .document import Document
from .grant_page import freeze_if_needed

HEADERS = ["Č.", "Položka", "Náklady nyní", "Dotace nyní", "Nová cena za j.", "Nová dotace", "Nové náklady"]
PRICE, SUBSIDY, NEW_TOTAL = 4, 5, 6
_INVALID = Qt.GlobalColor.red


class RebudgetDialog(QDialog):
    def __init__(self, document: Document, project_id: str, parent=None):
        super().__init__(parent)
        self.document, self.project_id = document, project_id
        self.project = document.dossier.project(project_id)
        self.award = self.project.grant.award.amount
        self.setWindowTitle("Upravit rozpočet podle přiznané dotace")
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        requested = project_totals(self.project).requested
        intro = QLabel(
            f"<b>{self.project.title}</b>: rozpočet počítá s dotací {format_money(requested)}, "
            f"přiznáno je <b>{format_money(self.award)}</b>. Zvolte návrh, případně upravte nové "
            "ceny a dotace jednotlivých řádků ručně."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.modes = QButtonGroup(self)
        for index, mode in enumerate(Mode):
            button = QRadioButton(MODE_LABELS[mode])
            self.modes.addButton(button, index)
            layout.addWidget(button)
        self.modes.button(0).setChecked(True)
        self.modes.idClicked.connect(lambda _: self.fill_proposal())
        self.table = QTableWidget(len(self.project.budget), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        layout.addWidget(QLabel("Kontrola podle pravidel roku na nových číslech:"))
        self.findings = QListWidget()
        self.findings.setMaximumHeight(110)
        layout.addWidget(self.findings)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Použít")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Zrušit")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._filling = False
        self.table.itemChanged.connect(self._edited)
        self.fill_proposal()

    def mode(self) -> Mode:
        return list(Mode)[self.modes.checkedId()]

    def fill_proposal(self) -> None:
        changes = propose(self.project.budget, self.award, self.mode())
        self._filling = True
        try:
            for row, (line, change) in enumerate(zip(self.project.budget, changes)):
                values = [
                    str(row + 1),
                    line.text,
                    format_money(line_total(line)),
                    format_money(line.requested),
                    format_number(change.unit_price, 2),
                    format_number(change.requested),
                    "",
                ]
                for col, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if col >= 2:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if col not in (PRICE, SUBSIDY):
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, col, item)
        finally:
            self._filling = False
        self.refresh_preview()

    def _edited(self, item: QTableWidgetItem) -> None:
        if not self._filling:
            self.refresh_preview()

    def changes(self) -> list[LineChange] | None:
        """The figures in the table; None (and the cell marked) when one is not an amount."""
        result = []
        for row, _ in enumerate(self.project.budget):
            values = []
            for col in (PRICE, SUBSIDY):
                item = self.table.item(row, col)
                try:
                    values.append(parse_money(item.text()))
                    item.setForeground(Qt.GlobalColor.black)
                    item.setToolTip("")
                except AmountError as exc:
                    item.setForeground(_INVALID)
                    item.setToolTip(str(exc))
                    self.totals.setText(f"Řádek {row + 1}: {exc}")
                    return None
            result.append(LineChange(row, values[0], values[1]))
        return result

    def refresh_preview(self) -> None:
        changes = self.changes()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(changes is not None)
        if changes is None:
            return
        sums, findings = preview(self.document.dossier, self.project_id, changes)
        self._filling = True
        try:
            for change, line in zip(changes, self.project.budget):
                new_total = line_total(line.model_copy(update={"unit_price": change.unit_price}))
                self.table.item(change.index, NEW_TOTAL).setText(format_money(new_total))
        finally:
            self._filling = False
        gap = self.award - sums.requested
        self.totals.setText(
            f"Nově: náklady <b>{format_money(sums.total)}</b>, dotace <b>{format_money(sums.requested)}</b> "
            f"({format_percent(sums.rate)} uznatelných nákladů), vlastní podíl <b>{format_money(sums.own)}</b>."
            + (
                ""
                if gap == 0
                else f" <span style='color:#9C0006'>Dotace se od přiznané liší o {format_money(gap)}.</span>"
            )
        )
        self.findings.clear()
        for finding in findings:
            self.findings.addItem(
                ("Chyba: " if finding.severity == Severity.ERROR else "Upozornění: ") + finding.message
            )
        if not findings:
            self.findings.addItem("Bez chyb a upozornění.")

    def apply(self) -> None:
        changes = self.changes()
        if changes is None:
            return
        base = f"projects/{self.project_id}/budget"
        with self.document.macro("Upravit rozpočet podle přiznané dotace"):
            freeze_if_needed(self.document)
            for change, line in zip(changes, self.project.budget):
                if change.unit_price != line.unit_price:
                    self.document.set_value(f"{base}/{change.index}/unit_price", change.unit_price)
                if change.requested != line.requested:
                    self.document.set_value(f"{base}/{change.index}/requested", change.requested)
        self.accept()
