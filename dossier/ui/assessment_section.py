"""The "Strategie a indikátory" tab of a project card: strategy links, indicators, eligibility documents.

Like the kind sections, the builder adds its bound fields to the project form (so undo, the
check panel's jumps and read-only mode cover them) and returns the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..core import labels
from ..core.documents import missing_rows, required_documents
from ..core.model import EligibilityDocument, Indicator
from ..core.rules import UNVERIFIED_MARK
from ..core.strategy import strategy_for
from .form import group, scrolled
from .list_table import Column, ListBinding, ListTable
from .widgets import show_status

if TYPE_CHECKING:
    from .project_form import ProjectForm

TAB_TITLE = "Strategie a indikátory"
FILL_DOCUMENTS = "Doplnit dokumenty podle pravidel"


class AssessmentPage(QWidget):
    def __init__(self, form: ProjectForm):
        super().__init__()
        self.form = form
        content = QWidget()
        layout = QVBoxLayout(content)
        s = labels.STRATEGY_FIELDS
        strategy = group(labels.PROJECT_FIELDS["strategy"], layout)
        form.badge(strategy, "strategy")
        self.national = form.combo(strategy, "strategy/national", s["national"], [])
        self.strategy_note = _note_label()
        strategy.addRow("", self.strategy_note)
        form.text(strategy, "strategy/local_measure", s["local_measure"], lines=2)

        layout.addWidget(
            QLabel(f"<b>{labels.PROJECT_FIELDS['indicators']}</b> – plánované výstupy jako měřitelné ukazatele")
        )
        form.badge(layout, "indicators")
        i = labels.INDICATOR_FIELDS
        self.indicators = ListTable(
            [
                Column("name", i["name"]),
                Column("unit", "Jednotka", width=140),
                Column("target", i["target"], "figure", 140),
            ],
            Indicator,
            "indikátor",
        )
        form.add(ListBinding(form, "indicators", self.indicators))
        layout.addWidget(self.indicators)

        layout.addWidget(QLabel(f"<b>{labels.PROJECT_FIELDS['documents']}</b>"))
        form.badge(layout, "documents")
        implementer = group(labels.PROJECT_FIELDS["implementing_body"], layout)
        form.check(
            implementer,
            "external_implementer",
            "Smlouva",
            labels.PROJECT_FIELDS["external_implementer"] + " (pak je třeba smlouva s ním)",
        )
        self.required = _note_label()
        layout.addWidget(self.required)
        d = labels.DOCUMENT_FIELDS
        statuses = tuple((text, status) for status, text in labels.DOCUMENT_STATUSES.items())
        self.documents = ListTable(
            [
                Column("name", d["name"]),
                Column(
                    "status",
                    "Stav",
                    "choice",
                    130,
                    statuses,
                    "potřeba / přiloženo / nepotřeba (F2 nebo dvojklik otevře výběr)",
                ),
                Column("note", "Poznámka", width=260),
            ],
            EligibilityDocument,
            "dokument",
        )
        form.add(ListBinding(form, "documents", self.documents))
        self.fill_button = QPushButton(FILL_DOCUMENTS)
        self.fill_button.setToolTip("Přidá do seznamu dokumenty, které pravidla ročníku u tohoto projektu vyžadují.")
        self.fill_button.clicked.connect(self.fill_documents)
        self.documents.layout().itemAt(1).layout().insertWidget(2, self.fill_button)
        layout.addWidget(self.documents)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content))
        form.document.valueChanged.connect(self._changed)
        form.document.listChanged.connect(self._changed)

    # -- filling -------------------------------------------------------------------------------
    def refresh_lists(self) -> None:
        """The strategy code list of the dossier's year and the documents the pack requires."""
        year = self.form.document.dossier.year
        strategy = strategy_for(year)
        self.national.clear()
        self.national.addItem("— nevybráno —", "")
        if strategy is None:
            self.strategy_note.setText(f"Pro rok {year} není k dispozici číselník Strategie prevence kriminality.")
        else:
            for item in strategy.items:
                self.national.addItem(f"{item.code} – {item.name}", item.code)
                self.national.setItemData(self.national.count() - 1, item.name, Qt.ItemDataRole.ToolTipRole)
            mark = f" – {labels.PROPOSAL_MARK}: {strategy.note}" if strategy.unverified else ""
            self.strategy_note.setText(f"Číselník: {strategy.title}{mark}")
        binding = self.form.bindings.get("strategy/national")
        if binding is not None:
            binding.refresh()
        self._update_required()

    def _changed(self, path: str) -> None:
        prefix = self.form.prefix
        if (
            prefix
            and path.startswith(prefix)
            and path[len(prefix) :].split("/")[0] in ("kind", "external_implementer", "documents")
        ):
            self._update_required()

    def _update_required(self) -> None:
        project = self.form.project()
        if project is None:
            return
        pack = self.form.document.rules().pack
        rules = required_documents(project, pack)
        if not rules:
            self.required.setText(f"Pravidla roku {pack.key} u tohoto projektu žádné dokumenty nevyžadují.")
        else:
            names = "; ".join(rule.name + (UNVERIFIED_MARK if rule.unverified else "") for rule in rules)
            self.required.setText(f"Pravidla roku {pack.key} vyžadují: {names}.")
        self.fill_button.setEnabled(bool(missing_rows(project, pack)) and not self.form.document.read_only)

    def fill_documents(self) -> None:
        project = self.form.project()
        if project is None or self.form.document.read_only:
            return
        rows = missing_rows(project, self.form.document.rules().pack)
        if not rows:
            show_status(self, "Seznam už obsahuje všechny dokumenty, které pravidla vyžadují.")
            return
        path = self.form.prefix + "documents"
        start = len(project.documents)
        with self.form.document.macro(FILL_DOCUMENTS):
            for offset, row in enumerate(rows):
                self.form.document.insert(path, start + offset, row)
        show_status(self, f"Doplněno dokumentů: {len(rows)} (Ctrl+Z vrátí).")


def _note_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label
