"""Project tab "Dotace a čerpání": the award, requested → awarded, re-budgeting, the ledger, results.

Everything edits the dossier through the document (undoable). A project without an award shows
one button that records it; the first award also stores the application as submitted (frozen),
so it stays readable and exportable as it was sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import format_date
from ..core.errors import DossierError
from ..core.grant import ProjectGrant, freeze
from ..core.grant_totals import project_ledger
from ..core.money import format_money, format_number, format_percent, parse_money
from ..core.totals import project_totals, rate
from .document import Document
from .form import BoundForm, group, scrolled
from .ledger_table import LedgerBinding, LedgerTable

DRAWN_HEADERS = ["Č.", "Položka", "Rozpočet", "Čerpáno", "z dotace", "z vlastních", "Zbývá"]


def _money_or_none(text: str):
    return parse_money(text) if text.strip() else None


def _fmt_money(value) -> str:
    return "" if value is None else format_number(value)


def freeze_if_needed(document: Document) -> None:
    """Store the application as submitted, once, as part of the caller's undo step."""
    if document.dossier.submitted is None:
        document.set_value("submitted", freeze(document.dossier, dt.datetime.now().replace(microsecond=0)))


class GrantPage(BoundForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "", parent)
        self.project_id: str | None = None
        self.stack = QStackedWidget()
        self.empty_page = self._build_empty()
        self.content = self._build_content()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(scrolled(self.content))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        document.valueChanged.connect(self._changed)
        document.listChanged.connect(self._changed)
        document.dossierReplaced.connect(self._update)
        document.fileChanged.connect(self._update)  # read-only state: the buttons follow it

    # -- building ----------------------------------------------------------------------------
    def _build_empty(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        text = QLabel(
            "Ministerstvo o dotaci na tento projekt zatím nerozhodlo, nebo rozhodnutí není zapsáno. "
            "Po zapsání přiznané dotace lze upravit rozpočet, vést evidenci plateb a připravit "
            "vyúčtování a závěrečnou zprávu. Podaná verze žádosti se při tom uloží beze změny."
        )
        text.setWordWrap(True)
        self.create_button = QPushButton("Zapsat rozhodnutí o dotaci")
        self.create_button.clicked.connect(self.create_grant)
        layout.addWidget(text)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        award = group("Rozhodnutí o poskytnutí dotace", layout)
        self.amount_edit = self.line(
            award,
            "grant/award/amount",
            "Přiznaná dotace (Kč)",
            parse=_money_or_none,
            fmt=_fmt_money,
            align_right=True,
            placeholder="např. 490 900",
        )
        self.line(award, "grant/award/decision_number", "Číslo rozhodnutí")
        self.date(award, "grant/award/decision_date", "Datum rozhodnutí")
        self.date(award, "grant/award/use_by", "Použít do")
        self.text(award, "grant/award/conditions", "Podmínky", lines=2)
        self.line(award, "grant/award/note", "Poznámka")
        buttons = QHBoxLayout()
        self.rebudget_button = QPushButton("Upravit rozpočet podle přiznané dotace…")
        self.rebudget_button.clicked.connect(self.open_rebudget)
        self.view_submitted_button = QPushButton("Zobrazit podanou verzi")
        self.view_submitted_button.setToolTip("Otevře žádost tak, jak byla podána, v novém okně jen ke čtení")
        self.view_submitted_button.clicked.connect(self.show_submitted)
        self.submitted_button = QPushButton("Exportovat podanou verzi žádosti…")
        self.submitted_button.clicked.connect(self.export_submitted)
        buttons.addWidget(self.rebudget_button)
        buttons.addWidget(self.view_submitted_button)
        buttons.addWidget(self.submitted_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.submitted_label = QLabel()
        self.submitted_label.setWordWrap(True)
        layout.addWidget(self.submitted_label)

        layout.addWidget(
            QLabel(
                "<b>Evidence plateb</b> – datum a částku zadávejte česky (15. 3. 2021, 1 234,50); "
                "zdroj „dotace“ nebo „vlastní“"
            )
        )
        self.ledger = LedgerTable(self._budget)
        self.add(LedgerBinding(self, "grant/payments", self.ledger))
        layout.addWidget(self.ledger)
        layout.addWidget(QLabel("<b>Čerpání podle řádků rozpočtu</b>"))
        self.drawn = QTableWidget(0, len(DRAWN_HEADERS))
        self.drawn.setHorizontalHeaderLabels(DRAWN_HEADERS)
        self.drawn.verticalHeader().setVisible(False)
        self.drawn.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.drawn.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.drawn)
        self.by_category = QLabel()
        self.by_category.setWordWrap(True)
        layout.addWidget(self.by_category)
        results = group("Závěrečná zpráva", layout)
        self.text(results, "grant/achieved", "Dosažené výsledky", lines=3)
        self.text(results, "grant/report", "Průběh realizace", lines=3)
        layout.addStretch(1)
        return content

    # -- showing -----------------------------------------------------------------------------
    def project(self):
        try:
            return self.document.dossier.project(self.project_id) if self.project_id else None
        except KeyError:
            return None

    def _budget(self) -> list:
        project = self.project()
        return project.budget if project else []

    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.set_prefix(f"projects/{project_id}/" if project_id else "")
        self._update()

    def _changed(self, path: str) -> None:
        # Field edits refresh their own bindings (BoundForm); here only the figures, and all
        # bindings when the whole grant appeared or went. A hidden tab catches up when shown.
        if not self.prefix or not (path.startswith(self.prefix) or path in ("submitted", "projects")):
            return
        if not self.isVisible():
            self._stale = True
            return
        self._update(bindings=path in (self.prefix + "grant", "projects"))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if getattr(self, "_stale", False):
            self._update()
        super().showEvent(event)

    def _update(self, bindings: bool = True) -> None:
        self._stale = False
        project = self.project()
        has_grant = project is not None and project.grant is not None
        self.stack.setCurrentIndex(1 if has_grant else 0)
        self.create_button.setEnabled(project is not None and not self.document.read_only)
        if not has_grant:
            return
        if bindings:
            self.refresh_all()
        self._update_summary(project)
        self._update_drawn(project)

    def _update_summary(self, project) -> None:
        ledger = project_ledger(project, self.document.rules().pack)
        requested = ledger.planned.requested
        submitted = self.document.dossier.submitted
        then = None
        if submitted is not None:
            try:
                then = project_totals(submitted.application.project(project.id)).requested
            except KeyError:
                then = None
        awarded = ledger.awarded
        awarded_text = "<b>" + (format_money(awarded) if awarded is not None else "zatím nezapsáno") + "</b>"
        if then is not None:
            head = f"Požadováno v žádosti <b>{format_money(then)}</b> → přiznáno {awarded_text}"
            if awarded is not None and then:
                head += f" ({format_percent(rate(awarded, then))} požadavku)"
        else:
            head = f"Přiznáno {awarded_text}"
        head += f"; rozpočet nyní počítá s dotací <b>{format_money(requested)}</b>."
        drawn = ledger.drawn
        line2 = (
            f"Čerpáno celkem <b>{format_money(drawn.total)}</b> z rozpočtu {format_money(ledger.planned.total)}"
            f" · z dotace {format_money(drawn.subsidy)} · z vlastních zdrojů {format_money(drawn.own)}"
        )
        if awarded is not None:
            line2 += f" · použitá dotace {format_money(ledger.subsidy_used)} · k vrácení <b>{format_money(ledger.to_return)}</b>"
        warning = ""
        if awarded is not None and requested != awarded:
            warning = (
                "<br><span style='color:#9C0006'>Rozpočet neodpovídá přiznané dotaci – upravte jej tlačítkem "
                "„Upravit rozpočet podle přiznané dotace…“.</span>"
            )
        self.summary.setText(head + "<br>" + line2 + "." + warning)
        self.rebudget_button.setEnabled(awarded is not None and not self.document.read_only)
        if submitted is not None:
            when = submitted.frozen_at
            self.submitted_label.setText(
                "Podaná verze žádosti je uložena beze změn"
                + (f" ({format_date(when.date())} {when:%H:%M})" if when else "")
                + "; úpravy rozpočtu ji nemění."
            )
        else:
            self.submitted_label.setText("Podaná verze žádosti zatím není uložena.")
        self.submitted_button.setEnabled(submitted is not None)
        self.view_submitted_button.setEnabled(submitted is not None)

    def _update_drawn(self, project) -> None:
        ledger = project_ledger(project, self.document.rules().pack)
        rows = [
            (str(ln.index + 1), ln.line.text, ln.planned, ln.drawn.total, ln.drawn.subsidy, ln.drawn.own, ln.remaining)
            for ln in ledger.lines
        ]
        if ledger.unassigned.total:
            rows.append(
                (
                    "–",
                    "Platby nepřiřazené k řádku",
                    0,
                    ledger.unassigned.total,
                    ledger.unassigned.subsidy,
                    ledger.unassigned.own,
                    -ledger.unassigned.total,
                )
            )
        drawn = ledger.drawn
        rows.append(
            (
                "",
                "Celkem",
                ledger.planned.total,
                drawn.total,
                drawn.subsidy,
                drawn.own,
                ledger.planned.total - drawn.total,
            )
        )
        self.drawn.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value if isinstance(value, str) else format_money(value))
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 6 and not isinstance(value, str) and value < 0:
                    item.setForeground(Qt.GlobalColor.red)
                    item.setToolTip("Řádek je přečerpán.")
                if r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.drawn.setItem(r, c, item)
        names = self.document.rules().pack.categories
        self.by_category.setText(
            "<b>Podle kategorií:</b> "
            + " · ".join(
                f"{names.name_of(code) or code or 'bez kategorie'} {format_money(actual)} z {format_money(planned)}"
                for code, (planned, actual) in ledger.by_category.items()
            )
        )
        self.drawn.setFixedHeight(
            min(len(rows), 14) * self.drawn.verticalHeader().defaultSectionSize()
            + self.drawn.horizontalHeader().height()
            + 6
        )

    # -- actions -----------------------------------------------------------------------------
    def create_grant(self) -> None:
        project = self.project()
        if project is None or project.grant is not None or self.document.read_only:
            return
        with self.document.macro("Zapsat rozhodnutí o dotaci"):
            freeze_if_needed(self.document)
            self.document.set_value(self.prefix + "grant", ProjectGrant())
        self.amount_edit.setFocus()

    def open_rebudget(self) -> None:
        from .rebudget_dialog import RebudgetDialog

        project = self.project()
        if project is None or project.grant is None or project.grant.award.amount is None:
            return
        RebudgetDialog(self.document, project.id, self).exec()

    def show_submitted(self):
        """The frozen application in its own read-only window (the editor is the best reader of it)."""
        from .main_window import MainWindow  # main_window builds this page: import on use

        submitted = self.document.dossier.submitted
        if submitted is None:
            return None
        window = MainWindow(submitted.application.model_copy(deep=True), None, persist=False)
        window.files.untitled_name = "Podaná verze žádosti"
        window.document.set_read_only(True, "Podaná verze žádosti je jen ke čtení; upravujte pracovní verzi.")
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.resize(1280, 800)
        window.show()
        return window

    def export_submitted(self) -> None:
        from ..formats.exporters import ExportOptions, exporter

        submitted = self.document.dossier.submitted
        if submitted is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Složka pro export podané verze")
        if not folder:
            return
        stem = (self.document.path.stem if self.document.path else "zadost") + "-podana"
        written = []
        try:
            for key in ("xlsx", "docx"):
                export = exporter(key)
                target = export.target(Path(folder) / stem)
                export.write(submitted.application, target, ExportOptions(file_label=target.name))
                written.append(target.name)
        except DossierError as exc:
            QMessageBox.warning(self, "Export se nepodařil", str(exc))
            return
        QMessageBox.information(self, "Export podané verze", "Uloženo: " + ", ".join(written))
