"""Budgets (§6 points 8–12): lines, categories, eligibility, item limits, rate and rounding."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_FLOOR

from ..model import Project
from ..money import HALER, format_money, format_percent
from ..paths import path_of, project_path
from ..rules import CodeItem
from ..totals import ZERO, line_total, project_totals
from .base import CITE_BUDGET, CITE_INELIGIBLE, ERROR, WARNING, Context, Finding, project_check, where


@project_check
def budget_lines(ctx: Context, p: Project) -> Iterator[Finding]:
    categories = ctx.pack.categories
    by_code = {item.code: item for item in categories.items}
    oppp_cap = ctx.pack.oppp_hourly_cap.value
    budget = project_path(p.id, "budget")
    if not p.budget:
        yield Finding(ERROR, "BUDGET_EMPTY", budget, f"{where(p)}: rozpočet je prázdný.", CITE_BUDGET)
        return
    # A 300 × 100 dossier has 30 000 lines, nearly all without a finding: a quick look lets
    # through every line that may have one (and a few more) to ``_line_findings``, which states the
    # checks in full and makes a line's paths and texts only then.
    for i, line in enumerate(p.budget):
        item = by_code.get(line.category)
        quantity, unit_price, requested = line.quantity, line.unit_price, line.requested
        if (
            item is None
            or not line.category.strip()
            or (item.budget_type and item.budget_type != p.budget_type)
            or not line.text.strip()
            or quantity < ZERO
            or unit_price < ZERO
            or requested < ZERO
            or requested + HALER > quantity * unit_price  # the rounded total is at most ½ haléř less
            or (not line.eligible and requested > 0)
            or (oppp_cap is not None and line.category == "OPPP")
        ):
            yield from _line_findings(ctx, p, i, item, path_of(budget, i), f"{where(p)}, řádek {i + 1}")


def _line_findings(ctx: Context, p: Project, i: int, item: CodeItem | None, base: str, row: str) -> Iterator[Finding]:
    line = p.budget[i]
    categories = ctx.pack.categories
    oppp_cap = ctx.pack.oppp_hourly_cap
    if not line.text.strip():
        yield Finding(ERROR, "LINE_TEXT_MISSING", path_of(base, "text"), f"{row}: chybí název položky.", CITE_BUDGET)
    if not line.category.strip():
        yield Finding(
            ERROR,
            "CATEGORY_MISSING",
            path_of(base, "category"),
            f"{row}: chybí kategorie nákladu – vyberte ji ze seznamu roku {ctx.pack.key}.",
            categories.citation,
        )
    elif item is None:
        yield Finding(
            ERROR,
            "CATEGORY_UNKNOWN",
            path_of(base, "category"),
            f"{row}: kategorie „{line.category or '–'}“ není v seznamu roku {ctx.pack.key}.",
            categories.citation,
        )
    elif item.budget_type and item.budget_type != p.budget_type:
        yield Finding(
            WARNING,
            "CATEGORY_BUDGET_TYPE",
            path_of(base, "category"),
            f"{row}: kategorie „{item.name}“ patří do jiného typu rozpočtu než projekt.",
            categories.citation,
        )
    for name in ("quantity", "unit_price", "requested"):
        if getattr(line, name) < 0:
            yield Finding(ERROR, "NEGATIVE_AMOUNT", path_of(base, name), f"{row}: záporná hodnota.", CITE_BUDGET)
    total = line_total(line)
    if line.requested > total >= 0:
        yield Finding(
            ERROR,
            "REQUESTED_OVER_TOTAL",
            path_of(base, "requested"),
            f"{row}: dotace {format_money(line.requested)} je vyšší než náklady {format_money(total)}.",
            CITE_BUDGET,
        )
    if not line.eligible and line.requested > 0:
        yield Finding(
            ERROR,
            "INELIGIBLE_REQUESTED",
            path_of(base, "requested"),
            f"{row}: na neuznatelný náklad nelze žádat dotaci.",
            CITE_INELIGIBLE,
        )
    if (
        oppp_cap.value is not None
        and line.category == "OPPP"
        and line.unit.strip().lower().rstrip(".") in {"h", "hod", "hodina", "hodin"}
        and line.unit_price > oppp_cap.value
    ):
        yield Finding(
            ERROR,
            "OPPP_HOURLY_CAP",
            path_of(base, "unit_price"),
            f"{row}: sazba {format_money(line.unit_price)}/h překračuje limit {format_money(oppp_cap.value)}/h.",
            oppp_cap.citation,
        )


@project_check
def budget_totals(ctx: Context, p: Project) -> Iterator[Finding]:
    pack = ctx.pack
    multiple = pack.amount_multiple
    totals = project_totals(p)
    path = project_path(p.id, "budget")
    rule = pack.max_subsidy_rate_residential if p.residential else pack.max_subsidy_rate
    limit = (rule.value * totals.eligible).to_integral_value(rounding=ROUND_FLOOR)
    if totals.requested > limit:
        yield Finding(
            ERROR,
            "RATE_EXCEEDED",
            path,
            f"{where(p)}: dotace {format_money(totals.requested)} je {format_percent(totals.rate)} "
            f"uznatelných nákladů; nejvýše lze {format_percent(rule.value, 0)}, tj. {format_money(limit)}.",
            rule.citation,
        )
    if totals.requested != totals.requested.to_integral_value():
        yield Finding(
            ERROR,
            "NOT_WHOLE_CZK",
            path,
            f"{where(p)}: požadovaná dotace {format_money(totals.requested)} není v celých korunách.",
            multiple.citation,
        )
    elif multiple.value and totals.requested % multiple.value:
        yield Finding(
            WARNING,
            "NOT_ROUNDED",
            path,
            f"{where(p)}: požadovaná dotace {format_money(totals.requested)} není zaokrouhlena "
            f"na celé {multiple.value} Kč.",
            multiple.citation,
        )
