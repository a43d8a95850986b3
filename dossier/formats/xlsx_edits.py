"""Edits made in an exported workbook: the visible sheets compared with the hidden data.

The hidden sheet is only a copy; anyone can change it and recompute its checksum. So the
import never trusts it over what the user sees: every field shown in the workbook is compared
with the hidden copy, and each difference becomes an ``Edit`` (project, line, Czech field
label, exported → visible). ``compare`` also returns the dossier with the visible values
taken, which is what ``check`` and ``rollover`` use; the app lets the user choose.

What is compared: on the summary sheet the applicant's name, IČO, bank account and data box;
on each project sheet the title, kind, budget type, priority, locality, implementing body,
period and every budget line (item, category, unit, quantity, unit price, subsidy, eligible,
justification; rows added or removed). Derived columns (Celkem, vlastní podíl, totals) are
formulas and are recomputed, never read.

Fields that exist only in the hidden sheet (narrative texts, contacts, project sections,
attachments, …) cannot be compared; they are taken from the hidden sheet after the same
validation as a ``.dossier`` file. A visible change that cannot be taken (an unknown category,
text in a number column, an edited period) is still reported, with the exported value kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..core import labels
from ..core.checks.base import WARNING, Finding
from ..core.model import Applicant, BudgetLine, Dossier, Project
from ..core.money import AmountError, format_number, parse_money, parse_quantity
from ..core.rules import RulePack, rules_for
from ..core.text import clean_text
from .xlsx_common import cell_text
from .xlsx_export import NOT_GIVEN, SUMMARY_FACTS
from .xlsx_project import (
    CATEGORY,
    ELIGIBLE,
    JUSTIFICATION,
    NO_TEXT,
    PRICE,
    QTY,
    REQUESTED,
    TEXT,
    UNIT,
    UNTITLED,
    YES,
    category_labels,
    header_facts,
)
from .xlsx_visible import WorkbookView

_SHOWN_CHARS = 60
_LINE_COLUMNS = (
    ("text", TEXT),
    ("category", CATEGORY),
    ("unit", UNIT),
    ("quantity", QTY),
    ("unit_price", PRICE),
    ("requested", REQUESTED),
    ("eligible", ELIGIBLE),
    ("justification", JUSTIFICATION),
)

M = TypeVar("M", bound=BaseModel)


class _Unreadable(ValueError):  # noqa: N818 - a control-flow signal, not an error
    """A visible value that cannot become a model value."""


class _Said(str):
    """A description ("list chybí") rather than a value: shown without quotes."""


@dataclass(frozen=True)
class Edit:
    """One difference between the hidden data and the visible sheets."""

    path: str  # field path ("projects/P2/budget/0/quantity"), for findings and jumping
    where: str  # "Projekt P2, řádek 1 „Kamera“"
    label: str  # Czech field label
    old: str  # as exported (hidden data)
    new: str  # as the workbook shows it
    applicable: bool = True  # False: the visible value cannot be taken, the exported one stays

    def describe(self) -> str:
        text = f"{self.where}: {self.label} {self.old} → {self.new}"
        return text if self.applicable else f"{text} (hodnotu ze sešitu nelze převzít, ponechána exportovaná)"


def _shown(value: Any) -> str:
    if isinstance(value, _Said):
        return str(value)
    if value is None or value == "":
        return "(prázdné)"
    if isinstance(value, bool):
        return YES if value else NO_TEXT
    if isinstance(value, Decimal):
        return format_number(value)
    text = str(value).replace("\n", " ")
    return f"„{text[:_SHOWN_CHARS]}…“" if len(text) > _SHOWN_CHARS else f"„{text}“"


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return YES if cell else NO_TEXT
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f")
    return clean_text(str(cell))


def _number(cell, parse) -> Decimal:
    if isinstance(cell, Decimal):
        exponent = cell.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -9:  # a float's binary noise (0.30000000000000004)
            cell = cell.quantize(Decimal("1e-9"))
        cell = cell.normalize()
    elif not isinstance(cell, str) or isinstance(cell, bool):
        raise _Unreadable
    try:
        return parse(cell)
    except (AmountError, ValueError, ArithmeticError):
        raise _Unreadable from None


def _eligible(cell) -> bool:
    if isinstance(cell, bool):
        return cell
    text = _text(cell).casefold()
    if text in (YES, "true", "1"):
        return True
    if text in (NO_TEXT, "false", "0"):
        return False
    raise _Unreadable


def _given(cell) -> str:
    """A header fact's text; "neuvedeno" stands for an empty field."""
    text = _text(cell)
    return "" if text == NOT_GIVEN else text


def _validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError:
        raise _Unreadable from None


class _Comparer:
    def __init__(self, hidden: Dossier, pack: RulePack):
        self.pack = pack
        self.edits: list[Edit] = []
        self.result = hidden.model_copy(deep=True)

    def note(self, path: str, where: str, label: str, old, new, applicable: bool = True) -> None:
        self.edits.append(Edit(path, where, label, _shown(old), _shown(new), applicable))

    # --- applicant ---------------------------------------------------------------------------

    def applicant(self, view: WorkbookView) -> None:
        if view.summary_missing:
            self.note("applicant", "Souhrn", "list Souhrn", _Said("exportován"), _Said("v sešitu chybí"), False)
            return
        applicant = self.result.applicant
        for key in SUMMARY_FACTS:
            label = labels.APPLICANT_FIELDS[key]
            old = getattr(applicant, key)
            if label not in view.applicant:
                self.note(
                    f"applicant/{key}", labels.APPLICANT, label, old, _Said("sešit údaj neukazuje, nelze ověřit"), False
                )
                continue
            new = _given(view.applicant[label])
            if new == cell_text(old):
                continue
            try:
                applicant = _validated(Applicant, {**applicant.model_dump(), key: new})
                self.note(f"applicant/{key}", labels.APPLICANT, label, old, new)
            except _Unreadable:
                self.note(f"applicant/{key}", labels.APPLICANT, label, old, new, False)
        self.result.applicant = applicant

    # --- projects ----------------------------------------------------------------------------

    def project(self, index: int, view) -> None:
        project = self.result.projects[index]
        where = f"Projekt {project.id}"
        base = f"projects/{project.id}"
        if view is None:
            self.note(base, where, "list projektu", _Said("exportován"), _Said("v sešitu chybí"), False)
            return
        data = project.model_dump()
        title = view.title.partition(" – ")[2] if view.title.startswith(f"{project.id} – ") else view.title
        # The sheet shows "(bez názvu)" for a project without a title; a title that says just that stays.
        title = "" if title == UNTITLED and not project.title else clean_text(title)
        if title != cell_text(project.title):
            data = self._try(
                Project, data, "title", title, f"{base}/title", where, labels.PROJECT_FIELDS["title"], project.title
            )
        for key, label, shown in header_facts(project, self.pack):
            if label not in view.facts:
                continue
            cell = view.facts[label]
            if _text(cell) == cell_text(shown):
                continue
            try:
                value = self._fact_value(key, cell)
            except _Unreadable:
                value = _UNREADABLE
            data = self._try(Project, data, key, value, f"{base}/{key}", where, label, shown, shown_new=_text(cell))
        data["budget"] = self._lines(project, view, where, base)
        self.result.projects[index] = Project.model_validate(data)

    def _fact_value(self, key: str, cell):
        text = _given(cell)
        if key == "kind":
            return _reverse(labels.PROJECT_KINDS, text)
        if key == "budget_type":
            return _reverse(labels.BUDGET_TYPES, text)
        if key == "priority":
            return "" if text == "neuvedena" else text.partition(" – ")[0].strip()
        if key == "period":
            raise _Unreadable  # a free-form date range is not parsed back; change it in the app
        return text

    def _try(self, model, data: dict, key: str, value, path, where, label, old, *, shown_new=None) -> dict:
        """``data`` with ``key`` set to the visible ``value`` when the model accepts it; the edit is noted."""
        new_shown = value if shown_new is None else shown_new
        if value is _UNREADABLE:
            self.note(path, where, label, old, new_shown, False)
            return data
        try:
            _validated(model, {**data, key: value})
        except _Unreadable:
            self.note(path, where, label, old, new_shown, False)
            return data
        self.note(path, where, label, old, new_shown)
        return {**data, key: value}

    def _lines(self, project: Project, view, where: str, base: str) -> list[dict]:
        lines = [line.model_dump() for line in project.budget]
        if view.lines is None:
            self.note(
                f"{base}/budget", where, "tabulka rozpočtu", _Said("exportována"), _Said("v listu nenalezena"), False
            )
            return lines
        if view.truncated:
            self.note(
                f"{base}/budget",
                where,
                "tabulka rozpočtu",
                _Said(f"řádků: {len(project.budget)}"),
                _Said("podezřele dlouhá, načten jen začátek"),
                False,
            )
        cats = category_labels({line.category for line in project.budget}, self.pack)
        by_label = {name: code for code, name in cats.items()}
        for code in self.pack.categories.codes:
            by_label.setdefault(self.pack.categories.name_of(code) or code, code)
            by_label.setdefault(code, code)
        result = []
        for n, cells in enumerate(view.lines):
            if n < len(lines):
                result.append(self._line(lines[n], cells, n, cats, by_label, project, base))
            else:
                added = self._added_line(cells, by_label)
                where_line = f"{where}, nový řádek {n + 1}"
                label = "řádek rozpočtu"
                if added is None:
                    self.note(f"{base}/budget", where_line, label, None, _text(cells[TEXT]), False)
                else:
                    self.note(f"{base}/budget/{n}", where_line, label, None, added["text"] or labels.UNTITLED)
                    result.append(added)
        for n in range(len(view.lines), len(lines)):
            self.note(
                f"{base}/budget/{n}",
                f"{where}, řádek {n + 1} „{lines[n]['text']}“",
                "řádek rozpočtu",
                lines[n]["text"] or labels.UNTITLED,
                _Said("řádek v sešitu chybí"),
            )
        return result

    def _visible_value(self, key: str, cell, by_label):
        if key in ("text", "unit", "justification"):
            return _text(cell)
        if key == "category":
            text = _text(cell)
            if text in by_label:
                return by_label[text]
            raise _Unreadable
        if key == "quantity":
            return _number(cell, parse_quantity)
        if key in ("unit_price", "requested"):
            return _number(cell, parse_money)
        return _eligible(cell)

    def _line(self, line: dict, cells: list, n: int, cats, by_label, project: Project, base: str) -> dict:
        original = project.budget[n]
        where = f"Projekt {project.id}, řádek {n + 1} „{cell_text(original.text)[:_SHOWN_CHARS]}“"
        for key, col in _LINE_COLUMNS:
            cell = cells[col]
            old = getattr(original, key)
            if key == "category":
                shown_old = cats[old]
                if _text(cell) == shown_old:
                    continue
            elif key in ("text", "unit", "justification"):
                shown_old = cell_text(old)
                if _text(cell) == shown_old:
                    continue
            else:
                shown_old = old
            try:
                value = self._visible_value(key, cell, by_label)
            except _Unreadable:
                self.note(f"{base}/budget/{n}/{key}", where, labels.BUDGET_FIELDS[key], shown_old, cell, False)
                continue
            if value == old:
                continue
            try:
                _validated(BudgetLine, {**line, key: value})
            except _Unreadable:
                self.note(f"{base}/budget/{n}/{key}", where, labels.BUDGET_FIELDS[key], shown_old, cell, False)
                continue
            shown_new = cell if key not in ("quantity", "unit_price", "requested") else value
            self.note(f"{base}/budget/{n}/{key}", where, labels.BUDGET_FIELDS[key], shown_old, shown_new)
            line = {**line, key: value}
        return line

    def _added_line(self, cells: list, by_label) -> dict | None:
        data = {}
        try:
            for key, col in _LINE_COLUMNS:
                data[key] = self._visible_value(key, cells[col], by_label)
            return _validated(BudgetLine, data).model_dump()
        except _Unreadable:
            return None


_UNREADABLE = object()


def _reverse(mapping: Mapping, text: str):
    for key, label in mapping.items():
        if label == text:
            return key
    return _UNREADABLE


def compare(hidden: Dossier, view: WorkbookView) -> tuple[list[Edit], Dossier]:
    """The differences and the dossier with every applicable visible value taken."""
    comparer = _Comparer(hidden, rules_for(hidden.year, hidden.round).pack)
    comparer.applicant(view)
    for index, project_view in enumerate(view.projects):
        comparer.project(index, project_view)
    for sheet in view.foreign_sheets:
        comparer.note(
            "projects",
            f"List „{sheet}“",
            "list",
            _Said("neexportován"),
            _Said("přidán, není to list projektu – jeho obsah se nepřevezme"),
            False,
        )
    return comparer.edits, comparer.result


EDITED_CODE = "XLSX_EDITED"
EDITED_CITATION = "Sešit exportovaný aplikací Dossier: viditelné listy porovnány se skrytými daty"


def edit_findings(edits: list[Edit]) -> list[Finding]:
    """One warning per difference, for ``check``: the visible value was used unless it could not be."""
    findings = []
    for edit in edits:
        outcome = (
            "použita hodnota ze sešitu"
            if edit.applicable
            else "hodnotu ze sešitu nelze převzít, použita exportovaná – opravte ji v aplikaci"
        )
        findings.append(
            Finding(
                WARNING,
                EDITED_CODE,
                edit.path,
                f"Sešit byl po exportu upraven – {edit.where}: {edit.label} {edit.old} → {edit.new}; {outcome}.",
                EDITED_CITATION,
            )
        )
    return findings


def edit_notes(edits: list[Edit]) -> list[str]:
    """Lines for the roll-forward report."""
    if not edits:
        return []
    return [
        f"Sešit byl po exportu upraven (počet rozdílů proti skrytým datům: {len(edits)}); "
        "převzaty hodnoty z viditelných listů:"
    ] + [f"  – {edit.describe()}" for edit in edits]
