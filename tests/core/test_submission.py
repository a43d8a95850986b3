"""Submission checklist, deadline warnings (with an injected today) and the portal map."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from dossier.core import paths
from dossier.core.checklist import WARN_DAYS, checklist
from dossier.core.checks import run_checks
from dossier.core.model import Applicant, Project
from dossier.core.portal import portal_map, portal_steps, unmapped_fields, year_deadlines
from dossier.core.rules import all_packs, rules_for
from dossier.core.submission import days_text

DEADLINE = dt.date(2021, 2, 15)


@pytest.fixture
def unsent(sample_2021):
    d = copy.deepcopy(sample_2021)
    d.submission.sent.date = None
    return d


def _codes(dossier, today):
    return {f.code: f for f in run_checks(dossier, today=today)}


@pytest.mark.parametrize("days_before", [WARN_DAYS, 3, 0])
def test_deadline_near_warns_within_the_window(unsent, days_before):
    finding = _codes(unsent, DEADLINE - dt.timedelta(days=days_before))["DEADLINE_NEAR"]
    assert finding.severity == "warning" and "15. 2. 2021" in finding.message.replace("\u00a0", " ")


def test_no_deadline_warning_earlier_and_the_missing_steps_are_named(unsent):
    assert {"DEADLINE_NEAR", "DEADLINE_PASSED"}.isdisjoint(_codes(unsent, DEADLINE - dt.timedelta(days=WARN_DAYS + 1)))
    unsent.submission.signed = False
    unsent.submission.council.resolution = ""
    message = _codes(unsent, DEADLINE - dt.timedelta(days=2))["DEADLINE_NEAR"].message
    assert "podepsána" in message and "schválení" in message


def test_deadline_passed_unsubmitted_warns_and_submitted_does_not(unsent, sample_2021):
    after = DEADLINE + dt.timedelta(days=1)
    assert _codes(unsent, after)["DEADLINE_PASSED"].path == "submission/sent/date"
    codes = _codes(sample_2021, after)
    assert "DEADLINE_PASSED" not in codes and "SUBMITTED" in codes


def test_days_text_plurals():
    assert days_text(DEADLINE, DEADLINE) == "dnes je poslední den"
    assert days_text(DEADLINE, DEADLINE - dt.timedelta(days=1)) == "zbývá 1 den"
    assert days_text(DEADLINE, DEADLINE - dt.timedelta(days=3)) == "zbývají 3 dny"
    assert days_text(DEADLINE, DEADLINE - dt.timedelta(days=12)) == "zbývá 12 dní"
    assert days_text(DEADLINE, DEADLINE + dt.timedelta(days=4)) == "termín uplynul před 4 dny"


def test_checklist_from_pack_and_dossier(unsent):
    pack = rules_for(2021).pack
    items = {i.key: i for i in checklist(unsent, pack, DEADLINE - dt.timedelta(days=12))}
    assert "zbývá 12 dní" in items["deadline"].detail and items["deadline"].done
    assert items["council"].done and "usnesení č. 98" in items["council"].detail
    assert items["data_box"].detail.startswith(f"ID {portal_map('2021').ministry_data_box.value} (neověřeno")
    assert items["attachments"].done and not items["sent"].done
    unsent.attachments[0].done = False
    items = {i.key: i for i in checklist(unsent, pack, DEADLINE)}
    assert not items["attachments"].done and unsent.attachments[0].name in items["attachments"].detail


def test_submission_paths_have_czech_labels(sample_2021):
    assert paths.label("submission/sent/date") == "Datum podání"
    assert paths.place(sample_2021, "submission/council/resolution") == "Podání – Číslo usnesení"


@pytest.mark.parametrize("key", sorted(all_packs()))
def test_portal_map_names_every_applicant_and_project_field(key):
    pmap = portal_map(key)
    assert unmapped_fields(Applicant, "applicant", pmap) == []
    # The grant year (award, payments) comes after the application and is not typed into the portal.
    assert unmapped_fields(Project, "projects/*", pmap, skip=("id", "grant")) == []
    assert [s.id for s in pmap.steps] == [
        "identifikace",
        "oblasti",
        "prilohy",
        "vydaje",
        "hodnoceni",
        "dotace",
        "nahled",
        "odeslani",
    ]


def test_portal_steps_count_against_the_year_limits(sample_2021):
    pack = rules_for(2021).pack
    steps = {s.id: s for s in portal_steps(sample_2021, pack)}
    problem = next(f for f in steps["hodnoceni"].fields if f.id == "projects/P2/problem")
    assert problem.count == len(sample_2021.project("P2").problem)
    assert problem.limit == pack.text_limits.value["problem"] and problem.limit_unverified
    assert "neověřen" in problem.count_text()
    # Amounts are copied the way number inputs take them: no thousands spaces, decimal comma.
    total = next(f for f in steps["dotace"].fields if f.id == "#dossier_requested")
    assert total.copy_text == "2511000" and total.display.replace("\u00a0", " ") == "2 511 000 Kč"
    groups = [f.group for f in steps["hodnoceni"].fields]
    titles = [p.title for p in sample_2021.projects]
    assert [g for g in dict.fromkeys(groups)] == titles  # project by project, in dossier order
    ids = [f.id for s in steps.values() for f in s.fields]
    assert len(ids) == len(set(ids))


def test_year_deadlines_name_sources():
    events = year_deadlines(rules_for(2021).pack)
    assert any(e.start == DEADLINE and e.end is None for e in events)
    assert all(e.citation for e in events)
    ua = year_deadlines(rules_for(2022, "2").pack)
    assert any(e.end == dt.date(2023, 12, 31) for e in ua)


def test_no_deadline_warning_from_another_years_rules(unsent):
    unsent.year = 2031  # no pack: the nearest older one is used, its deadline is not this year's
    codes = _codes(unsent, dt.date(2031, 3, 1))
    assert "RULES_FALLBACK" in codes and "DEADLINE_PASSED" not in codes


@pytest.mark.parametrize("key", sorted(all_packs()))
def test_portal_map_names_only_real_fields_and_limits(key):
    from dossier.core.portal import _COMPUTED
    from dossier.core.rollover.policy import field_patterns

    real = set(field_patterns())
    pack = all_packs()[key]
    for step in portal_map(key).steps:
        for spec in step.fields:
            if spec.computed:
                assert spec.computed in _COMPUTED and spec.path in ("", "projects/*", "projects/*/budget/*")
            else:
                assert spec.path in real, spec.path
            if isinstance(spec.limit, str):
                assert spec.limit in pack.text_limits.value, (key, spec.limit)


def test_checklist_names_a_required_attachment_of_the_year_missing_from_the_list(unsent):
    pack = rules_for(2021).pack
    first_required = next(r.name for r in pack.attachments.value if r.required)
    unsent.attachments = [a for a in unsent.attachments if a.name != first_required]
    item = next(i for i in checklist(unsent, pack, DEADLINE) if i.key == "attachments")
    assert not item.done and first_required in item.detail


def test_a_share_is_copied_as_digits_and_shown_with_the_sign(sample_2021):
    from dossier.core.totals import project_totals

    steps = portal_steps(sample_2021, rules_for(2021).pack)
    rates = [f for s in steps for f in s.fields if f.label == "Podíl dotace na uznatelných nákladech"]
    assert rates
    for field in rates:
        assert "%" not in field.copy_text and field.display.endswith("%")
        rate = project_totals(sample_2021.project(field.id.split("/")[1].split("#")[0])).rate
        assert Decimal(field.copy_text.replace(",", ".")) == round(rate * 100, 1)
