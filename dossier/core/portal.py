"""The portal assistant: the dossier laid out in the order of the ministry's web portal (RISPF).

The portal's own field names are not public, so the order, labels and limits are data in
``resources/rules/portal-map.json`` (an office can correct them without code). This module
turns that map and a dossier into steps of fields, each with the text to paste (plain, Czech
number format), its length and the year's limit. It also holds the year's submission facts
the map adds to the rule pack: the ministry's data box, the realisation period, settlement.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..resources import resource_path
from . import labels, paths, totals
from .errors import DossierError
from .model import Dossier
from .money import format_number, format_percent
from .rules import UNVERIFIED_MARK, Rule, RulePack
from .sources import cite

MAP_FILE = "portal-map.json"
WILDCARD = "*"
_NO = object()


class MapField(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    label: str
    type: str = "text"
    limit: int | str | None = None  # characters, or a key of the pack's text_limits
    computed: str = ""


class MapStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    hint: str = ""
    fields: list[MapField] = Field(default_factory=list)


class Realisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # "MM-DD" in the programme year; ``to_year_offset`` for rounds that run into the next year.
    from_: str = Field(alias="from")
    to: str
    to_year_offset: int = 0


class PortalMap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    unverified: bool = True
    note: str = ""
    portal_url: str = ""
    date_format: str = "%d.%m.%Y"
    ministry_data_box: Rule[str | None]
    realisation: Rule[Realisation]
    settlement_deadline: Rule[dt.date | None]
    steps: list[MapStep]

    @property
    def citation(self) -> str:
        return cite(self.source) + (UNVERIFIED_MARK if self.unverified else "")


class _MapFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["dossier-portal-map"]
    version: int
    comment: list[str] = Field(default_factory=list)
    default: dict[str, Any]
    years: dict[str, dict[str, Any]] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def _map_file() -> _MapFile:
    path = resource_path("rules", MAP_FILE)
    try:
        return _MapFile.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise DossierError(f"Mapa polí portálu ({MAP_FILE}) nelze načíst: {exc}") from exc


@lru_cache(maxsize=32)
def portal_map(key: str) -> PortalMap:
    """The map for a rule-pack key ("2021", "2024-2"): the default with that year's changes."""
    data = _map_file()
    merged = {**data.default, **data.years.get(key, {})}
    try:
        return PortalMap.model_validate(merged)
    except ValidationError as exc:
        raise DossierError(f"Mapa polí portálu ({MAP_FILE}) pro ročník {key} je neplatná: {exc}") from exc


# --- the laid-out dossier -----------------------------------------------------------------------


@dataclass(frozen=True)
class PortalField:
    id: str  # stable tick id: the field path ("projects/P2/title") or "projects/P2/budget/0#line_total"
    label: str
    group: str  # "Žadatel", the project title, or "Žádost celkem"
    copy_text: str  # what goes to the clipboard
    display: str  # how the page shows it
    limit: int | None = None
    limit_unverified: bool = False

    @property
    def count(self) -> int:
        return len(self.copy_text)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.count > self.limit

    def count_text(self) -> str:
        if self.limit is None:
            return f"{self.count} znaků"
        mark = " (limit neověřen)" if self.limit_unverified else ""
        return f"{self.count} / {self.limit} znaků{mark}"


@dataclass(frozen=True)
class PortalStep:
    id: str
    number: int
    title: str
    hint: str
    fields: tuple[PortalField, ...] = field(default_factory=tuple)

    def done(self, ticked: set[str]) -> int:
        return sum(f.id in ticked for f in self.fields)


def _expand(pattern: str, dossier: Dossier) -> list[tuple[str, tuple[int, ...]]]:
    """Concrete paths of a pattern with the list positions its wildcards took; None sections skipped."""
    found: list[tuple[str, tuple[int, ...]]] = [("", ())]
    for part in paths.split(pattern):
        nxt: list[tuple[str, tuple[int, ...]]] = []
        for prefix, pos in found:
            node: Any = paths.get(dossier, prefix) if prefix else dossier
            if node is None:
                continue
            if part == WILDCARD:
                keys = [p.id for p in node] if prefix == "projects" else [str(i) for i in range(len(node))]
                nxt.extend((f"{prefix}/{k}" if prefix else k, pos + (i,)) for i, k in enumerate(keys))
            else:
                nxt.append((f"{prefix}/{part}" if prefix else part, pos))
        found = nxt
    out = []
    for path, pos in found:
        try:
            value = paths.get(dossier, path) if path else dossier
        except (paths.PathError, KeyError, AttributeError):
            continue
        if value is None and _parent_is_none(dossier, path):
            continue
        out.append((path, pos))
    return out


def _parent_is_none(dossier: Dossier, path: str) -> bool:
    parts = paths.split(path)
    return len(parts) > 1 and paths.get(dossier, "/".join(parts[:-1])) is None


def _plain_number(value: Decimal | int) -> str:
    # Portal number inputs take digits and a decimal comma; thousands spaces are refused there.
    return format_number(value).replace("\u00a0", "")


class _Formatter:
    def __init__(self, dossier: Dossier, pack: RulePack, pmap: PortalMap):
        self.dossier, self.pack, self.pmap = dossier, pack, pmap

    def copy(self, kind: str, value: Any) -> str:
        if value is None:
            return ""
        if kind in ("money", "number"):
            return _plain_number(value)
        if kind == "percent":
            # The portal's field is a number in per cent: the digits only, the page shows the sign.
            return format_number(value * 100, 1).replace("\u00a0", "")
        if kind == "date":
            return str(value.strftime(self.pmap.date_format))
        if kind == "bool":
            return "ano" if value else "ne"
        if kind == "priority":
            name = self.pack.priorities.name_of(value)
            return f"{value} – {name}" if name else str(value)
        if kind == "category":
            return self.pack.categories.name_of(value) or str(value)
        if kind == "kind":
            return labels.PROJECT_KINDS[value]
        if kind == "budget_type":
            return labels.BUDGET_TYPES[value]
        if kind == "applicant_type":
            return labels.APPLICANT_TYPES[value]
        if kind in ("list", "years"):
            return ("\n" if kind == "list" else ", ").join(str(v) for v in value)
        if isinstance(value, Enum):
            return str(value.value)
        return str(value)

    def display(self, kind: str, value: Any, copy_text: str) -> str:
        if value is None or copy_text == "":
            return ""
        if kind == "money":
            return f"{format_number(value)}\u00a0Kč"
        if kind == "number":
            return format_number(value)
        if kind == "date":
            return f"{value.day}. {value.month}. {value.year}"
        if kind == "percent":
            return format_percent(value)
        return copy_text


_COMPUTED: dict[str, Callable[[Dossier, Any], Any]] = {
    "line_total": lambda d, node: totals.line_total(node),
    "line_own": lambda d, node: totals.line_own(node),
    "project_total": lambda d, node: totals.project_totals(node).total,
    "project_requested": lambda d, node: totals.project_totals(node).requested,
    "project_own": lambda d, node: totals.project_totals(node).own,
    "project_rate": lambda d, node: totals.project_totals(node).rate,
    "dossier_total": lambda d, node: totals.dossier_totals(d).total,
    "dossier_requested": lambda d, node: totals.dossier_totals(d).requested,
    "dossier_own": lambda d, node: totals.dossier_totals(d).own,
}


def _group(dossier: Dossier, path: str) -> str:
    parts = paths.split(path)
    if parts and parts[0] == "projects" and len(parts) >= 2:
        title = dossier.project(parts[1]).title or parts[1]
        if len(parts) >= 4 and parts[2] == "budget":
            return f"{title} – řádek {int(parts[3]) + 1}"
        return title
    if parts and parts[0] == "applicant":
        return labels.APPLICANT
    if parts and parts[0] == "attachments":
        return "Přílohy"
    return labels.DOSSIER_TOTAL


def portal_steps(dossier: Dossier, pack: RulePack) -> list[PortalStep]:
    """The dossier in the portal's step order; within a step project by project, line by line."""
    pmap = portal_map(pack.key)
    fmt = _Formatter(dossier, pack, pmap)
    limits = pack.text_limits
    steps = []
    for number, step in enumerate(pmap.steps, 1):
        keyed = []
        for order, spec in enumerate(step.fields):
            for path, pos in _expand(spec.path, dossier):
                node = paths.get(dossier, path) if path else dossier
                value = _COMPUTED[spec.computed](dossier, node) if spec.computed else node
                copy_text = fmt.copy(spec.type, value)
                limit, unverified = None, False
                if isinstance(spec.limit, str):
                    limit, unverified = limits.value.get(spec.limit), limits.unverified
                elif isinstance(spec.limit, int):
                    limit, unverified = spec.limit, pmap.unverified
                field_id = f"{path}#{spec.computed}" if spec.computed else path
                # Applicant and attachments first, then project by project, the whole dossier's sums last.
                first = pos[0] if pos and path.startswith("projects/") else (-1 if path else 10**9)
                key = (first, pos[1] if len(pos) > 1 else -1, order)
                keyed.append(
                    (
                        key,
                        PortalField(
                            field_id,
                            spec.label,
                            _group(dossier, path),
                            copy_text,
                            fmt.display(spec.type, value, copy_text),
                            limit,
                            unverified,
                        ),
                    )
                )
        keyed.sort(key=lambda item: item[0])  # stable
        steps.append(PortalStep(step.id, number, step.title, step.hint, tuple(f for _, f in keyed)))
    return steps


def all_field_ids(steps: list[PortalStep]) -> set[str]:
    return {f.id for step in steps for f in step.fields}


def unmapped_fields(model: type[BaseModel], prefix: str, pmap: PortalMap, skip: tuple[str, ...] = ()) -> list[str]:
    """Leaf fields of ``model`` (under ``prefix``) that no step of the map names: a test keeps it empty."""
    named = {spec.path for step in pmap.steps for spec in step.fields}

    def inner(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
        origin = get_origin(annotation)
        if origin in (list, tuple):
            m, _ = inner(get_args(annotation)[0])
            return m, True
        if origin in (typing.Union, types.UnionType, typing.Annotated):
            for arg in get_args(annotation):
                m, in_list = inner(arg)
                if m is not None:
                    return m, in_list
            return None, False
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation, False
        return None, False

    missing = []
    for name, info in model.model_fields.items():
        path = f"{prefix}/{name}"
        if name in skip:
            continue
        sub, in_list = inner(info.annotation)
        if sub is None:
            if path not in named:
                missing.append(path)
        else:
            missing.extend(unmapped_fields(sub, f"{path}/*" if in_list else path, pmap))
    return missing


# --- the year's submission facts --------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A dated event of the programme year with its source."""

    title: str
    start: dt.date
    end: dt.date | None  # inclusive; None for a one-day event
    citation: str
    note: str = ""


def year_deadlines(pack: RulePack) -> list[Deadline]:
    """Submission deadline, realisation period and settlement (where the map has it), in date order."""
    pmap = portal_map(pack.key)
    short = f"Program prevence kriminality {pack.year}" + (f", {pack.round}. kolo" if pack.round else "")
    out = [
        Deadline(
            f"Termín podání žádosti – {short}",
            pack.deadline.value,
            None,
            pack.deadline.citation,
            "Žádost z portálu RISPF podepsaná statutárním zástupcem, odeslaná datovou schránkou ministerstvu.",
        )
    ]
    real = pmap.realisation.value
    start = dt.date.fromisoformat(f"{pack.year}-{real.from_}")
    end = dt.date.fromisoformat(f"{pack.year + real.to_year_offset}-{real.to}")
    out.append(
        Deadline(f"Období realizace projektů – {short}", start, end, pmap.realisation.citation, pmap.realisation.note)
    )
    settle = pmap.settlement_deadline
    if settle.value is not None:
        out.append(Deadline(f"Vyúčtování dotace – {short}", settle.value, None, settle.citation, settle.note))
    return sorted(out, key=lambda d: d.start)
