"""Compare two dossiers (last year's and this year's, or any two): projects added and dropped,
per project the changed texts and the budget deltas per line and category, totals.

Projects are paired by the same id and kind (a roll-forward keeps both), then by the same title
with the years taken out ("APK 2018–2020" ~ "APK 2021"), then by a kind that occurs once on
each side. Budget lines are paired by category and text without years, in order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import labels
from .dates import YEAR_OR_RANGE
from .model import NARRATIVE_FIELDS, BudgetLine, Dossier, Project
from .rules import rules_for
from .totals import Sums, dossier_totals, line_sums, project_totals

#: Text fields of a project compared as text, in card order.
TEXT_FIELDS = ("title", "target_group", "locality", "implementing_body", "partners", "area", *NARRATIVE_FIELDS)
#: Applicant fields compared (dotted into sections).
APPLICANT_PATHS = (
    "name",
    "ico",
    "bank_account",
    "data_box_id",
    "statutory_representative.name",
    "statutory_representative.role",
    "crime_prevention_manager.name",
    "contact_person.name",
    "local_strategy.title",
    "local_strategy.period",
    "local_strategy.resolution",
)


def _key(title: str) -> str:
    return re.sub(r"\s+", " ", YEAR_OR_RANGE.sub("", title)).strip(" –-").casefold()


@dataclass(frozen=True)
class Delta:
    old: Decimal
    new: Decimal

    @property
    def change(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True)
class SumsDelta:
    label: str
    total: Delta
    requested: Delta
    own: Delta
    status: str = "changed"  # "added" | "dropped" | "changed" | "same"


@dataclass(frozen=True)
class TextChange:
    field: str
    label: str
    old: str
    new: str

    def diff(self) -> list[str]:
        """A unified word-level diff: "- old words", "+ new words" lines."""
        return [
            line
            for line in difflib.unified_diff(
                self.old.splitlines(), self.new.splitlines(), "loni", "letos", lineterm="", n=1
            )
        ][2:]


@dataclass
class ProjectComparison:
    old: Project | None
    new: Project | None
    matched_by: str = ""
    texts: list[TextChange] = field(default_factory=list)
    lines: list[SumsDelta] = field(default_factory=list)
    categories: list[SumsDelta] = field(default_factory=list)
    totals: SumsDelta = field(kw_only=True)

    @property
    def status(self) -> str:
        return "added" if self.old is None else "dropped" if self.new is None else "kept"

    @property
    def title(self) -> str:
        project = self.new or self.old
        assert project is not None  # a pair has at least one side
        return project.title or project.id


@dataclass
class Comparison:
    old_label: str
    new_label: str
    projects: list[ProjectComparison]
    applicant: list[TextChange]
    totals: SumsDelta

    @property
    def added(self) -> list[ProjectComparison]:
        return [p for p in self.projects if p.status == "added"]

    @property
    def dropped(self) -> list[ProjectComparison]:
        return [p for p in self.projects if p.status == "dropped"]

    @property
    def kept(self) -> list[ProjectComparison]:
        return [p for p in self.projects if p.status == "kept"]


def _sums_delta(label: str, old: Sums | None, new: Sums | None) -> SumsDelta:
    o, n = old or Sums(), new or Sums()
    status = (
        "added"
        if old is None
        else "dropped"
        if new is None
        else "same"
        if (o.total, o.requested) == (n.total, n.requested)
        else "changed"
    )
    return SumsDelta(label, Delta(o.total, n.total), Delta(o.requested, n.requested), Delta(o.own, n.own), status)


def pair_projects(old: Dossier, new: Dossier) -> list[tuple[Project | None, Project | None, str]]:
    left, right = list(old.projects), list(new.projects)
    pairs: list[tuple[Project, Project, str]] = []

    def take(match: Callable[[Project, Project], bool], how: str) -> None:
        for n in list(right):
            candidates = [o for o in left if match(o, n)]
            if len(candidates) == 1 or (candidates and how != "druh"):
                o = candidates[0]
                pairs.append((o, n, how))
                left.remove(o)
                right.remove(n)

    take(lambda o, n: o.id == n.id and o.kind == n.kind, "označení")
    take(lambda o, n: _key(o.title) == _key(n.title) and _key(n.title) != "", "název")
    take(lambda o, n: o.kind == n.kind and sum(p.kind == n.kind for p in right) == 1, "druh")
    order = {p.id: i for i, p in enumerate(new.projects)}
    pairs.sort(key=lambda t: order[t[1].id])
    result: list[tuple[Project | None, Project | None, str]] = list(pairs)
    result += [(None, n, "") for n in right] + [(o, None, "") for o in left]
    return result


#: How alike two line texts of one category must be to count as the same line.
SIMILAR = 0.6


def _similar(a: str, b: str) -> float:
    a, b = _key(a), _key(b)
    if a and b and (a.startswith(b) or b.startswith(a)):
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _line_label(line: BudgetLine) -> str:
    return line.text or labels.UNTITLED


def _compare_lines(old: Project, new: Project) -> list[SumsDelta]:
    remaining = list(old.budget)
    out = []
    for line in new.budget:
        match = next((o for o in remaining if o.category == line.category and _key(o.text) == _key(line.text)), None)
        if match is None:
            match = next((o for o in remaining if _key(o.text) == _key(line.text)), None)
        if match is None:  # "Mzdy APK (24 člověkoměsíců)" ~ "Mzdy APK (42 člověkoměsíců)"
            scored = [(_similar(o.text, line.text), i) for i, o in enumerate(remaining) if o.category == line.category]
            best = max(scored, default=(0.0, -1))
            match = remaining[best[1]] if best[0] >= SIMILAR else None
        if match is not None:
            remaining.remove(match)
        out.append(_sums_delta(_line_label(line), line_sums(match) if match else None, line_sums(line)))
    out += [_sums_delta(_line_label(o), line_sums(o), None) for o in remaining]
    return out


def _texts(old: Any, new: Any, names: Iterable[str], label_of: Callable[[str], str]) -> list[TextChange]:
    out: list[TextChange] = []
    for name in names:
        a, b = _get(old, name), _get(new, name)
        if a != b:
            out.append(TextChange(name, label_of(name), a, b))
    return out


def _get(node: Any, dotted: str) -> str:
    for part in dotted.split("."):
        node = getattr(node, part)
    return "" if node is None else str(node)


def _applicant_label(dotted: str) -> str:
    head, _, tail = dotted.partition(".")
    base = labels.APPLICANT_FIELDS.get(head, head)
    sub = {"name": "jméno", "role": "funkce", "title": "název", "period": "období", "resolution": "usnesení"}
    return f"{base} – {sub.get(tail, tail)}" if tail else base


def _category_name(code: str, *dossiers: Dossier) -> str:
    if not code:
        return "(bez kategorie)"
    for dossier in dossiers:
        name = rules_for(dossier.year, dossier.round).pack.categories.name_of(code)
        if name:
            return name
    return code


def compare(old: Dossier, new: Dossier, old_label: str = "", new_label: str = "") -> Comparison:
    projects = []
    for o, n, how in pair_projects(old, new):
        if o is not None and n is not None:
            ot, nt = project_totals(o), project_totals(n)
            pc = ProjectComparison(o, n, how, totals=_sums_delta("Projekt celkem", ot, nt))
            pc.texts = _texts(o, n, TEXT_FIELDS, lambda f: labels.PROJECT_FIELDS.get(f, f))
            pc.lines = _compare_lines(o, n)
            cats = list(dict.fromkeys([*nt.by_category, *ot.by_category]))
            pc.categories = [
                _sums_delta(_category_name(c, new, old), ot.by_category.get(c), nt.by_category.get(c)) for c in cats
            ]
        else:
            one = o or n
            assert one is not None  # a pair has at least one side
            t = project_totals(one)
            pc = ProjectComparison(o, n, how, totals=_sums_delta("Projekt celkem", t if o else None, t if n else None))
        projects.append(pc)
    return Comparison(
        old_label or old.program_key,
        new_label or new.program_key,
        projects,
        _texts(old.applicant, new.applicant, APPLICANT_PATHS, _applicant_label),
        _sums_delta(labels.DOSSIER_TOTAL, dossier_totals(old), dossier_totals(new)),
    )
