"""CheckRunner re-runs only the changed projects and still gives exactly what run_checks gives."""

from __future__ import annotations

from decimal import Decimal

from dossier.bench.generate import make_dossier
from dossier.core.checks import CheckRunner, run_checks


def test_incremental_runs_match_a_full_run_after_each_kind_of_change():
    dossier = make_dossier(5, 8)
    runner = CheckRunner()
    assert runner.run(dossier) == run_checks(dossier)
    assert runner.project_runs == 5

    dossier.project("P2").budget[1].requested = Decimal("999999")  # more than the line costs
    assert runner.run(dossier, {"P2"}) == run_checks(dossier)
    assert runner.project_runs == 6
    assert any(
        f.code == "REQUESTED_OVER_TOTAL" and f.path == "projects/P2/budget/1/requested"
        for f in runner.run(dossier, set())
    )
    assert runner.project_runs == 6, "nothing changed: nothing re-run"

    dossier.project("P3").id = "P9"  # the edit is reported under the old id
    assert runner.run(dossier, {"P3"}) == run_checks(dossier)
    dossier.projects.insert(0, dossier.projects.pop())  # moved: findings follow the new order
    assert runner.run(dossier, set()) == run_checks(dossier)
    del dossier.projects[1]
    assert runner.run(dossier, set()) == run_checks(dossier)
    dossier.year = 2024  # another year's rules: everything again
    before = runner.project_runs
    assert runner.run(dossier, set()) == run_checks(dossier)
    assert runner.project_runs == before + len(dossier.projects)


def test_review_findings_are_reused_while_marks_and_titles_stay():
    dossier = make_dossier(2, 3)
    dossier.review = {f"projects/P1/budget/{i}/unit_price": "převzato" for i in range(3)}
    runner = CheckRunner()
    first = [f for f in runner.run(dossier) if f.code == "REVIEW"]
    again = [f for f in runner.run(dossier, set()) if f.code == "REVIEW"]
    assert all(a is b for a, b in zip(first, again)) and len(first) == 3
    dossier.project("P1").title = "Nový název"
    renamed = [f for f in runner.run(dossier, {"P1"}) if f.code == "REVIEW"]
    assert renamed[0].message.startswith("Nový název – řádek 1 – ")
    assert renamed == [f for f in run_checks(dossier) if f.code == "REVIEW"]


def test_the_assessment_and_grant_checks_follow_their_project():
    import datetime as dt

    from dossier.core.checks import assessment, grant
    from dossier.core.checks.base import PROJECT_CHECKS
    from dossier.core.grant import Award, Payment, ProjectGrant

    for fn in (
        assessment.strategy_links,
        assessment.indicators,
        assessment.eligibility_documents,
        grant.award_and_budget,
        grant.ledger,
    ):
        assert fn in PROJECT_CHECKS, fn.__name__
    dossier = make_dossier(4, 6)
    runner = CheckRunner()
    today = dt.date(2021, 1, 20)
    runner.run(dossier, today=today)
    runs = runner.project_runs

    p2 = dossier.project("P2")
    p2.strategy.national = "NEEXISTUJE"
    p2.indicators = []
    p2.documents = []
    p2.grant = ProjectGrant(
        award=Award(amount=Decimal("1")),
        payments=[Payment(line=0, date=dt.date(2020, 5, 1), amount=Decimal("10"))],
    )
    found = runner.run(dossier, {"P2"}, today=today)
    assert found == run_checks(dossier, today=today)
    assert runner.project_runs == runs + 1, "only P2's checks ran again"
    codes = {f.code for f in found if f.path.startswith("projects/P2/")}
    assert {"STRATEGY_CODE_UNKNOWN", "INDICATORS_MISSING", "BUDGET_OVER_AWARD", "PAYMENT_OUTSIDE_PERIOD"} <= codes
