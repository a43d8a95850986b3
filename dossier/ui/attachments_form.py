"""The attachments page: the checklist of documents sent with the application."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.model import Attachment
from .document import Document
from .form import BoundForm, page_heading
from .list_table import Column, ListBinding, ListTable
from .widgets import show_status


class AttachmentsForm(BoundForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "", parent)
        note = QLabel("Seznam příloh žádosti. Cesta k souboru se zadává relativně ke složce dokumentu.")
        note.setWordWrap(True)
        self.table = ListTable(
            [
                Column("name", "Příloha"),
                Column("required", "Povinná", "bool", 90),
                Column("path", "Soubor", width=260),
                Column("done", "Hotovo", "bool", 90),
            ],
            lambda: Attachment(name="Nová příloha"),
            "přílohu",
        )
        self.table.table.setMinimumHeight(300)
        self.add(ListBinding(self, "attachments", self.table))
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # a long list of missing attachments must not widen the window
        fill = QPushButton("Doplnit přílohy podle pravidel programu")
        fill.setToolTip("Přidá přílohy, které pravidla ročníku uvádějí a v seznamu chybějí.")
        fill.clicked.connect(self.add_from_rules)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(fill)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(page_heading("Přílohy"))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addStretch(1)
        for signal in (document.listChanged, document.valueChanged):
            signal.connect(self._update_summary)
        document.dossierReplaced.connect(self._update_summary)
        self._update_summary()
        self.refresh_all()

    def _value_changed(self, path: str) -> None:
        if path == "attachments" or path.startswith("attachments/"):
            self.bindings["attachments"].refresh()

    def _update_summary(self, *_args) -> None:
        items = self.document.dossier.attachments
        done = sum(a.done for a in items)
        missing = [a.name for a in items if a.required and not a.done]
        text = f"Hotovo {done} z {len(items)}."
        if missing:
            text += f" Chybí povinné: {', '.join(missing)}."
        self.summary.setText(text)

    def add_from_rules(self) -> None:
        have = {a.name for a in self.document.dossier.attachments}
        wanted = [rule for rule in self.document.rules().pack.attachments.value if rule.name not in have]
        if not wanted:
            show_status(self, "Seznam už obsahuje všechny přílohy z pravidel programu.")
            return
        with self.document.macro("Doplnit přílohy podle pravidel"):
            for rule in wanted:
                count = len(self.document.dossier.attachments)
                self.document.insert("attachments", count, Attachment(name=rule.name, required=rule.required))
        show_status(self, f"Doplněno příloh: {len(wanted)}.")
