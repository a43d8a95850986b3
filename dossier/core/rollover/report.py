"""What a roll-forward did, field by field, and its Czech text for the CLI and the wizard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any, NamedTuple

from pydantic import BaseModel

from .. import labels, paths
from ..checks import Finding, counts, run_checks
from ..dates import format_date
from ..labels import APPLICANT_TYPES, BUDGET_TYPES, PROJECT_KINDS_SHORT, plural
from ..model import Dossier, YearRange
from ..money import format_number
from ..severity import Severity

KEPT, CHANGED, CLEARED = "kept", "changed", "cleared"
#: How an entry meets the new year's rules (ReportEntry.fit).
CONVERTED, CONFLICT = "converted", "conflict"
_MAX_TEXT = 90
_ENUM_LABELS: tuple[Mapping[Any, str], ...] = (APPLICANT_TYPES, BUDGET_TYPES, PROJECT_KINDS_SHORT)


class Described(str):
    """A value's report text, made at once: for a section or a list, which the editor may still change."""


#: Types of the values a model holds besides sections and lists: none can change in place
#: (bool and datetime are among them). Checked first, as ``isinstance(value, BaseModel)`` is slow.
VALUE_TYPES = (str, int, Decimal, dt.date, Enum, type(None))


def fixed(value: Any) -> Any:
    """What an entry keeps of a value: the value itself when it cannot change, else its text now."""
    if isinstance(value, VALUE_TYPES):
        return value
    return Described(describe(value)) if isinstance(value, (BaseModel, list, dict)) else value


class ReportEntry(NamedTuple):
    """What happened to one field. ``old`` and ``new`` are the report texts of its values, made when
    read: a roll-forward of 300 × 100 reports some 90 000 fields and the report spells out few."""

    kind: str  # KEPT / CHANGED / CLEARED
    path: str
    label: str
    #: The value before and after (``fixed``); the same object when it was kept.
    was: Any
    now: Any
    reason: str = ""
    review: bool = False
    #: CONVERTED to fit the new year's rules, or a CONFLICT with them that the user has to resolve.
    fit: str = ""
    #: A few words for the wizard's project list ("víceletý → jednoletý").
    short: str = ""

    @property
    def old(self) -> str:
        return self.was if isinstance(self.was, Described) else describe(self.was)

    @property
    def new(self) -> str:
        return self.now if isinstance(self.now, Described) else describe(self.now)

    @property
    def place(self) -> str:
        """Where the field sits: "Žadatel", "P1", "P1 · řádek 2", "" for the rest."""
        parts = paths.split(self.path)
        if parts and parts[0] == "applicant":
            return labels.APPLICANT
        if len(parts) < 2 or parts[0] != "projects":
            return ""
        if len(parts) >= 4 and parts[2] == "budget":
            return f"{parts[1]} · řádek {int(parts[3]) + 1}"
        return parts[1]

    @property
    def named(self) -> str:
        """The label, with the item of a list it is in ("… – Měsíční náklady (položka 2)"): four
        assistants' costs read as four identical lines otherwise. Budget lines say it in ``place``."""
        parts = paths.split(self.path)
        start = 4 if len(parts) >= 4 and parts[0] == "projects" and parts[2] == "budget" else 1
        item = next((part for part in parts[start:] if part.isdigit()), None)
        return f"{self.label} (položka {int(item) + 1})" if item is not None else self.label

    @property
    def title(self) -> str:
        return f"{self.place} · {self.named}" if self.place else self.named


@dataclass(frozen=True)
class ReviewRun:
    """Plain review entries of a block of rows, spelled out when the report is read: a roll-forward
    of 300 × 100 marks 90 000 amounts, and saving the new year reads none of their entries."""

    paths: list[str]
    #: The value of each path, as ``fixed`` keeps it.
    values: list[Any]
    #: (field, label, reason) of each marked field of a row, in the order of ``paths`` within a row.
    fields: list[tuple[str, str, str]]

    def entries(self) -> list[ReportEntry]:
        row_fields = self.fields * (len(self.paths) // len(self.fields))
        return [
            ReportEntry(KEPT, path, label, value, value, reason, True)
            for path, value, (_, label, reason) in zip(self.paths, self.values, row_fields)
        ]


@dataclass
class RolloverReport:
    source_name: str
    old_key: str
    new_key: str
    #: The note every review mark starts with ("převzato z roku 2020 – nezkontrolováno").
    review_note: str = ""
    #: What happened to the fields, in the order of the dossier; runs of plain review marks spelled
    #: out when ``entries`` is first read.
    parts: list[ReportEntry | ReviewRun] = field(default_factory=list)
    #: (id, title in the new dossier) of the projects carried over, and (id, old title) of those left out.
    projects_taken: list[tuple[str, str]] = field(default_factory=list)
    projects_left: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The new dossier, checked when ``findings`` is first read (the wizard's dry run needs no checks).
    dossier: Dossier | None = field(default=None, repr=False, compare=False)

    @cached_property
    def entries(self) -> list[ReportEntry]:
        entries: list[ReportEntry] = []
        for part in self.parts:
            if isinstance(part, ReviewRun):
                entries += part.entries()
            else:
                entries.append(part)
        return entries

    @cached_property
    def findings(self) -> list[Finding]:
        """Findings of ``run_checks`` on the new dossier."""
        return run_checks(self.dossier) if self.dossier is not None else []

    def _of(self, kind: str) -> list[ReportEntry]:
        return [e for e in self.entries if e.kind == kind]

    @property
    def kept(self) -> list[ReportEntry]:
        return self._of(KEPT)

    @property
    def changed(self) -> list[ReportEntry]:
        return self._of(CHANGED)

    @property
    def cleared(self) -> list[ReportEntry]:
        return self._of(CLEARED)

    @property
    def needs_review(self) -> list[ReportEntry]:
        return [e for e in self.entries if e.review]

    @property
    def converted(self) -> list[ReportEntry]:
        return [e for e in self.entries if e.fit == CONVERTED]

    @property
    def conflicts(self) -> list[ReportEntry]:
        """What still breaks the new year's rules; ``run_checks`` reports most of it as errors."""
        return [e for e in self.entries if e.fit == CONFLICT]

    @property
    def check_counts(self) -> dict[Severity, int]:
        return counts(self.findings)

    def project_notes(self) -> dict[str, list[str]]:
        """Per project id, a few words on what does not fit the new year ("víceletý → jednoletý")."""
        notes: dict[str, list[str]] = {}
        for entry in self.entries:
            project_id = paths.project_id_of(entry.path)
            if project_id and entry.short and entry.short not in notes.get(project_id, []):
                notes.setdefault(project_id, []).append(entry.short)
        return notes


# --- value text -------------------------------------------------------------------------------------


def describe(value: Any) -> str:
    """A short one-line Czech rendering of any model value for the report."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "ano" if value else "ne"
    if isinstance(value, Enum):
        return next((table[value] for table in _ENUM_LABELS if value in table), str(value.value))
    if isinstance(value, dt.datetime):
        return f"{format_date(value)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, YearRange):
        return f"{value.from_year}–{value.to_year}"
    if isinstance(value, BaseModel):
        return _shorten("; ".join(t for t in (describe(v) for v in dict(value).values() if _filled(v)) if t))
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], BaseModel):
            return f"{len(value)} {plural(len(value), 'položka', 'položky', 'položek')}"
        return _shorten(", ".join(describe(v) for v in value)) or "—"
    if isinstance(value, dict):
        return f"{len(value)} {plural(len(value), 'položka', 'položky', 'položek')}" if value else "—"
    return _shorten(str(value)) or "—"


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {}) and not isinstance(value, bool)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"


# --- Czech text ----------------------------------------------------------------------------------------


def count_text(counts: Mapping[Severity, int]) -> str:
    """ "1 chyba, 12 upozornění, 1 informace"."""
    return ", ".join(
        [
            f"{counts.get(Severity.ERROR, 0)} {plural(counts.get(Severity.ERROR, 0), 'chyba', 'chyby', 'chyb')}",
            f"{counts.get(Severity.WARNING, 0)} upozornění",
            f"{counts.get(Severity.INFO, 0)} {plural(counts.get(Severity.INFO, 0), 'informace', 'informace', 'informací')}",
        ]
    )


def entry_line(entry: ReportEntry) -> str:
    values = f"{entry.old} → {entry.new}" if entry.old != entry.new else entry.new
    return f"{entry.title}: {values}" + (f" ({entry.reason})" if entry.reason else "")


def grouped_lines(entries: list[ReportEntry], *, reasons: bool) -> list[str]:
    """One line per place: "P1: Název projektu, Cíle projektu" (the budget is long otherwise)."""
    groups: dict[str, list[str]] = {}
    for e in entries:
        groups.setdefault(e.place or "Ostatní", []).append(
            f"{e.named} ({e.reason})" if reasons and e.reason else e.named
        )
    return [f"{place}: {', '.join(labels)}" for place, labels in groups.items()]


def sections(report: RolloverReport) -> list[tuple[str, list[str]]]:
    """(heading, lines) in the order the user should act on them; shared by the CLI and the wizard."""
    listed = {id(e) for e in report.conflicts + report.converted}
    review_only = [e for e in report.needs_review if id(e) not in listed and e.kind == KEPT]
    return [
        (f"Vyžaduje zásah – neodpovídá pravidlům {report.new_key}", [entry_line(e) for e in report.conflicts]),
        (f"Převedeno podle pravidel {report.new_key}", [entry_line(e) for e in report.converted]),
        ("Změněno", [entry_line(e) for e in report.changed if id(e) not in listed]),
        ("Vymazáno", [entry_line(e) for e in report.cleared if id(e) not in listed]),
        (
            f"Ke kontrole ({len(report.needs_review)} údajů označeno „{report.review_note}“)",
            grouped_lines(review_only, reasons=True),
        ),
        ("Převzato beze změny", grouped_lines([e for e in report.kept if not e.review], reasons=False)),
    ]


def check_lines(report: RolloverReport) -> list[str]:
    lines = [f"Kontrola podle pravidel {report.new_key}: {count_text(report.check_counts)}."]
    lines += [f"  • Chyba: {f.message}" for f in report.findings if f.severity == Severity.ERROR]
    return lines


def render_text(report: RolloverReport) -> str:
    """The whole report as Czech plain text."""
    source = f"„{report.source_name}“ " if report.source_name else ""
    out = [f"Nový ročník {report.new_key} z loňské žádosti {source}(ročník {report.old_key})", ""]
    taken = ", ".join(f"{pid} {title}" for pid, title in report.projects_taken) or "žádné"
    out.append(f"Převzaté projekty: {taken}")
    if report.projects_left:
        out.append("Vynechané projekty: " + ", ".join(f"{pid} {title}" for pid, title in report.projects_left))
    out += report.notes
    for heading, lines in sections(report):
        if lines:
            out += ["", f"{heading}:"] + [f"  • {line}" for line in lines]
    out += [""] + check_lines(report)
    return "\n".join(out) + "\n"
