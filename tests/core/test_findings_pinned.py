"""Findings pinned byte for byte (severity, code, path, message, citation and their order).

The digests in ``tests/data/findings-pinned.json`` were taken before the checks were made
faster; a change to a check that is meant changes them on purpose:
``python -m tests.core.test_findings_pinned`` writes them anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from dossier.bench.generate import make_dossier
from dossier.core.checks import CheckRunner, run_checks
from dossier.core.model import Dossier
from dossier.formats import native
from dossier.formats.rollover import rollover

ROOT = Path(__file__).resolve().parent.parent.parent
PINNED = ROOT / "tests" / "data" / "findings-pinned.json"
TODAY = dt.date(2026, 3, 1)


def _sample(year: int) -> Callable[[], Dossier]:
    return lambda: native.load(ROOT / "resources" / "examples" / f"plzen-{year}.dossier")


def _broken() -> Dossier:
    """A generated dossier with budget lines that trip every line and total check."""
    dossier = make_dossier(4, 12)
    lines = dossier.projects[1].budget
    lines[0].text = ""
    lines[1].category = ""
    lines[2].category = "NEZNAMA"
    lines[3].quantity = Decimal("-1")
    lines[4].requested = lines[4].unit_price * lines[4].quantity + 100
    lines[5].eligible = False
    lines[7].requested = Decimal("10.50")
    # Totals that round: 0.5 × 2.01 = 1.005 → 1.01 and 0.3333 × 3 = 0.9999 → 1.00; asking the
    # rounded total is fine, a haléř more is not.
    cases = [("0.5", "2.01", "1.01"), ("0.5", "2.01", "1.02"), ("0.3333", "3", "1.00"), ("0.3333", "3", "1.01")]
    for line, (quantity, unit_price, requested) in zip(lines[8:12], cases, strict=True):
        line.quantity, line.unit_price, line.requested = Decimal(quantity), Decimal(unit_price), Decimal(requested)
    dossier.projects[2].budget[0].requested = Decimal("1000000")
    dossier.projects[2].title = ""
    dossier.projects[3].budget.clear()
    dossier.projects[3].priority = "99"
    return dossier


CASES: dict[str, Callable[[], Dossier]] = {
    "plzen-2020": _sample(2020),
    "plzen-2021": _sample(2021),
    "generated": lambda: make_dossier(12, 30),
    "broken": _broken,
    "rolled-over": lambda: rollover(make_dossier(5, 20, year=2020), 2021).dossier,
}


def _digest(dossier: Dossier) -> dict[str, object]:
    findings = run_checks(dossier, today=TODAY)
    text = "\n".join(json.dumps(f.as_dict(), ensure_ascii=False, sort_keys=True) for f in findings)
    return {"count": len(findings), "sha256": hashlib.sha256(text.encode()).hexdigest()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings_match_pinned(name: str) -> None:
    assert _digest(CASES[name]()) == json.loads(PINNED.read_text(encoding="utf-8"))[name]


def test_broken_dossier_reaches_budget_checks() -> None:
    """The pinned "broken" case is only worth pinning if its line and total checks fire."""
    codes = {f.code for f in run_checks(_broken(), today=TODAY)}
    expected = {"LINE_TEXT_MISSING", "CATEGORY_MISSING", "CATEGORY_UNKNOWN", "NEGATIVE_AMOUNT"}
    expected |= {"REQUESTED_OVER_TOTAL", "INELIGIBLE_REQUESTED", "BUDGET_EMPTY"}
    expected |= {"RATE_EXCEEDED", "NOT_WHOLE_CZK", "TITLE_MISSING", "PRIORITY_UNKNOWN"}
    assert expected <= codes


def test_runner_rerun_gives_the_same_findings() -> None:
    dossier = _broken()
    runner = CheckRunner()
    first = runner.run(dossier, today=TODAY)
    dossier.projects[1].budget[0].text = "Opraveno"
    again = runner.run(dossier, ["P2"], today=TODAY)
    assert again == run_checks(dossier, today=TODAY) != first


if __name__ == "__main__":  # pragma: no cover - rewrites the pinned digests on purpose
    PINNED.write_text(
        json.dumps({n: _digest(f()) for n, f in sorted(CASES.items())}, indent=1) + "\n", encoding="utf-8"
    )
    sys.exit(0)
