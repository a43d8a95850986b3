"""Re-budgeting a project to its awarded subsidy: a proposal the user reviews, then applies in one step.

Two proportional proposals:

* ``SUBSIDY`` – keep the costs, cut each line's subsidy in proportion; the own share grows.
* ``COSTS`` – cut the costs and the subsidy of every line in proportion (the project shrinks,
  each line keeps its subsidy share).

Subsidies are whole crowns; the crowns lost to rounding go to the lines with the largest
remainders, so the project's subsidy equals the award exactly. The user may change any
proposed figure before applying; ``preview`` re-checks the year's rules on the new figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import Enum
from typing import TYPE_CHECKING

from .model import BudgetLine, Dossier
from .money import round_money
from .paths import project_path
from .severity import Severity
from .totals import ZERO, ProjectTotals, project_totals

if TYPE_CHECKING:  # checks import this module's callers; only the type is needed here
    from .checks.base import Finding


class Mode(str, Enum):
    SUBSIDY = "subsidy"
    COSTS = "costs"


MODE_LABELS = {
    Mode.SUBSIDY: "Zachovat náklady, snížit dotaci (vlastní podíl vzroste)",
    Mode.COSTS: "Snížit náklady i dotaci ve stejném poměru",
}


@dataclass(frozen=True)
class LineChange:
    index: int
    unit_price: Decimal
    requested: Decimal


def _share_out(weights: list[Decimal], target: Decimal) -> list[Decimal]:
    """``target`` whole crowns split in proportion to ``weights`` (largest remainder)."""
    total = sum(weights, ZERO)
    if total <= 0:
        return [ZERO for _ in weights]
    exact = [w * target / total for w in weights]
    floors = [e.to_integral_value(rounding=ROUND_FLOOR) for e in exact]
    left = int(target - sum(floors, ZERO))
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[: max(left, 0)]:
        floors[i] += 1
    return [f.quantize(Decimal("0.01")) for f in floors]


def propose(lines: list[BudgetLine], award: Decimal, mode: Mode) -> list[LineChange]:
    """New unit prices and subsidies so that the lines' subsidy equals ``award`` (never raises it)."""
    requested = sum((ln.requested for ln in lines), ZERO)
    if requested <= 0 or award >= requested:
        return [LineChange(i, ln.unit_price, ln.requested) for i, ln in enumerate(lines)]
    factor = award / requested
    new_requested = _share_out([ln.requested for ln in lines], award.to_integral_value(rounding=ROUND_FLOOR))
    changes = []
    for i, (line, subsidy) in enumerate(zip(lines, new_requested)):
        price = line.unit_price
        if mode is Mode.COSTS and line.quantity:
            # Prices round up (to whole crowns when they were whole), so the costs never fall below
            # the proportion and the subsidy's share of them stays within the year's maximum rate.
            step = Decimal("1") if line.unit_price == line.unit_price.to_integral_value() else Decimal("0.01")
            price = (line.unit_price * factor / step).to_integral_value(rounding=ROUND_CEILING) * step
            price = price.quantize(Decimal("0.01"))
            while round_money(line.quantity * price) < subsidy:  # a tiny quantity × price below the subsidy
                price += step
        changes.append(LineChange(i, price, subsidy))
    return changes


def applied(lines: list[BudgetLine], changes: list[LineChange]) -> list[BudgetLine]:
    """Copies of ``lines`` with ``changes`` applied (for the preview)."""
    result = [ln.model_copy() for ln in lines]
    for change in changes:
        line = result[change.index]
        line.unit_price, line.requested = change.unit_price, change.requested
    return result


def preview(dossier: Dossier, project_id: str, changes: list[LineChange]) -> tuple[ProjectTotals, list[Finding]]:
    """The project's totals and the findings of the year's rules on the proposed figures."""
    from .checks import run_checks  # imports every check module: only when a preview is asked for

    trial = dossier.model_copy(deep=True)
    project = trial.project(project_id)
    project.budget = applied(project.budget, changes)
    prefix = project_path(project_id) + "/"
    findings = [f for f in run_checks(trial) if f.path.startswith(prefix) and f.severity != Severity.INFO]
    return project_totals(project), findings
