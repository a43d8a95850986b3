"""The project card: general fields, narrative texts, the kind's own section and the budget."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import kinds, labels
from ..core.model import NARRATIVE_FIELDS, ProjectKind
from ..core.money import format_money, format_percent
from .assessment_section import TAB_TITLE as ASSESSMENT_TAB
from .bindings import LineBinding, TextBinding
from .budget_table import BudgetEditor
from .document import Document
from .form import BoundForm, fmt_int, group, page_heading, parse_int, required_int, scrolled
from .kind_forms import FORMS
from .steady_label import SteadyLabel


class ProjectForm(BoundForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "", parent)
        self.project_id: str | None = None
        self.heading = page_heading("")
        self.summary = SteadyLabel(wrap=True)  # its totals change with every edit: no relayout then
        self.summary.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scrolled(self._build_card()), "Karta projektu")
        self.tabs.addTab(scrolled(self._build_narrative()), "Popis projektu")
        self.kind_stack = QStackedWidget()
        self.kind_pages = {kind: build(self) for kind, build in FORMS.items()}
        for page in self.kind_pages.values():
            self.kind_stack.addWidget(page)
        self.missing_section = self._build_missing_section()
        self.kind_stack.addWidget(self.missing_section)
        self.kind_tab = self.tabs.addTab(self.kind_stack, "")
        self.budget_editor = BudgetEditor(document)
        self.budget_tab = self.tabs.addTab(self.budget_editor, "Rozpočet")
        # Built when the tab is first shown (or asked for): most visits never open them.
        self._later: dict[str, int] = {}
        self._built: dict[str, QWidget] = {}
        self.assessment_tab = self._later_tab("assessment", ASSESSMENT_TAB)
        self.grant_tab = self._later_tab("grant_page", "Dotace a čerpání")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        document.projectChanged.connect(self._project_changed)

    # -- tabs built on first use -----------------------------------------------------------------
    @property
    def assessment(self):
        return self._tab_page("assessment")

    @property
    def grant_page(self):
        return self._tab_page("grant_page")

    def _later_tab(self, name: str, title: str) -> int:
        index = self.tabs.addTab(QWidget(), title)  # a placeholder until the page is built
        self._later[name] = index
        return index

    def _tab_shown(self, index: int) -> None:
        for name, later in list(self._later.items()):
            if later == index:
                self._tab_page(name)

    def _tab_page(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is not None:
            return page
        index = self._later.pop(name)
        page = self._built[name] = self._build_page(name)
        current, placeholder = self.tabs.currentIndex(), self.tabs.widget(index)
        self.tabs.blockSignals(True)  # the same tab stays current: nothing to announce
        self.tabs.insertTab(index, page, self.tabs.tabText(index))
        self.tabs.removeTab(index + 1)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return page

    def _build_page(self, name: str) -> QWidget:
        if name == "grant_page":
            from .grant_page import GrantPage

            grant = GrantPage(self.document)
            grant.set_project(self.project_id)
            return grant
        from .assessment_section import AssessmentPage

        page = AssessmentPage(self)  # adds its fields to this form
        if self.project_id:
            page.refresh_lists()
            self.refresh_all()
        return page

    def _project_changed(self, project_id: str) -> None:
        if project_id == self.project_id:
            self._update_header()  # title, kind, totals: once per undo step

    # -- building ----------------------------------------------------------------------------
    def _build_card(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        f = labels.PROJECT_FIELDS
        basic = group("Základní údaje", layout)
        self.line(basic, "title", f["title"])
        self.combo(
            basic,
            "kind",
            f["kind"],
            [(text, kind) for kind, text in labels.PROJECT_KINDS.items()],
            on_choice=self._change_kind,
        )
        self.combo(basic, "budget_type", f["budget_type"], [(t, bt) for bt, t in labels.BUDGET_TYPES.items()])
        self.priority = self.combo(basic, "priority", f["priority"], [])
        self.line(basic, "area", f["area"])
        self.check(basic, "residential", f["residential"], "ano – pobytová akce (nižší míra dotace)")
        self.date_from = self.date(basic, "date_from", f["date_from"])
        self.date_to = self.date(basic, "date_to", f["date_to"])
        self.multi_year = self._multi_year_row(basic)
        people = group("Cílová skupina a realizace", layout)
        self.text(people, "target_group", f["target_group"], lines=3)
        self.line(people, "target_group_size", f["target_group_size"], parse=parse_int, fmt=fmt_int, align_right=True)
        self.text(people, "locality", f["locality"], lines=2)
        self.line(people, "implementing_body", f["implementing_body"])
        self.text(people, "partners", f["partners"], lines=3)
        layout.addStretch(1)
        return content

    def _multi_year_row(self, form: QFormLayout) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        for key, text in (("multi_year/from_year", "od roku"), ("multi_year/to_year", "do roku")):
            edit = QLineEdit()
            edit.setMaximumWidth(80)
            self.add(LineBinding(self, key, edit, required_int, fmt_int))
            box.addWidget(QLabel(text))
            box.addWidget(edit)
        box.addStretch(1)
        form.addRow(labels.PROJECT_FIELDS["multi_year"], row)
        self.badge(form, "multi_year")
        self._multi_year_form = form
        return row

    def _build_narrative(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        for name in NARRATIVE_FIELDS:
            title = QLabel(f"<b>{labels.PROJECT_FIELDS[name]}</b>")
            edit = _narrative_edit()
            counter = QLabel()
            counter.setAlignment(Qt.AlignmentFlag.AlignRight)
            title.setBuddy(edit)
            self.add(
                TextBinding(
                    self, name, edit, counter, limit=lambda n=name: self._text_limit(n), limit_note=self._limit_note
                )
            )
            layout.addWidget(title)
            self.badge(layout, name)
            layout.addWidget(edit)
            layout.addWidget(counter)
        layout.addStretch(1)
        return content

    def _build_missing_section(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        button = QPushButton("Doplnit údaje pro tento druh projektu")
        button.clicked.connect(self._create_section)
        layout.addWidget(self.missing_label)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    # -- showing a project -------------------------------------------------------------------
    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.set_prefix(f"projects/{project_id}/" if project_id else "")
        self._fill_priorities()
        year = self.document.dossier.year
        for field in (self.date_from, self.date_to):
            field.default_page = QDate(year, 1, 1)
        if project_id:
            if "assessment" in self._built:
                self.assessment.refresh_lists()  # the year's strategy code list before the combo shows its value
            self.refresh_all()
            self._update_kind()
            self._update_header()
        self.budget_editor.set_project(project_id)
        if "grant_page" in self._built:
            self.grant_page.set_project(project_id)

    def project(self):
        return self.document.dossier.project(self.project_id) if self.project_id else None

    def _fill_priorities(self) -> None:
        items = self.document.rules().pack.priorities.items
        self.priority.clear()
        self.priority.addItem("— nevybráno —", "")
        for item in items:
            self.priority.addItem(f"{item.code} – {item.name}", item.code)

    def _text_limit(self, name: str) -> int | None:
        return self.document.rules().pack.text_limits.value.get(name)

    def _limit_note(self) -> str:
        """Counters say when the text limits are only a proposal (unverified in the pack)."""
        return labels.PROPOSAL_MARK if self.document.rules().pack.text_limits.unverified else ""

    def _value_changed(self, path: str) -> None:
        super()._value_changed(path)
        if self.prefix and path.startswith(self.prefix) and self.project_id:
            rest = path[len(self.prefix) :]
            if rest in ("kind", "multi_year") or rest in kinds.section_fields():
                self._update_kind()

    def _update_kind(self) -> None:
        project = self.project()
        if project is None:
            return
        self._multi_year_form.setRowVisible(self.multi_year, project.multi_year is not None)
        kind = project.kind
        has_page = kind in FORMS
        self.tabs.setTabVisible(self.kind_tab, has_page)
        if not has_page:
            return
        spec = kinds.spec_of(kind)
        self.tabs.setTabText(self.kind_tab, spec.tab_title)
        if spec.section_of(project) is None:
            self.missing_label.setText(
                f"Projekt druhu „{labels.PROJECT_KINDS[kind]}“ zatím nemá vyplněné údaje specifické pro tento druh."
            )
            self.kind_stack.setCurrentWidget(self.missing_section)
        else:
            self.kind_stack.setCurrentWidget(self.kind_pages[kind])

    def _update_header(self) -> None:
        project = self.project()
        if project is None:
            return
        self.heading.setText(project.title or "(projekt bez názvu)")
        sums = self.document.project_totals(project.id)  # cached; recomputed once per undo step
        self.summary.setText(
            f"{labels.PROJECT_KINDS_SHORT[project.kind]} · rozpočet {labels.BUDGET_TYPES[project.budget_type]} · "
            f"celkem <b>{format_money(sums.total)}</b> · dotace <b>{format_money(sums.requested)}</b> "
            f"({format_percent(sums.rate)}) · vlastní podíl {format_money(sums.own)}"
        )

    # -- edits that are more than one field ----------------------------------------------------
    def _change_kind(self, kind: ProjectKind) -> None:
        project = self.project()
        if project is None or kind == project.kind:
            return
        with self.document.macro("Změna druhu projektu"):
            self.document.set_value(self.prefix + "kind", kind)
            self._create_section()

    def _create_section(self) -> None:
        project = self.project()
        spec = kinds.spec_of(project.kind) if project is not None else None
        if spec is not None and spec.section and spec.section_of(project) is None:
            self.document.set_value(self.prefix + spec.section, spec.new_section())

    def title_focus(self) -> None:
        """After adding a project the user renames it first."""
        self.tabs.setCurrentIndex(0)
        edit = self.bindings["title"].widget
        edit.setFocus()
        edit.selectAll()

    def focus_path(self, path: str) -> bool:
        if path.startswith(self.prefix + "budget") and self.project_id:
            self.tabs.setCurrentIndex(self.budget_tab)
            self.budget_editor.focus_path(path)
            return True
        if path.startswith(self.prefix + "grant") and self.project_id:
            self.tabs.setCurrentIndex(self.grant_tab)
            return self.grant_page.focus_path(path)
        if "assessment" in self._later and self.binding_for(path) is None:
            self.assessment  # noqa: B018 - built now: the path may be one of its fields
        return super().focus_path(path)


def _narrative_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 6 + 14)
    return edit
