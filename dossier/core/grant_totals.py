"""Figures of the grant year: awarded, drawn (spent) per line, category and project, used, to return.

Like ``totals.py`` for the application, this is the one place where payments are added up; the
settlement workbook, the final report, the check panel and ``check --json`` all ask it.

Settlement rule (the same formulas the workbook writes): the subsidy that counts as used is the
least of the subsidy drawn, the award, and the year's maximum rate of the actual eligible costs
(rounded down to whole crowns); the rest of the award is returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from .grant import FundingSource, Payment
from .model import BudgetLine, Dossier, Project
from .rules import RulePack, rules_for
from .totals import ZERO, ProjectTotals, _amount, line_total, project_totals, totals_json


@dataclass(frozen=True)
class Drawn:
    subsidy: Decimal = ZERO
    own: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.subsidy + self.own

    def __add__(self, other: Drawn) -> Drawn:
        return Drawn(self.subsidy + other.subsidy, self.own + other.own)


def payment_drawn(payment: Payment) -> Drawn:
    if payment.source == FundingSource.SUBSIDY:
        return Drawn(subsidy=payment.amount)
    return Drawn(own=payment.amount)


@dataclass(frozen=True)
class LineLedger:
    index: int
    line: BudgetLine
    drawn: Drawn

    @property
    def planned(self) -> Decimal:
        return line_total(self.line)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.drawn.total


@dataclass(frozen=True)
class ProjectLedger:
    project_id: str
    title: str
    awarded: Decimal | None
    planned: ProjectTotals
    lines: tuple[LineLedger, ...]
    #: Payments whose line is missing (not assigned, or the line was removed).
    unassigned: Drawn
    max_rate: Decimal
    #: Category code → (planned total, drawn total).
    by_category: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)

    @property
    def drawn(self) -> Drawn:
        total = self.unassigned
        for line in self.lines:
            total += line.drawn
        return total

    @property
    def eligible_actual(self) -> Decimal:
        """Actual costs on eligible lines (unassigned payments are not counted until assigned)."""
        return sum((ln.drawn.total for ln in self.lines if ln.line.eligible), ZERO)

    @property
    def subsidy_cap(self) -> Decimal:
        return (self.max_rate * self.eligible_actual).to_integral_value(rounding=ROUND_FLOOR)

    @property
    def subsidy_used(self) -> Decimal:
        return min(self.drawn.subsidy, self.awarded or ZERO, self.subsidy_cap)

    @property
    def to_return(self) -> Decimal:
        return (self.awarded or ZERO) - self.subsidy_used


def max_rate(project: Project, pack: RulePack) -> Decimal:
    return (pack.max_subsidy_rate_residential if project.residential else pack.max_subsidy_rate).value


def project_ledger(project: Project, pack: RulePack) -> ProjectLedger:
    grant = project.grant
    drawn = [Drawn() for _ in project.budget]
    unassigned = Drawn()
    for payment in grant.payments if grant else ():
        if payment.line is not None and payment.line < len(drawn):
            drawn[payment.line] += payment_drawn(payment)
        else:
            unassigned += payment_drawn(payment)
    lines = tuple(LineLedger(i, line, d) for i, (line, d) in enumerate(zip(project.budget, drawn)))
    by_category: dict[str, tuple[Decimal, Decimal]] = {}
    for ln in lines:
        planned, actual = by_category.get(ln.line.category, (ZERO, ZERO))
        by_category[ln.line.category] = (planned + ln.planned, actual + ln.drawn.total)
    return ProjectLedger(
        project.id,
        project.title,
        grant.award.amount if grant else None,
        project_totals(project),
        lines,
        unassigned,
        max_rate(project, pack),
        by_category,
    )


def has_grant(dossier: Dossier) -> bool:
    return any(p.grant is not None for p in dossier.projects)


def dossier_ledgers(dossier: Dossier) -> list[ProjectLedger]:
    pack = rules_for(dossier.year, dossier.round).pack
    return [project_ledger(p, pack) for p in dossier.projects]


def awarded_total(ledgers: list[ProjectLedger]) -> Decimal:
    return sum((lg.awarded or ZERO for lg in ledgers), ZERO)


def _figures(lg: ProjectLedger | None, ledgers: list[ProjectLedger]) -> dict[str, Any]:
    chosen = [lg] if lg else ledgers
    drawn = Drawn()
    for one in chosen:
        drawn += one.drawn
    return {
        "awarded": _amount(awarded_total(chosen)),
        "drawn": _amount(drawn.total),
        "drawn_subsidy": _amount(drawn.subsidy),
        "drawn_own": _amount(drawn.own),
        "subsidy_used": _amount(sum((one.subsidy_used for one in chosen), ZERO)),
        "to_return": _amount(sum((one.to_return for one in chosen), ZERO)),
    }


def totals_with_grant(dossier: Dossier) -> dict[str, Any]:
    """``totals_json`` plus, when the dossier carries an award, the grant year's figures.

    Adds ``awarded``, ``drawn``, ``drawn_subsidy``, ``drawn_own``, ``subsidy_used``, ``to_return``
    to the totals and to each project, and ``submitted`` (total, requested, own) from the frozen
    application when there is one.
    """
    data = totals_json(dossier)
    if not has_grant(dossier) and dossier.submitted is None:
        return data
    ledgers = dossier_ledgers(dossier)
    data.update(_figures(None, ledgers))
    for entry, lg in zip(data["projects"], ledgers):
        entry.update(_figures(lg, ledgers))
    if dossier.submitted is not None:
        submitted = totals_json(dossier.submitted.application)
        data["submitted"] = {key: submitted[key] for key in ("total", "requested", "own")}
    return data
