"""Strategy links, indicators, eligibility documents and security-analysis figures: each finding trips."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from dossier.core.checks import run_checks
from dossier.core.documents import missing_rows, required_documents
from dossier.core.model import CrimeRate, DocumentStatus, Indicator, ProjectKind
from dossier.core.rules import all_packs
from dossier.core.strategy import strategy_for


def _doc(project_id, code, status):
    def mutate(d):
        p = d.project(project_id)
        if status is None:
            p.documents = [doc for doc in p.documents if doc.code != code]
        else:
            next(doc for doc in p.documents if doc.code == code).status = status

    return mutate


def _rates(*pairs):
    def mutate(d):
        d.applicant.security_analysis.crime_rates = [CrimeRate(year=y, per_10k=Decimal(v)) for y, v in pairs]

    return mutate


def _strategy(project_id, **values):
    def mutate(d):
        for key, value in values.items():
            setattr(d.project(project_id).strategy, key, value)

    return mutate


def _indicator(**values):
    def mutate(d):
        for key, value in values.items():
            setattr(d.project("P2").indicators[0], key, value)

    return mutate


#: Merged into tests/core/test_checks.py's CASES, so every emitted code keeps a case.
ASSESSMENT_CASES = {
    "STRATEGY_LINK_MISSING": _strategy("P1", national=""),
    "STRATEGY_CODE_UNKNOWN": _strategy("P1", national="Z.9"),
    "LOCAL_MEASURE_MISSING": _strategy("P2", local_measure=" "),
    "INDICATORS_MISSING": lambda d: setattr(d.project("P3"), "indicators", []),
    "INDICATOR_NAME": _indicator(name=""),
    "INDICATOR_UNIT": _indicator(unit=""),
    "INDICATOR_TARGET": _indicator(target=Decimal(0)),
    "DOCUMENT_MISSING": _doc("P3", "POLICE_OPINION", None),
    "DOCUMENT_NOT_ATTACHED": _doc("P3", "POLICE_OPINION", DocumentStatus.NEEDED),
    "DOCUMENT_DECLINED": _doc("P1", "NO_DOUBLE_FUNDING", DocumentStatus.NOT_NEEDED),
    "POPULATION_MISSING": lambda d: setattr(d.applicant, "population", None),
    "ANALYSIS_LOCALITY_MISSING": lambda d: setattr(d.applicant.security_analysis, "locality", ""),
    "CRIME_RATE_NEGATIVE": _rates((2018, "-1"), (2019, "300")),
    "CRIME_RATE_DUPLICATE": _rates((2019, "310"), (2019, "300")),
    "CRIME_RATES_MISSING": _rates((2019, "300")),
    "CRIME_RATES_OLD": _rates((2016, "310"), (2017, "300")),
    "ANALYSIS_TOO_OLD": lambda d: setattr(d.applicant.security_analysis, "date", dt.date(2018, 6, 30)),
    "ANALYSIS_AFTER_DEADLINE": lambda d: setattr(d.applicant.security_analysis, "date", dt.date(2021, 3, 1)),
}


def _found(dossier, code):
    return [f for f in run_checks(dossier) if f.code == code]


@pytest.mark.parametrize("code", sorted(ASSESSMENT_CASES))
def test_each_assessment_finding_trips_with_a_czech_message_and_a_citation(code, sample_2021):
    assert not _found(sample_2021, code)
    broken = copy.deepcopy(sample_2021)
    ASSESSMENT_CASES[code](broken)
    found = _found(broken, code)
    assert found, f"{code} did not trip"
    for f in found:
        assert not f.message.isascii() and f.citation and "S4" not in f.citation


def test_missing_police_opinion_for_a_camera_project_warns_while_the_rule_is_unverified(sample_2021):
    d = copy.deepcopy(sample_2021)
    _doc("P3", "POLICE_OPINION", None)(d)
    found = _found(d, "DOCUMENT_MISSING")
    assert [(f.severity, f.path) for f in found] == [("warning", "projects/P3/documents")]
    assert "Vyjádření Policie ČR" in found[0].message and "neověřeno" in found[0].citation


def test_in_the_2022_special_round_every_project_needs_the_police_opinion_and_its_lack_is_an_error(sample_2021):
    d = copy.deepcopy(sample_2021)
    d.year, d.round = 2022, "2"
    pack = all_packs()["2022-2"]
    for p in d.projects:
        assert "POLICE_OPINION" in [r.code for r in required_documents(p, pack)]
    errors = [f for f in _found(d, "DOCUMENT_MISSING") if "Policie" in f.message]
    assert {f.path for f in errors} == {"projects/P1/documents", "projects/P2/documents"}
    assert {f.severity for f in errors} == {"error"}
    assert "prevencekriminality.cz" in errors[0].citation


def test_a_contract_is_needed_only_when_another_body_implements_the_project(sample_2021):
    d = copy.deepcopy(sample_2021)
    pack = all_packs()["2021"]
    p = d.project("P1")
    assert "IMPLEMENTER_CONTRACT" not in [r.code for r in required_documents(p, pack)]
    p.external_implementer = True
    rows = missing_rows(p, pack)
    assert [r.code for r in rows] == ["IMPLEMENTER_CONTRACT"] and rows[0].status == DocumentStatus.NEEDED
    found = _found(d, "DOCUMENT_MISSING")
    assert [f.severity for f in found] == ["error"]  # the contract rule is sourced, not a proposal
    assert "Smlouva s realizátorem" in found[0].message


def test_police_opinion_applies_to_camera_projects_only_in_a_regular_year():
    pack = all_packs()["2021"]
    rule = next(r for r in pack.eligibility_documents.value if r.code == "POLICE_OPINION")
    assert rule.kinds == [ProjectKind.MKDS.value] and rule.unverified


def test_every_pack_names_its_documents_and_the_analysis_age():
    for pack in all_packs().values():
        codes = [r.code for r in pack.eligibility_documents.value]
        assert {"COUNCIL_RESOLUTION", "NO_DOUBLE_FUNDING", "IMPLEMENTER_CONTRACT", "POLICE_OPINION"} <= set(codes)
        assert pack.security_analysis_max_age_months.unverified
        kinds = {kind for rule in pack.eligibility_documents.value for kind in rule.kinds}
        assert kinds <= {kind.value for kind in ProjectKind}, f"{pack.key}: unknown kinds {kinds}"


def test_analysis_age_is_measured_at_the_deadline_of_the_programme_year(sample_2021):
    d = copy.deepcopy(sample_2021)
    d.applicant.security_analysis.date = dt.date(2019, 2, 15)  # exactly 24 months before 15. 2. 2021
    assert not _found(d, "ANALYSIS_TOO_OLD")
    d.applicant.security_analysis.date = dt.date(2019, 2, 14)
    found = _found(d, "ANALYSIS_TOO_OLD")
    assert [f.severity for f in found] == ["warning"]  # the age limit is unverified
    assert "24 měsíců" in found[0].message and "15. 2. 2019" in found[0].message.replace("\u00a0", " ")


def test_the_strategy_code_list_is_chosen_by_the_dossier_year():
    assert strategy_for(2021).id == "SPK-2016-2020"
    assert strategy_for(2023).id == "SPK-2022-2027"
    assert "4" in strategy_for(2021).codes and "D" in strategy_for(2025).codes
    assert "D" not in strategy_for(2021).codes


def test_indicator_targets_are_exact_decimals(sample_2021):
    indicator = Indicator(name="Hodiny", unit="h", target="1 234,5")
    assert indicator.target == Decimal("1234.5")
    with pytest.raises(ValueError):
        Indicator(target=0.1)
