"""Every check: one dossier that trips it and the clean sample that does not."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from dossier.core.checks import run_checks
from dossier.core.identifiers import account_checksum_ok, data_box_valid, ico_valid
from dossier.core.model import ApkStaff, BudgetLine, BudgetType, Building, DomovnikSection, ProjectKind, YearRange
from tests.core.grant_cases import GRANT_CASES
from tests.core.test_assessment_checks import ASSESSMENT_CASES


def _set(path, value):
    def mutate(d):
        node = d
        parts = path.split(".")
        for part in parts[:-1]:
            node = (
                d.project(part)
                if part.startswith("P") and node is d
                else getattr(node, part)
                if not part.isdigit()
                else node[int(part)]
            )
        setattr(node, parts[-1], value)

    return mutate


def _apk_three(d):
    apk = d.project("P2").apk
    apk.count = 5
    apk.staff = apk.staff + [ApkStaff(label="APK 5", months=9, monthly_cost=Decimal(31500))]


def _domovnik(owned):
    def mutate(d):
        p = d.project("P1")
        p.kind = ProjectKind.DOMOVNIK
        p.domovnik = DomovnikSection(
            count=1, buildings=[Building(address="Plzeň, Resslova 1", owned_by_municipality=owned)]
        )

    return mutate


def _line(**kw):
    def mutate(d):
        d.project("P1").budget.append(BudgetLine(text="Nová položka", category="SLUZBY", **kw))

    return mutate


CASES = {
    "APPLICANT_NAME_MISSING": _set("applicant.name", ""),
    "APPLICANT_TYPE": lambda d: (
        setattr(d, "year", 2024),
        setattr(d, "round", "2"),
        setattr(d.applicant, "type", "dso"),
    ),
    "ICO_MISSING": _set("applicant.ico", ""),
    "ICO_INVALID": _set("applicant.ico", "00075371"),
    "STATUTORY_MISSING": _set("applicant.statutory_representative.name", ""),
    "MANAGER_MISSING": _set("applicant.crime_prevention_manager.name", " "),
    "ACCOUNT_MISSING": _set("applicant.bank_account", ""),
    "ACCOUNT_FORMAT": _set("applicant.bank_account", "účet u ČNB"),
    "ACCOUNT_CHECKSUM": _set("applicant.bank_account", "94-7260009/0710"),
    "ACCOUNT_NOT_CNB": _set("applicant.bank_account", "94-7260008/0100"),
    "DATA_BOX_MISSING": _set("applicant.data_box_id", ""),
    "DATA_BOX_INVALID": _set("applicant.data_box_id", "ABC-123"),
    "STRATEGY_MISSING": _set("applicant.local_strategy.title", ""),
    "STRATEGY_PERIOD_MISSING": _set("applicant.local_strategy.period", "neurčito"),
    "STRATEGY_PERIOD": _set("applicant.local_strategy.period", "2016–2020"),
    "ANALYSIS_MISSING": _set("applicant.security_analysis.date", None),
    "ANALYSIS_YEARS": _set("applicant.security_analysis.data_years", [2019]),
    "ANALYSIS_STALE": _set("applicant.security_analysis.data_years", [2015, 2016]),
    "WORKING_GROUP_MISSING": lambda d: (
        setattr(d.applicant.working_group, "established", None),
        setattr(d.applicant.working_group, "members", ""),
    ),
    "ATTACHMENT_MISSING": lambda d: setattr(d.attachments[0], "done", False),
    "NO_PROJECTS": lambda d: d.projects.clear(),
    "DUPLICATE_ID": _set("P3.id", "P1"),
    "TITLE_MISSING": _set("P1.title", ""),
    "PRIORITY_MISSING": _set("P1.priority", ""),
    "PRIORITY_UNKNOWN": _set("P1.priority", "A"),
    "INVESTMENT_NOT_ALLOWED": lambda d: setattr(d, "year", 2025),
    "FIELD_MISSING": _set("P1.locality", ""),
    "NARRATIVE_MISSING": _set("P1.goals", ""),
    "TEXT_TOO_LONG": _set("P1.problem", "x" * 4001),
    "PERIOD_MISSING": _set("P1.date_from", None),
    "PERIOD_ORDER": lambda d: (
        setattr(d.project("P1"), "date_from", dt.date(2021, 12, 1)),
        setattr(d.project("P1"), "date_to", dt.date(2021, 2, 1)),
    ),
    "PERIOD_OUTSIDE_YEAR": _set("P1.date_to", dt.date(2022, 1, 31)),
    "TITLE_YEAR": _set("P2.title", "Asistent prevence kriminality 2020"),
    "BUDGET_EMPTY": lambda d: d.project("P1").budget.clear(),
    "LINE_TEXT_MISSING": _set("P1.budget.0.text", ""),
    "CATEGORY_UNKNOWN": _set("P1.budget.0.category", "NEEXISTUJE"),
    "CATEGORY_MISSING": _set("P1.budget.0.category", ""),
    "CATEGORY_BUDGET_TYPE": _set("P1.budget.0.category", "TECHNOLOGIE"),
    "NEGATIVE_AMOUNT": _line(quantity=Decimal(-1), unit_price=Decimal(100)),
    "REQUESTED_OVER_TOTAL": _line(unit_price=Decimal(100), requested=Decimal(200)),
    "INELIGIBLE_REQUESTED": _set("P1.budget.9.requested", Decimal(100)),
    "RATE_EXCEEDED": _set("P3.budget.0.requested", Decimal(190000)),
    "NOT_WHOLE_CZK": _set("P1.budget.0.requested", Decimal("161999.50")),
    "NOT_ROUNDED": _set("P1.budget.0.requested", Decimal(161950)),
    "OPPP_HOURLY_CAP": lambda d: (setattr(d, "year", 2024), setattr(d, "round", "2")),
    "APK_COUNT_MISSING": _set("P2.apk.count", 0),
    "APK_MENTOR_MISSING": _set("P2.apk.mentor", ""),
    "APK_STAFF_COUNT": _set("P2.apk.count", 3),
    "APK_MONTHS": _set("P2.date_from", dt.date(2021, 6, 1)),
    "APK_WAGE_CAP": _set("P2.budget.0.requested", Decimal(1100000)),
    "APK_COUNT_EXCEEDED": _apk_three,
    "MULTI_YEAR_NOT_ALLOWED": _set("P2.multi_year", YearRange(from_year=2019, to_year=2021)),
    "MULTI_YEAR_KIND": lambda d: (
        setattr(d, "year", 2020),
        setattr(d.project("P1"), "multi_year", YearRange(from_year=2019, to_year=2021)),
    ),
    "MULTI_YEAR_RANGE": lambda d: (
        setattr(d, "year", 2020),
        setattr(d.project("P2"), "multi_year", YearRange(from_year=2021, to_year=2023)),
    ),
    "DOMOVNIK_NO_BUILDINGS": lambda d: setattr(d.project("P1"), "kind", ProjectKind.DOMOVNIK),
    "DOMOVNIK_OWNERSHIP": _domovnik(False),
    "MKDS_NO_POINTS": _set("P3.mkds.camera_points", []),
    "MKDS_POINT_LOCATION": _set("P3.mkds.camera_points.0.location", ""),
    "MKDS_MONITORING": _set("P3.mkds.monitoring_regime", ""),
    "MKDS_24_7": _set("P3.mkds.monitoring_regime", "Dohled v pracovní dny operátorem MP."),
    "MKDS_RETENTION": _set("P3.mkds.retention_days", None),
    "MKDS_ACCESS": _set("P3.mkds.access_rules", ""),
    "CONFERENCE_DATES": _set("P1.conference.date_from", None),
    "CONFERENCE_YEAR": _set("P1.conference.date_from", dt.date(2022, 10, 6)),
    "CONFERENCE_VENUE": lambda d: (
        setattr(d.project("P1").conference, "venue", ""),
        setattr(d.project("P1").conference, "platform", ""),
    ),
    "REVIEW": lambda d: d.review.update(
        {"applicant/statutory_representative/name": "převzato z roku 2020 – nezkontrolováno"}
    ),
    "RULES_FALLBACK": lambda d: setattr(d, "year", 2031),
    **ASSESSMENT_CASES,
    "SUBMITTED_LATE": _set("submission.sent.date", dt.date(2021, 2, 16)),
    "DEADLINE_PASSED": _set("submission.sent.date", None),  # the clock is past 2021; DEADLINE_NEAR: test_submission
    **GRANT_CASES,
}


def _codes(dossier):
    return {f.code for f in run_checks(dossier)}


def test_clean_sample_has_no_errors_or_warnings(sample_2021, sample_2020):
    assert [f for f in run_checks(sample_2021) if f.severity != "info"] == []
    assert [f for f in run_checks(sample_2020) if f.severity != "info"] == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_check_trips_on_a_broken_dossier_and_not_on_the_sample(code, sample_2021):
    assert code not in _codes(sample_2021)
    broken = copy.deepcopy(sample_2021)
    CASES[code](broken)
    findings = [f for f in run_checks(broken) if f.code == code]
    assert findings, f"{code} did not trip"
    for f in findings:
        assert f.message and f.path and f.severity in ("error", "warning", "info")
        assert not f.message.isascii(), "messages are Czech, with diacritics"


def test_findings_are_czech_and_cite_rules(sample_2021):
    broken = copy.deepcopy(sample_2021)
    broken.year = 2025
    finding = next(f for f in run_checks(broken) if f.code == "INVESTMENT_NOT_ALLOWED")
    assert finding.path == "projects/P3/budget_type"
    assert "investiční" in finding.message
    assert "mv.gov.cz" in finding.citation


def test_errors_come_first(sample_2021):
    broken = copy.deepcopy(sample_2021)
    broken.applicant.ico = ""
    severities = [f.severity for f in run_checks(broken)]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_every_check_is_covered_by_a_case():
    import re
    from pathlib import Path

    import dossier.core.checks as checks

    core = Path(checks.__file__).parent.parent
    files = [*core.joinpath("checks").glob("*.py"), *core.joinpath("kinds").glob("*.py")]
    source = "".join(p.read_text(encoding="utf-8") for p in files)
    emitted = set(re.findall(r'Finding\(\s*(?:ERROR|WARNING|INFO|Severity\.\w+),\s*"([A-Z_0-9]+)"', source))
    assert len(emitted) > 50
    # Always there: the deadline and the submission; in the 2021 sample, the award below the submitted budget.
    assert emitted - {"DEADLINE", "SUBMITTED", "DEADLINE_NEAR", "BUDGET_OVER_AWARD"} <= set(CASES), emitted - set(CASES)


@pytest.mark.parametrize(
    "ico, ok", [("00075370", True), ("25596641", True), ("00075371", False), ("0007537", False), ("abcdefgh", False)]
)
def test_ico_check_digit(ico, ok):
    assert ico_valid(ico) is ok


@pytest.mark.parametrize(
    "account, ok",
    [
        ("94-7260008/0710", True),
        ("19-2000145399/0800", True),
        ("94-7260009/0710", False),
        ("0/0710", False),
        ("12345", False),
    ],
)
def test_bank_account_checksum(account, ok):
    assert account_checksum_ok(account) is ok


def test_data_box_format():
    assert data_box_valid("zs7bvbe") and not data_box_valid("zs7bvb") and not data_box_valid("ZS7BVBE")


def test_budget_type_split_is_respected_in_checks(sample_2021):
    d = copy.deepcopy(sample_2021)
    d.project("P3").budget_type = BudgetType.NEINV
    assert "CATEGORY_BUDGET_TYPE" in _codes(d)


def test_apk_cap_applied_only_at_approval_is_a_warning(sample_2020):
    """2020: the cap of two assistants came from how grants were approved, not from the Zásady."""
    d = copy.deepcopy(sample_2020)
    apk = next(p for p in d.projects if p.kind == ProjectKind.APK).apk
    apk.count = 3
    apk.staff = apk.staff + [ApkStaff(label="APK 3", months=9, monthly_cost=Decimal(31500))] * (3 - len(apk.staff))
    found = [f for f in run_checks(d) if f.code == "APK_COUNT_EXCEEDED"]
    assert [f.severity for f in found] == ["warning"]
    assert "při schvalování" in found[0].message
    assert not [f for f in run_checks(d) if f.severity == "error" and f.code.startswith("APK")]


def test_apk_cap_of_the_application_is_an_error(sample_2021):
    d = copy.deepcopy(sample_2021)
    _apk_three(d)
    assert [f.severity for f in run_checks(d) if f.code == "APK_COUNT_EXCEEDED"] == ["error"]


def test_an_empty_category_is_named_missing_not_unknown(sample_2021):
    broken = copy.deepcopy(sample_2021)
    broken.project("P1").budget[0].category = ""
    found = [f for f in run_checks(broken) if f.path == "projects/P1/budget/0/category"]
    assert [f.code for f in found] == ["CATEGORY_MISSING"]
    assert "chybí kategorie nákladu" in found[0].message and "„–“" not in found[0].message
