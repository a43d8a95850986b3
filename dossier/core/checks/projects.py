"""Project cards (§6 points 5–7, 18, 19): titles, priorities, investment, narrative, period, years."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import format_date, year_spans
from ..labels import PROJECT_FIELDS
from ..model import NARRATIVE_FIELDS, BudgetType, Project
from ..paths import path_of, project_path
from .base import (
    CITE_FORMAL,
    CITE_PERIOD,
    CITE_PROJECT,
    CITE_YEAR,
    ERROR,
    WARNING,
    Context,
    Finding,
    check,
    project_check,
    where,
)


@check
def project_list(ctx: Context) -> Iterator[Finding]:
    if not ctx.dossier.projects:
        yield Finding(ERROR, "NO_PROJECTS", "projects", "Žádost neobsahuje žádný projekt.", CITE_FORMAL)
    seen: set[str] = set()
    for p in ctx.dossier.projects:
        if p.id in seen:
            yield Finding(
                ERROR, "DUPLICATE_ID", project_path(p.id, "id"), f"Označení projektu {p.id} se opakuje.", CITE_FORMAL
            )
        seen.add(p.id)


@project_check
def project_basics(ctx: Context, p: Project) -> Iterator[Finding]:
    pack = ctx.pack
    base = project_path(p.id)
    if not p.title.strip():
        yield Finding(ERROR, "TITLE_MISSING", path_of(base, "title"), f"Projekt {p.id} nemá název.", CITE_PROJECT)
    if not p.priority:
        yield Finding(
            ERROR,
            "PRIORITY_MISSING",
            path_of(base, "priority"),
            f"{where(p)}: vyberte prioritu programu.",
            pack.priorities.citation,
        )
    elif p.priority not in pack.priorities.codes:
        yield Finding(
            ERROR,
            "PRIORITY_UNKNOWN",
            path_of(base, "priority"),
            f"{where(p)}: priorita „{p.priority}“ není v seznamu priorit roku {pack.key}.",
            pack.priorities.citation,
        )
    if p.budget_type == BudgetType.INV and not pack.investment_allowed.value:
        yield Finding(
            ERROR,
            "INVESTMENT_NOT_ALLOWED",
            path_of(base, "budget_type"),
            f"{where(p)}: v roce {pack.key} program nepodporuje investiční projekty.",
            pack.investment_allowed.citation,
        )
    for name in ("target_group", "locality", "implementing_body"):
        if not getattr(p, name).strip():
            yield Finding(
                WARNING,
                "FIELD_MISSING",
                path_of(base, name),
                f"{where(p)}: vyplňte pole {PROJECT_FIELDS[name]}.",
                CITE_PROJECT,
            )


@project_check
def narrative(ctx: Context, p: Project) -> Iterator[Finding]:
    limits = ctx.pack.text_limits
    for name in ("problem", "goals", "activities", "outputs", "evaluation"):
        if not getattr(p, name).strip():
            yield Finding(
                WARNING,
                "NARRATIVE_MISSING",
                project_path(p.id, name),
                f"{where(p)}: chybí {PROJECT_FIELDS[name].lower()}.",
                CITE_PROJECT,
            )
    for name in NARRATIVE_FIELDS:
        limit = limits.value.get(name)
        length = len(getattr(p, name))
        if limit and length > limit:
            yield Finding(
                WARNING,
                "TEXT_TOO_LONG",
                project_path(p.id, name),
                f"{where(p)}: {PROJECT_FIELDS[name]} má {length} znaků, limit je {limit}.",
                limits.citation,
            )


@project_check
def period(ctx: Context, p: Project) -> Iterator[Finding]:
    year = ctx.year
    base = project_path(p.id)
    if p.date_from is None or p.date_to is None:
        yield Finding(
            WARNING,
            "PERIOD_MISSING",
            path_of(base, "date_from"),
            f"{where(p)}: uveďte termín realizace (od–do).",
            CITE_PERIOD,
        )
        return
    if p.date_from > p.date_to:
        yield Finding(
            ERROR,
            "PERIOD_ORDER",
            path_of(base, "date_to"),
            f"{where(p)}: konec realizace je před jejím začátkem.",
            CITE_PERIOD,
        )
    for name, value in (("date_from", p.date_from), ("date_to", p.date_to)):
        if value.year != year and p.multi_year is None:
            yield Finding(
                ERROR,
                "PERIOD_OUTSIDE_YEAR",
                path_of(base, name),
                f"{where(p)}: datum {format_date(value)} nespadá do roku {year}.",
                CITE_PERIOD,
            )


@project_check
def title_year(ctx: Context, p: Project) -> Iterator[Finding]:
    year = ctx.year
    for first, last in year_spans(p.title):
        if (first, last) != (year, year) and not (p.multi_year and first <= year <= last):
            shown = str(first) if first == last else f"{first}–{last}"
            yield Finding(
                WARNING,
                "TITLE_YEAR",
                project_path(p.id, "title"),
                f"{where(p)}: název uvádí rok {shown}, žádost je na rok {year}.",
                CITE_YEAR,
            )
