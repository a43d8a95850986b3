"""Roll-forward output pinned byte for byte: the dossier, every report entry and the report text.

The digests in ``tests/data/rollover-pinned.json`` were taken from the engine before it was made
faster; a change to the policy, the transforms or the report that is meant changes them on
purpose: ``python -m tests.formats.test_rollover_pinned`` writes them anew.
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dossier.bench.generate import make_dossier
from dossier.core.checks import run_checks
from dossier.core.model import Dossier
from dossier.core.rollover.report import render_text
from dossier.core.rules import all_packs, next_year
from dossier.formats import native
from dossier.formats.rollover import RolloverResult, rollover

ROOT = Path(__file__).resolve().parent.parent.parent
PINNED = ROOT / "tests" / "data" / "rollover-pinned.json"
ENTRY_FIELDS = ("kind", "path", "label", "old", "new", "reason", "review", "fit", "short")


def _sample(year: int) -> Dossier:
    return native.load(ROOT / "resources" / "examples" / f"plzen-{year}.dossier")


def _with_years_in_texts() -> Dossier:
    """A generated dossier whose texts, titles and lines name the old year, with marks left from before."""
    dossier = make_dossier(4, 12, 2020)
    for project in dossier.projects:
        project.title = f"{project.title} 2019–2020"
        project.goals = "Navazuje na rok 2020 a plán 2020–2022."
        project.budget[1].text = "Služby v roce 2020"
        project.budget[2].text = "Materiál 2019/2020"
        project.budget[3].category = "NEZNAMA"
        project.budget[4].quantity = Decimal("0.25")
    dossier.review = {"projects/P1/title": "převzato z roku 2019 – nezkontrolováno"}
    return dossier


def _targets(year: int) -> list[str]:
    keys = [p.key for p in sorted(all_packs().values(), key=lambda p: (p.year, p.round)) if p.year >= year]
    return [key for key in keys if key != str(year)] + [str(next_year())]


def _cases() -> dict[str, tuple]:
    """name → (source, year, round, project ids)"""
    cases: dict[str, tuple] = {}
    for year in (2020, 2021):
        for key in _targets(year):
            target, _, round_ = key.partition("-")
            cases[f"plzen-{year} → {key}"] = (lambda y=year: _sample(y), int(target), round_, None)
    cases["plzen-2020 → 2021, P1 and P3"] = (lambda: _sample(2020), 2021, "", ["P3", "P1"])
    cases["generated 3 × 10 → 2021"] = (lambda: make_dossier(3, 10, 2020), 2021, "", None)
    cases["years in texts → 2021"] = (_with_years_in_texts, 2021, "", None)
    cases["years in texts → 2023"] = (_with_years_in_texts, 2023, "", None)
    return cases


def fingerprint(result: RolloverResult) -> str:
    """Everything a roll-forward hands over, as text: the saved dossier and the whole report."""
    report = result.report
    without_findings = copy.copy(report)  # the checks count from today; the test below compares them
    without_findings.findings = []
    parts = [
        native.dumps(result.dossier).decode("utf-8"),
        repr(result.dossier.review),
        *(repr(tuple(getattr(entry, name) for name in ENTRY_FIELDS)) for entry in report.entries),
        repr((report.source_name, report.old_key, report.new_key, report.review_note)),
        repr((report.projects_taken, report.projects_left, report.notes, report.project_notes())),
        render_text(without_findings),
    ]
    return "\n".join(parts)


def _roll(name: str, keep_last: bool = True) -> RolloverResult:
    source, year, round_, project_ids = _cases()[name]
    return rollover(source(), year, round_, project_ids=project_ids, source_name=f"{name}.dossier", keep_last=keep_last)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("keep_last", [True, False], ids=["copied", "lines moved"])
@pytest.mark.parametrize("name", list(_cases()))
def test_roll_forward_output_is_unchanged(name, keep_last):
    assert _digest(fingerprint(_roll(name, keep_last))) == json.loads(PINNED.read_text(encoding="utf-8"))[name]


def test_the_report_carries_the_checks_of_the_new_dossier():
    result = _roll("plzen-2021 → 2022")
    assert result.report.findings == run_checks(result.dossier)


if __name__ == "__main__":  # write the digests anew (and the texts, to compare, into the folder given)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    digests = {}
    for case in _cases():
        text = fingerprint(_roll(case))
        digests[case] = _digest(text)
        if out:
            (out / f"{_digest(case)[:12]}.txt").write_text(text, encoding="utf-8")
    PINNED.write_text(json.dumps(digests, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
