"""Roll-forward transforms that use last year's actual spending (the ledger) instead of the plan.

Wages are where the plan is most often wrong and the ledger most reliable: a wage line's unit
price and an assistant's monthly cost become the year's actual cost per unit when the ledger
shows a different figure; the value is marked for review with the planned and actual figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import paths
from ..money import format_money, round_money
from .transforms import Context, Outcome, silent_when, transform

#: Budget categories of pay, where actual cost per unit carries over better than the plan.
WAGE_CATEGORIES = ("OSOBNI_MZDY", "OPPP")


def _actual_unit_cost(ctx: Context, project_id: str, index: int) -> Decimal | None:
    """Paid amount per unit paid for, from the payments of a wage line that state their quantity."""
    project = ctx.old_project_by_id(project_id)
    if project.grant is None or index >= len(project.budget):
        return None
    if project.budget[index].category not in WAGE_CATEGORIES:
        return None
    counted = [p for p in project.grant.payments if p.line == index and p.quantity]
    # A payroll split into subsidy and own-funds payments states its quantity once per document.
    units = {(p.document, p.date): p.quantity for p in counted if p.quantity is not None}
    quantity = sum(units.values(), Decimal(0))
    amount = sum(
        (p.amount for p in project.grant.payments if p.line == index and (p.document, p.date) in units), Decimal(0)
    )
    return round_money(amount / quantity) if quantity > 0 and amount > 0 else None


def _outcome(ctx: Context, planned: Decimal, actual: Decimal | None, unit: str) -> Outcome | None:
    if actual is None or actual == planned:
        return None
    return Outcome(
        actual,
        reason=f"skutečnost roku {ctx.old_year} {format_money(actual)}/{unit} "
        f"místo plánovaných {format_money(planned)}",
        review=True,
    )


def _no_ledger(ctx: Context, project_id: str) -> bool:
    return ctx.old_project_by_id(project_id).grant is None  # nothing spent yet: most lines of most dossiers


@silent_when(_no_ledger)
def actual_unit_price(ctx: Context, path: str, value: Any) -> Outcome | None:
    parts = path.split("/")  # projects/P2/budget/0/unit_price, as the engine made it
    if _no_ledger(ctx, parts[1]):
        return None
    line = ctx.old_project_by_id(parts[1]).budget[int(parts[3])]
    return _outcome(ctx, value, _actual_unit_cost(ctx, parts[1], int(parts[3])), line.unit or "j.")


@transform
def actual_apk_pay(ctx: Context, path: str, value: Any) -> Outcome | None:
    """An assistant's monthly cost from the project's wage line, when it is paid by the month."""
    project_id = paths.split(path)[1]  # projects/P2/apk/staff/0/monthly_cost
    project = ctx.old_project_by_id(project_id)
    for index, line in enumerate(project.budget):
        if line.category == "OSOBNI_MZDY" and line.unit.strip().lower().startswith("měs") and line.unit_price == value:
            return _outcome(ctx, value, _actual_unit_cost(ctx, project_id, index), "měsíc")
    return None
