"""The grant year: the budget against the award, and the spending ledger against the budget and rules.

Each check reads one project, the year and the rule pack (``@project_check``): an edit re-runs
them only for its project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import format_date
from ..grant_totals import ProjectLedger, project_ledger
from ..model import Project
from ..money import format_money, format_percent
from ..paths import path_of, project_path
from ..rules import grant_deadlines
from .base import (
    CITE_BUDGET,
    CITE_INELIGIBLE,
    CITE_PERIOD,
    ERROR,
    INFO,
    WARNING,
    Context,
    Finding,
    project_check,
    where,
)

CITE_AWARD = "Rozhodnutí o poskytnutí dotace – dotaci lze použít jen do výše přiznané částky"


def realisation_period(ctx: Context, project: Project) -> tuple[dt.date, dt.date]:
    """The project's dates, else the programme's calendar year; never beyond the award's deadline."""
    start = project.date_from or dt.date(ctx.year, 1, 1)
    end = project.date_to or dt.date(ctx.year, 12, 31)
    use_by = project.grant.award.use_by if project.grant else None
    return start, min(end, use_by) if use_by else end


@project_check
def award_and_budget(ctx: Context, p: Project) -> Iterator[Finding]:
    award = p.grant.award if p.grant else None
    if award is None or award.amount is None:
        return
    requested = project_ledger(p, ctx.pack).planned.requested
    path = project_path(p.id, "grant", "award", "amount")
    if requested > award.amount:
        # A to-do after the decision rather than a defect: the dialog does it in one step.
        yield Finding(
            INFO,
            "BUDGET_OVER_AWARD",
            path,
            f"{where(p)}: rozpočet počítá s dotací {format_money(requested)}, přiznáno je "
            f"{format_money(award.amount)}; upravte rozpočet podle přiznané dotace (karta Dotace a čerpání).",
            CITE_AWARD,
        )
    elif requested < award.amount:
        yield Finding(
            WARNING,
            "SUBSIDY_UNUSED",
            path,
            f"{where(p)}: rozpočet čerpá z dotace jen {format_money(requested)} z přiznaných "
            f"{format_money(award.amount)}; {format_money(award.amount - requested)} by na konci "
            "roku zůstalo nevyčerpáno a vracelo by se.",
            CITE_PERIOD,
        )


@project_check
def ledger(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.grant is None or not p.grant.payments:
        return
    lg = project_ledger(p, ctx.pack)
    yield from _payments(ctx, p)
    yield from _lines(p, lg)
    yield from _project(ctx, p, lg)


def _payments(ctx: Context, p: Project) -> Iterator[Finding]:
    start, end = realisation_period(ctx, p)
    assert p.grant is not None  # only projects with a grant are checked here
    for i, pay in enumerate(p.grant.payments):
        base = project_path(p.id, "grant", "payments", i)
        row = f"{where(p)}, platba {i + 1}" + (f" ({pay.document})" if pay.document else "")
        if pay.line is None or pay.line >= len(p.budget):
            yield Finding(
                WARNING,
                "PAYMENT_NO_LINE",
                path_of(base, "line"),
                f"{row}: platba není přiřazena k žádnému řádku rozpočtu; přiřaďte ji.",
                CITE_BUDGET,
            )
        elif not p.budget[pay.line].eligible and pay.source.value == "dotace":
            yield Finding(
                ERROR,
                "PAYMENT_INELIGIBLE_SUBSIDY",
                path_of(base, "source"),
                f"{row}: neuznatelný náklad nelze hradit z dotace; hraďte ho z vlastních zdrojů.",
                CITE_INELIGIBLE,
            )
        if pay.date is None:
            yield Finding(WARNING, "PAYMENT_NO_DATE", path_of(base, "date"), f"{row}: chybí datum platby.", CITE_PERIOD)
        elif not start <= pay.date <= end:
            yield Finding(
                ERROR,
                "PAYMENT_OUTSIDE_PERIOD",
                path_of(base, "date"),
                f"{row}: platba ze dne {format_date(pay.date)} je mimo dobu realizace "
                f"{format_date(start)} – {format_date(end)}; takový náklad není uznatelný – opravte datum "
                "nebo platbu z evidence vyřaďte.",
                CITE_PERIOD,
            )
        if pay.amount <= 0:
            yield Finding(
                ERROR,
                "PAYMENT_NOT_POSITIVE",
                path_of(base, "amount"),
                f"{row}: částka platby musí být kladná.",
                CITE_BUDGET,
            )


def _lines(p: Project, lg: ProjectLedger) -> Iterator[Finding]:
    for ln in lg.lines:
        base = project_path(p.id, "budget", ln.index)
        row = f"{where(p)}, řádek {ln.index + 1} „{ln.line.text}“"
        if ln.drawn.total > ln.planned:
            yield Finding(
                WARNING,
                "LINE_OVERSPENT",
                path_of(base, "unit_price"),
                f"{row}: čerpáno {format_money(ln.drawn.total)}, rozpočet je {format_money(ln.planned)} "
                f"(překročeno o {format_money(ln.drawn.total - ln.planned)}).",
                CITE_BUDGET,
            )
        if ln.drawn.subsidy > ln.line.requested:
            yield Finding(
                WARNING,
                "LINE_SUBSIDY_OVER",
                path_of(base, "requested"),
                f"{row}: z dotace čerpáno {format_money(ln.drawn.subsidy)}, rozpočet řádku počítá "
                f"s dotací {format_money(ln.line.requested)}.",
                CITE_BUDGET,
            )


def _project(ctx: Context, p: Project, lg: ProjectLedger) -> Iterator[Finding]:
    path = project_path(p.id, "grant", "payments")
    drawn = lg.drawn
    if lg.awarded is not None and drawn.subsidy > lg.awarded:
        yield Finding(
            ERROR,
            "SUBSIDY_OVER_AWARD",
            path,
            f"{where(p)}: z dotace čerpáno {format_money(drawn.subsidy)}, přiznáno je jen {format_money(lg.awarded)}.",
            CITE_AWARD,
        )
    if drawn.subsidy > lg.subsidy_cap:
        rule = ctx.pack.max_subsidy_rate_residential if p.residential else ctx.pack.max_subsidy_rate
        share = drawn.subsidy / lg.eligible_actual if lg.eligible_actual else None
        yield Finding(
            WARNING,
            "SUBSIDY_SHARE_OVER_CAP",
            path,
            f"{where(p)}: dotace tvoří {format_percent(share)} skutečných uznatelných nákladů "
            f"{format_money(lg.eligible_actual)}; nejvýše lze {format_percent(lg.max_rate, 0)}, tj. "
            f"{format_money(lg.subsidy_cap)}. Doplňte platby z vlastních zdrojů.",
            rule.citation,
        )
    if lg.awarded is not None and lg.to_return > 0:
        settlement, _ = grant_deadlines(ctx.pack)
        yield Finding(
            INFO,
            "SUBSIDY_TO_RETURN",
            path,
            f"{where(p)}: z přiznané dotace {format_money(lg.awarded)} je zatím použito "
            f"{format_money(lg.subsidy_used)}; nevyčerpaných {format_money(lg.to_return)} se vrací při "
            f"vyúčtování do {format_date(settlement.value)}.",
            settlement.citation,
        )
