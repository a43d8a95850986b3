"""The grant year in the core: model on disk, figures, findings, re-budget proposals, payment rows."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from dossier.core.checks import run_checks
from dossier.core.dates import format_date
from dossier.core.grant import FundingSource, Payment, ProjectGrant, follow_budget_change, freeze
from dossier.core.grant_totals import dossier_ledgers, totals_with_grant
from dossier.core.payment_rows import parse_rows
from dossier.core.rebudget import Mode, applied, preview, propose
from dossier.core.rules import rules_for
from dossier.core.totals import line_total, project_totals
from dossier.formats import native
from tests.conftest import EXAMPLES


def _codes(dossier, code):
    return [f for f in run_checks(dossier) if f.code == code]


def test_files_without_a_grant_load_and_save_as_before():
    raw = (EXAMPLES / "plzen-2020.dossier").read_bytes()
    dossier = native.loads(raw)
    assert dossier.submitted is None and all(p.grant is None for p in dossier.projects)
    assert native.dumps(dossier) == raw


def test_grant_data_survive_a_save(sample_2021):
    again = native.loads(native.dumps(sample_2021))
    assert again == sample_2021 and again.submitted.application.projects[0].grant is None


def test_sample_award_and_ledger_match_the_citys_recorded_figures(sample_2021):
    data = totals_with_grant(sample_2021)
    assert data["awarded"] == 1688500
    assert sum(p["awarded"] for p in data["projects"]) == data["awarded"]
    # The city recorded the grant plus 822 500 Kč of its own, together 2 511 000 Kč.
    assert (data["drawn_subsidy"], data["drawn_own"], data["drawn"]) == (1688500, 822500, 2511000)
    assert data["submitted"]["requested"] == data["requested"]  # budget not yet re-worked to the award
    assert "VYMYŠLEN" in sample_2021.project("P1").grant.award.note


def test_line_overspend_gives_its_finding(sample_2021):
    broken = copy.deepcopy(sample_2021)
    project = broken.project("P3")
    planned = line_total(project.budget[2])
    drawn = sum((p.amount for p in project.grant.payments if p.line == 2), Decimal(0))
    project.grant.payments.append(
        Payment(line=2, date=dt.date(2021, 11, 2), amount=planned - drawn + 1, source=FundingSource.OWN)
    )
    [finding] = _codes(broken, "LINE_OVERSPENT")
    assert finding.path == "projects/P3/budget/2/unit_price" and "překročeno o 1\u00a0Kč" in finding.message
    assert _codes(sample_2021, "LINE_OVERSPENT") == []


def test_payment_dated_outside_the_year_gives_its_finding(sample_2021):
    broken = copy.deepcopy(sample_2021)
    broken.project("P2").grant.payments[-1].date = dt.date(2022, 1, 14)  # paid after the year ended
    [finding] = _codes(broken, "PAYMENT_OUTSIDE_PERIOD")
    assert finding.severity == "error" and format_date(dt.date(2022, 1, 14)) in finding.message
    assert finding.path == f"projects/P2/grant/payments/{len(broken.project('P2').grant.payments) - 1}/date"


def test_payment_after_the_awards_deadline_is_outside_the_period(sample_2021):
    broken = copy.deepcopy(sample_2021)
    broken.project("P1").grant.award.use_by = dt.date(2021, 10, 1)
    assert _codes(broken, "PAYMENT_OUTSIDE_PERIOD")  # the conference was paid in October


def test_subsidy_over_the_cap_of_actual_costs_gives_its_finding(sample_2021):
    broken = copy.deepcopy(sample_2021)
    for payment in broken.project("P3").grant.payments:
        payment.source = FundingSource.SUBSIDY
    [finding] = _codes(broken, "SUBSIDY_SHARE_OVER_CAP")
    assert "90\u00a0%" in finding.message


def test_budget_over_the_award_is_a_to_do_and_budget_under_it_would_leave_money_unused(sample_2021):
    assert len(_codes(sample_2021, "BUDGET_OVER_AWARD")) == 3
    broken = copy.deepcopy(sample_2021)
    broken.project("P1").grant.award.amount = Decimal(800000)
    [finding] = _codes(broken, "SUBSIDY_UNUSED")
    assert "70\u00a0000\u00a0Kč" in finding.message  # 800 000 awarded, 730 000 in the budget


def test_to_return_is_the_award_less_the_used_subsidy(sample_2021):
    dossier = copy.deepcopy(sample_2021)
    payments = dossier.project("P3").grant.payments
    removed = next(p for p in reversed(payments) if p.source == FundingSource.SUBSIDY)
    payments.remove(removed)
    ledger = dossier_ledgers(dossier)[2]
    assert ledger.to_return == removed.amount
    assert totals_with_grant(dossier)["to_return"] == int(removed.amount)


@pytest.mark.parametrize("mode", list(Mode))
def test_proportional_proposal_meets_the_award_and_the_rules(sample_2021, mode):
    for project in sample_2021.projects:
        award = project.grant.award.amount
        changes = propose(project.budget, award, mode)
        lines = applied(project.budget, changes)
        assert sum((ln.requested for ln in lines), Decimal(0)) == award
        assert all(ln.requested == ln.requested.to_integral_value() for ln in lines)
        assert all(ln.requested <= line_total(ln) for ln in lines)
        sums, findings = preview(sample_2021, project.id, changes)
        assert sums.requested == award
        assert [f for f in findings if f.severity == "error"] == []
        if mode is Mode.SUBSIDY:
            assert sums.total == project_totals(project).total
        else:
            assert sums.total < project_totals(project).total


def test_proposal_never_raises_the_subsidy(sample_2021):
    project = sample_2021.project("P1")
    changes = propose(project.budget, Decimal(10_000_000), Mode.COSTS)
    assert applied(project.budget, changes) == project.budget


def test_frozen_application_is_a_copy_without_grant_data(sample_2021):
    frozen = freeze(sample_2021)
    sample_2021.project("P1").budget[0].requested = Decimal(1)
    assert frozen.application.project("P1").budget[0].requested != Decimal(1)
    assert frozen.application.submitted is None and all(p.grant is None for p in frozen.application.projects)


def test_payments_follow_their_line_when_the_budget_changes_shape(sample_2021):
    grant = sample_2021.project("P3").grant
    lines = [p.line for p in grant.payments]
    before = follow_budget_change(sample_2021, "projects/P3/budget", lambda i: None if i == 0 else i - 1)
    assert before == lines
    assert [p.line for p in grant.payments] == [None if n == 0 else n - 1 for n in lines]
    assert follow_budget_change(sample_2021, "projects/P3/mkds/camera_points", lambda i: i) is None


def test_payment_rows_with_a_czech_header_in_any_order(sample_2021):
    budget = sample_2021.project("P3").budget
    rows = [
        ["Poznámka", "Číslo dokladu", "Částka Kč", "Datum", "Položka", "Zdroj financování"],
        ["záloha", "FP-7", "1 234,50", "15.03.2021", budget[4].text.upper(), "Vlastní zdroje"],
        ["", "", "", "", "", ""],
        ["", "FP-8", "100", "2021-04-01", "2", ""],
    ]
    parsed = parse_rows(rows, budget)
    assert parsed.errors == []
    first, second = parsed.payments
    assert (first.line, first.amount, first.source, first.date) == (
        4,
        Decimal("1234.50"),
        FundingSource.OWN,
        dt.date(2021, 3, 15),
    )
    assert (second.line, second.source) == (1, FundingSource.SUBSIDY)


def test_payment_rows_report_every_bad_row_in_czech(sample_2021):
    rows = [
        ["Datum", "Částka", "Řádek", "Zdroj"],
        ["31. 2. 2021", "10", "1", ""],
        ["1. 3. 2021", "1e5", "1", ""],
        ["1. 3. 2021", "10", "99", ""],
        ["1. 3. 2021", "10", "1", "banka"],
    ]
    parsed = parse_rows(rows, sample_2021.project("P3").budget)
    assert parsed.payments == []
    assert [e.split(":")[0] for e in parsed.errors] == ["řádek 2", "řádek 3", "řádek 4", "řádek 5"]
    assert "datum" in parsed.errors[0] and "neexistuje" in parsed.errors[2] and "zdroj" in parsed.errors[3]


def test_grant_deadlines_default_to_february_of_the_next_year_and_are_marked_unverified():
    from dossier.core.rules import grant_deadlines

    settlement, report = grant_deadlines(rules_for(2021).pack)
    assert settlement.value == dt.date(2022, 2, 15) and settlement.unverified and "neověřeno" in settlement.citation
    assert report.unverified


def test_an_empty_grant_changes_no_totals(sample_2020):
    sample_2020.projects[0].grant = ProjectGrant()
    data = totals_with_grant(sample_2020)
    assert data["awarded"] == 0 and data["drawn"] == 0 and data["to_return"] == 0
