"""Wizard "Nový ročník z loňské žádosti": source file and year → projects to carry over → summary.

The work is done by ``formats.rollover``; the wizard only collects the choices and shows
the report. The main window opens ``result_dossier`` as a new, unsaved document::

    dossier = run_rollover_wizard(self, self.document.path)
    if dossier is not None:
        ...  # open as a new unsaved document
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core.errors import DossierError
from ..core.labels import BUDGET_TYPES, PROJECT_KINDS_SHORT, plural
from ..core.model import Dossier
from ..core.rollover import RolloverResult, targets_after
from ..core.rules import RulePack, programme_label, rules_for_key
from ..formats.rollover import load_source_with_edits, rollover
from .rollover_summary import summary_html

SOURCE_FILTER = "Loňská žádost (*.dossier *.xlsx);;Žádost Dossier (*.dossier);;Export do Excelu (*.xlsx)"
_ERROR_STYLE = "color: #b71c1c;"


def rules_summary(pack: RulePack) -> str:
    """The rules that most often change what can be carried over, in one line."""
    apk = pack.max_apk.value
    return "; ".join(
        [
            f"investiční projekty: {'ano' if pack.investment_allowed.value else 'ne'}",
            f"víceleté projekty: {'ano' if pack.multi_year_allowed.value else 'ne'}",
            f"APK nejvýše {apk}" if apk is not None else "APK bez limitu",
            f"priority: {len(pack.priorities.items)} ({pack.priorities.id})",
        ]
    )


class SourcePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("Loňská žádost a nový ročník")
        self.setSubTitle(
            "Vyberte loňskou žádost (soubor .dossier nebo sešit .xlsx exportovaný z Dossier) "
            "a ročník programu, který chcete založit."
        )
        self.source: Dossier | None = None
        self.edit_notes: list[str] = []
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("cesta k loňské žádosti")
        browse = QPushButton("Vybrat…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.target = QComboBox()
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        # A hidden mandatory field holds the chosen key: QWizard enables "Další" on its own. Emitting
        # completeChanged from Python would do the same, but PySide6 6.12 drops a reference to True on
        # every Python-side emit (fatal on Python 3.11 after enough emits).
        self.ready = QLineEdit(self)
        self.ready.hide()
        self.registerField("rolloverTarget*", self.ready)
        form = QFormLayout(self)
        form.addRow("Loňská žádost:", row)
        form.addRow("", self.info)
        form.addRow("Nový ročník:", self.target)
        form.addRow("", self.rules)
        self.path_edit.textChanged.connect(self._load)
        self.target.currentIndexChanged.connect(self._target_changed)
        self._load("")

    def _browse(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        name, _ = QFileDialog.getOpenFileName(self, "Loňská žádost", start, SOURCE_FILTER)
        if name:
            self.path_edit.setText(name)

    def _load(self, text: str) -> None:
        self.source, self.edit_notes = None, []
        self.target.clear()
        if text.strip():
            try:
                self.source, self.edit_notes = load_source_with_edits(Path(text.strip()))
            except DossierError as exc:
                self._say(str(exc), error=True)
        if self.source is None and not text.strip():
            self._say("Zvolte soubor loňské žádosti.")
        if self.source is not None:
            self._fill_targets(self.source)
        self._target_changed()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.info.setText(text)
        self.info.setStyleSheet(_ERROR_STYLE if error else "")

    def _fill_targets(self, source: Dossier) -> None:
        n = len(source.projects)
        self._say(
            f"{source.applicant.name or 'Žadatel neuveden'} – ročník {source.program_key}, "
            f"{n} {plural(n, 'projekt', 'projekty', 'projektů')}."
        )
        keys = targets_after(source)
        for key in keys:
            choice = rules_for_key(key)
            self.target.addItem(programme_label(key), key)
            tip = choice.fallback_notice or choice.pack.title
            self.target.setItemData(self.target.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        if not keys:
            self._say(f"Pro ročníky po {source.program_key} zatím nejsou v aplikaci pravidla programu.", error=True)
        default = str(source.year + 1)
        self.target.setCurrentIndex(max(0, self.target.findData(default)))

    def _target_changed(self, *_args) -> None:
        key = self.target.currentData() if self.source is not None else None
        pack = rules_for_key(key).pack if key else None
        self.rules.setText(f"Pravidla {pack.key}: {rules_summary(pack)}" if pack else "")
        self.ready.setText(key or "")

    @property
    def target_key(self) -> str:
        return self.target.currentData() or ""


class ProjectsPage(QWizardPage):
    def __init__(self, source_page: SourcePage):
        super().__init__()
        self.source_page = source_page
        self.setTitle("Projekty k převzetí")
        self.setSubTitle(
            "Zaškrtněte projekty, které v novém ročníku pokračují. Sloupec „Co se změní“ "
            "upozorňuje na projekty, které pravidla nového ročníku nepřipouštějí beze změny."
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Projekt", "Druh", "Rozpočet", "Co se změní"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)

    def initializePage(self) -> None:  # noqa: N802 - Qt naming
        source, key = self.source_page.source, self.source_page.target_key
        year, _, round_ = key.partition("-")
        notes = rollover(source, int(year), round_).report.project_notes()  # a dry run over all projects
        self.tree.clear()
        for project in source.projects:
            item = QTreeWidgetItem(
                [
                    f"{project.id} · {project.title}",
                    PROJECT_KINDS_SHORT[project.kind],
                    BUDGET_TYPES[project.budget_type],
                    "\n".join(notes.get(project.id, [])),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, project.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            for column in range(4):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def item(self, project_id: str) -> QTreeWidgetItem:
        return next(i for i in self.items() if i.data(0, Qt.ItemDataRole.UserRole) == project_id)

    @property
    def chosen(self) -> list[str]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.items() if i.checkState(0) == Qt.CheckState.Checked]


class SummaryPage(QWizardPage):
    def __init__(self, source_page: SourcePage, projects_page: ProjectsPage):
        super().__init__()
        self.source_page, self.projects_page = source_page, projects_page
        self.setTitle("Shrnutí převzetí")
        self.setSubTitle("Tlačítkem „Založit ročník“ otevřete novou žádost jako neuložený dokument.")
        self.rollover_result: RolloverResult | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)

    def initializePage(self) -> None:  # noqa: N802 - Qt naming
        source_page = self.source_page
        year, _, round_ = source_page.target_key.partition("-")
        source_name = Path(source_page.path_edit.text().strip()).name
        self.rollover_result = rollover(
            source_page.source, int(year), round_, project_ids=self.projects_page.chosen, source_name=source_name
        )
        self.rollover_result.report.notes += source_page.edit_notes  # edits made in an exported workbook
        self.browser.setHtml(summary_html(self.rollover_result.report))


class RolloverWizard(QWizard):
    def __init__(self, parent: QWidget | None = None, current_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nový ročník z loňské žádosti")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.source_page = SourcePage()
        self.projects_page = ProjectsPage(self.source_page)
        self.summary_page = SummaryPage(self.source_page, self.projects_page)
        for page in (self.source_page, self.projects_page, self.summary_page):
            self.addPage(page)
        if current_path is not None:
            # After addPage: the wizard takes the mandatory field's value at that moment as "not filled".
            self.source_page.path_edit.setText(str(current_path))
        for button, text in (
            (QWizard.WizardButton.BackButton, "< Zpět"),
            (QWizard.WizardButton.NextButton, "Další >"),
            (QWizard.WizardButton.FinishButton, "Založit ročník"),
            (QWizard.WizardButton.CancelButton, "Zrušit"),
        ):
            self.setButtonText(button, text)
        self.resize(960, 680)

    @property
    def result_dossier(self) -> Dossier | None:
        """The new dossier once the wizard was finished, else ``None``."""
        if self.result() != QWizard.DialogCode.Accepted or self.summary_page.rollover_result is None:
            return None
        return self.summary_page.rollover_result.dossier


def run_rollover_wizard(parent: QWidget | None, current_path: Path | None) -> Dossier | None:
    """Show the wizard modally; the new dossier, or ``None`` when the user cancelled."""
    wizard = RolloverWizard(parent, current_path)
    wizard.exec()
    return wizard.result_dossier
