"""Roll-forward of last year's dossier into a new programme year (rollover.py and its policy)."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from pydantic import BaseModel

from dossier import cli
from dossier.core import paths
from dossier.core.checks import run_checks
from dossier.core.errors import DossierError
from dossier.core.model import BudgetType
from dossier.core.rollover import targets_after
from dossier.core.rollover.policy import load_policy, uncovered_fields
from dossier.core.rollover.report import render_text
from dossier.core.rollover.years import bump_year, collapse_range, names_past_year, shift_date
from dossier.core.rules import all_packs
from dossier.formats import native, xlsx_export
from dossier.formats.rollover import load_source, rollover, rollover_command

NOTE_2020 = "převzato z roku 2020 – nezkontrolováno"


@pytest.fixture
def rolled_2021(sample_2020):
    return rollover(sample_2020, 2021, source_name="plzen-2020.dossier")


# --- years in texts and dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Plzeňská senior akademie 2020", "Plzeňská senior akademie 2021"),
        ("Asistent prevence kriminality 2018–2020", "Asistent prevence kriminality 2018–2020"),  # a period: not blindly
        ("Školní rok 2019/2020", "Školní rok 2019/2020"),
        ("Mzdy 1–12/2020", "Mzdy 1–12/2020"),
        ("Projekt 120200", "Projekt 120200"),
        ("2020: přednášky, 2020 – exkurze", "2021: přednášky, 2021 – exkurze"),
    ],
)
def test_bump_year_moves_only_standalone_years(text, expected):
    assert bump_year(text, 2020, 2021) == expected


def test_collapse_range_for_a_converted_multi_year_title():
    assert collapse_range("Asistent prevence kriminality 2018–2020", 2020, 2021) == "Asistent prevence kriminality 2021"
    assert collapse_range("APK 2018 - 2020", 2020, 2021) == "APK 2021"
    assert collapse_range("Strategie 2021–2025", 2020, 2021) == "Strategie 2021–2025"


def test_names_past_year_accepts_running_periods():
    assert names_past_year("APK 2018–2020", 2020, 2021)
    assert names_past_year("Mzdy 12/2020", 2020, 2021)
    assert not names_past_year("Víceletý projekt 2020–2022", 2020, 2021)
    assert not names_past_year("Senior akademie 2021", 2020, 2021)


def test_shift_date_handles_29_february():
    assert shift_date(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
    assert shift_date(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)
    assert shift_date(dt.date(2020, 3, 1), 1) == dt.date(2021, 3, 1)


# --- Plzeň 2020 → 2021 --------------------------------------------------------------------------------


def test_no_title_or_date_names_the_old_year(rolled_2021):
    new = rolled_2021.dossier
    assert new.year == 2021 and new.round == ""
    for project in new.projects:
        assert not re.search(r"(?<!\d)2020(?!\d)", project.title), project.title
        for date in (project.date_from, project.date_to):
            assert date is None or date.year == 2021
    assert [p.title for p in new.projects] == [
        "Asistent prevence kriminality 2021",
        "Rozšíření MKDS na území MO Plzeň 3",
        "Plzeňská senior akademie 2021",
    ]


def test_multi_year_apk_becomes_a_one_year_card(rolled_2021):
    apk = rolled_2021.dossier.project("P1")
    assert apk.multi_year is None
    assert (apk.date_from, apk.date_to) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert apk.title == "Asistent prevence kriminality 2021"
    assert rolled_2021.dossier.review["projects/P1/multi_year"].startswith(NOTE_2020)
    assert "víceletý → jednoletý" in rolled_2021.dossier.review["projects/P1/multi_year"]
    converted = {e.path for e in rolled_2021.report.converted}
    assert {"projects/P1/multi_year", "projects/P1/title", "projects/P1/date_from"} <= converted
    assert rolled_2021.report.project_notes() == {"P1": ["víceletý → jednoletý"]}
    assert "P1 · Víceletý projekt: 2018–2020 → jednoletý projekt 2021" in rolled_2021.text()


def test_history_is_kept_and_marked_not_rewritten(sample_2020, rolled_2021):
    new, review = rolled_2021.dossier, rolled_2021.dossier.review
    assert new.applicant.local_strategy.period == "2016–2020"
    assert new.applicant.security_analysis.data_years == [2017, 2018]
    for project in new.projects:
        old = sample_2020.project(project.id)
        assert project.previous_funding == old.previous_funding
        assert project.sustainability == old.sustainability  # "… i po roce 2020." stays: it is history
        assert review[f"projects/{project.id}/previous_funding"] == NOTE_2020
    for path in (
        "applicant/statutory_representative",
        "applicant/local_strategy",
        "applicant/security_analysis",
        "applicant/crime_prevention_manager",
        "projects/P2/mkds",
        "projects/P1/apk",
        "projects/P3/budget/0/unit_price",
        "projects/P3/problem",
    ):
        assert review[path].startswith(NOTE_2020), path
    for path in ("applicant/ico", "applicant/address", "applicant/bank_account", "projects/P1/kind"):
        assert path not in review
    strategy = next(e for e in rolled_2021.report.conflicts if e.path == "applicant/local_strategy")
    assert "2016–2020 nepokrývá rok 2021" in strategy.reason


def test_every_review_mark_names_a_real_field(rolled_2021):
    for path in rolled_2021.dossier.review:
        paths.get(rolled_2021.dossier, path)  # raises when a mark points nowhere


def test_review_marks_become_review_warnings_of_the_checks(rolled_2021):
    review_findings = [f for f in run_checks(rolled_2021.dossier) if f.code == "REVIEW"]
    assert {f.path for f in review_findings} == set(rolled_2021.dossier.review)
    assert all(f.severity == "warning" for f in review_findings)


def test_the_new_years_rules_apply(rolled_2021):
    findings = run_checks(rolled_2021.dossier)
    codes = {f.code for f in findings}
    assert "MULTI_YEAR_NOT_ALLOWED" not in codes  # 2021 forbids multi-year projects; P1 was converted
    assert any(f.code == "DEADLINE" and "2021" in f.message for f in findings)
    counts = rolled_2021.report.check_counts
    assert counts == {sev: sum(f.severity == sev for f in findings) for sev in ("error", "warning", "info")}
    assert "Kontrola podle pravidel 2021:" in rolled_2021.text()


def test_checklist_metadata_and_old_marks(sample_2020):
    last = sample_2020.model_copy(deep=True)
    last.review = {"applicant/ico": "stará značka"}
    now = dt.datetime(2021, 1, 5, 8, 30)
    new = rollover(last, 2021, source_name="plzen-2020.dossier", now=now).dossier
    pack = all_packs()["2021"]
    assert [a.name for a in new.attachments] == [a.name for a in pack.attachments.value]
    assert all(not a.done and a.path == "" for a in new.attachments)
    assert "applicant/ico" not in new.review
    assert new.metadata.rolled_from == "plzen-2020.dossier (2020)"
    assert new.metadata.app_version == sample_2020.metadata.app_version
    assert new.metadata.created == new.metadata.modified == now


def test_rolling_twice_gives_the_same_bytes(sample_2020):
    first = rollover(sample_2020, 2021, source_name="plzen-2020.dossier").dossier
    second = rollover(sample_2020, 2021, source_name="plzen-2020.dossier").dossier
    assert native.dumps(first) == native.dumps(second)
    assert first.metadata.created is None and first.metadata.modified is None


def test_last_years_dossier_is_not_changed(sample_2020):
    before = native.dumps(sample_2020)
    rollover(sample_2020, 2023)
    assert native.dumps(sample_2020) == before


def test_projects_can_be_left_out(sample_2020):
    result = rollover(sample_2020, 2021, project_ids=["P1", "P3"])
    assert [p.id for p in result.dossier.projects] == ["P1", "P3"]
    assert not any(path.startswith("projects/P2/") for path in result.dossier.review)
    assert result.report.projects_left == [("P2", "Rozšíření MKDS na území MO Plzeň 3")]
    with pytest.raises(DossierError, match="P9"):
        rollover(sample_2020, 2021, project_ids=["P9"])


def test_target_year_must_have_rules_and_follow_the_source(sample_2020):
    # Every pack after the source, then the year after the newest pack (its rules are not out yet).
    assert targets_after(sample_2020) == ["2021", "2022", "2022-2", "2023", "2024", "2024-2", "2025", "2026", "2027"]
    with pytest.raises(DossierError, match="musí následovat"):
        rollover(sample_2020, 2020)
    with pytest.raises(DossierError, match="nejsou v aplikaci pravidla"):
        rollover(sample_2020, 2031)


def test_next_year_before_its_rules_are_out_rolls_over_on_the_newest_rules(sample_2021):
    from dossier.core.rules import next_year, programme_keys, programme_label

    assert next_year() == 2027 and programme_keys()[0] == "2027"
    assert "použijí se pravidla 2026" in programme_label("2027") and programme_label("2024-2") == "2024 – 2. kolo"
    last = rollover(sample_2021, 2026).dossier
    result = rollover(last, 2027)
    assert result.dossier.year == 2027 and result.report.new_key == "2027"
    assert any("2027" in note and "2026" in note for note in result.report.notes)
    assert any(f.code == "RULES_FALLBACK" for f in run_checks(result.dossier))


# --- across code lists and rule changes ------------------------------------------------------------


def test_2023_maps_priorities_to_the_seven_goals(sample_2020):
    result = rollover(sample_2020, 2023)
    new = result.dossier
    assert [p.priority for p in new.projects] == ["D", "E", "E"]  # 4 → D, 5 → E by priority-map.json
    for project in new.projects:
        note = new.review[f"projects/{project.id}/priority"]
        assert note.startswith("převzato z roku 2020 – nezkontrolováno") and "převodní tabulky" in note
    assert new.project("P3").title == "Plzeňská senior akademie 2023"
    assert new.project("P3").date_from == dt.date(2023, 2, 1)
    assert "PRIORITY_UNKNOWN" not in {f.code for f in run_checks(new)}


def test_2025_keeps_the_investment_project_and_reports_it(sample_2020):
    result = rollover(sample_2020, 2025)
    mkds = result.dossier.project("P2")
    assert mkds.budget_type == BudgetType.INV
    conflict = next(e for e in result.report.conflicts if e.path == "projects/P2/budget_type")
    assert "investiční" in conflict.reason and "2025" in conflict.reason
    assert "P2 · Typ rozpočtu: investiční" in result.text()
    assert "investiční – v roce 2025 nepovoleno" in result.report.project_notes()["P2"]
    assert "projects/P2/budget/0/category" in result.dossier.review  # TECHNOLOGIE is not a 2025 category
    errors = {(f.code, f.path) for f in run_checks(result.dossier) if f.severity == "error"}
    assert ("INVESTMENT_NOT_ALLOWED", "projects/P2/budget_type") in errors


# --- the policy is data ------------------------------------------------------------------------------


def test_policy_speaks_about_every_field_of_the_model():
    assert uncovered_fields() == []


def test_policy_names_only_known_transforms():
    from dossier.core.rollover.transforms import TRANSFORMS

    assert {r.transform for r in load_policy().rules if r.transform} <= set(TRANSFORMS)


# --- sources ---------------------------------------------------------------------------------------


def test_exported_xlsx_rolls_like_the_dossier(sample_2020, tmp_path):
    workbook = tmp_path / "plzen-2020.xlsx"
    xlsx_export.export_xlsx(sample_2020, workbook)
    from_xlsx = rollover(load_source(workbook), 2021, source_name="plzen-2020")
    from_dossier = rollover(sample_2020, 2021, source_name="plzen-2020")
    assert native.dumps(from_xlsx.dossier) == native.dumps(from_dossier.dossier)


def test_foreign_spreadsheet_says_what_can_be_imported(tmp_path):
    foreign = tmp_path / "rozpocet.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Rozpočet města"
    book.save(foreign)
    with pytest.raises(DossierError, match=r"\.dossier"):
        load_source(foreign)
    other = tmp_path / "loni.csv"
    other.write_text("a;b", encoding="utf-8")
    with pytest.raises(DossierError, match=r"\.dossier"):
        load_source(other)


# --- command line ------------------------------------------------------------------------------------


def test_rollover_command_saves_and_prints_czech_summary(sample_2020_path, tmp_path, capsys):
    out = tmp_path / "plzen-2021.dossier"
    assert rollover_command(sample_2020_path, 2021, "", out, ["P1", "P3"]) == 0
    printed = capsys.readouterr().out
    assert "Nový ročník 2021 z loňské žádosti „plzen-2020.dossier“" in printed
    assert "Vynechané projekty: P2" in printed
    saved = native.load(out)
    assert [p.id for p in saved.projects] == ["P1", "P3"]
    assert saved.review
    with pytest.raises(DossierError):
        rollover_command(out, 2022, "", out, None)


def test_cli_rollover_then_check_lists_review_warnings(sample_2020_path, tmp_path, capsys):
    out = tmp_path / "novy.dossier"
    assert cli.main(["rollover", str(sample_2020_path), "--year", "2021", "-o", str(out)]) == 0
    capsys.readouterr()
    cli.main(["check", str(out)])
    printed = capsys.readouterr().out
    assert f"{NOTE_2020} (víceletý → jednoletý" in printed
    assert "[projects/P1/multi_year]" in printed
    assert cli.main(["rollover", str(sample_2020_path), "--year", "2019", "-o", str(out)]) == 2


def test_report_text_is_czech_and_complete(rolled_2021):
    text = render_text(rolled_2021.report)
    for heading in ("Převedeno podle pravidel 2021", "Změněno", "Vymazáno", "Ke kontrole", "Převzato beze změny"):
        assert heading in text
    assert "Plzeňská senior akademie 2020 → Plzeňská senior akademie 2021" in text


@pytest.mark.parametrize("sample", ["sample_2020", "sample_2021"])
def test_every_later_year_gives_a_valid_dossier(sample, request):
    last = request.getfixturevalue(sample)
    for key in targets_after(last):
        year, _, round_ = key.partition("-")
        new = rollover(last, int(year), round_).dossier
        assert native.loads(native.dumps(new)) == new, key  # still a valid, loadable dossier
        for path in new.review:
            paths.get(new, path)
        for project in new.projects:
            assert not re.search(rf"(?<![\d–-]){last.year}(?![\d–-])", project.title), (key, project.title)


def test_special_round_of_the_same_year_moves_nothing_in_time(sample_2020):
    regular = rollover(sample_2020, 2024).dossier
    special = rollover(regular, 2024, "2")
    new = special.dossier
    assert (new.year, new.round) == (2024, "2")
    assert [p.title for p in new.projects] == [p.title for p in regular.projects]
    assert [p.date_from for p in new.projects] == [p.date_from for p in regular.projects]
    assert new.review["applicant/statutory_representative"] == "převzato z roku 2024 – nezkontrolováno"
    assert any(e.path == "projects/P2/budget_type" for e in special.report.conflicts)  # 2024-2: no investments


def _containers(node, found=None):
    """id → object of every model, list and dict in a model tree."""
    found = {} if found is None else found
    if isinstance(node, (BaseModel, list, dict)):
        found[id(node)] = node
        values = (
            node.__dict__.values() if isinstance(node, BaseModel) else node.values() if isinstance(node, dict) else node
        )
        for value in values:
            _containers(value, found)
    return found


@pytest.mark.parametrize("sample", ["sample_2020", "sample_2021"])
def test_the_copy_rolled_forward_shares_nothing_that_can_change(sample, request):
    from dossier.core.rollover.engine import copy_tree

    last = request.getfixturevalue(sample)
    last.review = {"projects/P1/title": "x"}
    copy = copy_tree(last)
    assert copy == last and native.dumps(copy) == native.dumps(last)
    original = _containers(last)
    assert len(original) > 50
    assert not set(original) & set(_containers(copy))


def test_a_roll_forward_that_moves_lines_shares_only_lines_no_rule_changed():
    from dossier.bench.generate import make_dossier

    last = make_dossier(3, 10, 2020)
    last.projects[0].budget[1].text = "Služby v roce 2020"  # a year in a line's text: that budget changes
    before = native.dumps(last)
    new = rollover(last, 2021, keep_last=False).dossier
    assert native.dumps(last) == before  # the transforms read last year's values: they stay
    assert "2021" in new.projects[0].budget[1].text
    shared = set(_containers(last)) & set(_containers(new))
    lines = {id(line): project.id for project in last.projects for line in project.budget}
    assert shared and shared <= set(lines)
    assert {lines[key] for key in shared} == {"P2", "P3"}


def test_report_lines_of_list_items_say_which_item(sample_2021):
    text = rollover(sample_2021, 2022).text()
    costs = [line for line in text.splitlines() if "Měsíční náklady" in line]
    assert len(costs) >= 2 and len(set(costs)) == len(costs)
    assert "(položka 2)" in text and "P2 · řádek 1 · Cena za jednotku" in text  # budget lines say it in their place


def test_review_marks_get_the_checks_of_the_model_once_per_note(sample_2020):
    from pydantic import ValidationError

    from dossier.core.rollover.engine import _set_marks

    marks = {"projects/P1/title": "a\r\nb\x01", "projects/P2/title": "c", "projects/P3/title": "a\r\nb\x01"}
    _set_marks(sample_2020, marks)
    assert sample_2020.review == {"projects/P1/title": "a\nb", "projects/P2/title": "c", "projects/P3/title": "a\nb"}
    assert list(sample_2020.review) == list(marks)
    with pytest.raises(ValidationError):
        _set_marks(sample_2020, {"projects/P1/title": "x" * 2001})


def test_transforms_asked_once_per_text_do_not_look_at_the_path(sample_2020):
    from dossier.core.rollover.transforms import BY_VALUE, TRANSFORMS, Context
    from dossier.core.rules import rules_for

    pack = rules_for(2021).pack
    ctx = Context(last=sample_2020, old_pack=rules_for(2020).pack, new_pack=pack, year=2021)
    texts = ["Materiál 2020", "Služby 2019–2020", "NEZNAMA", pack.categories.codes[0], "", "plán 2020–2022"]
    for name in BY_VALUE:
        for text in texts:
            outcomes = {
                repr(TRANSFORMS[name](ctx, f"projects/{p.id}/budget/0/text", text)) for p in sample_2020.projects
            }
            assert len(outcomes) == 1, (name, text)


def test_a_transform_silent_for_a_project_says_nothing_about_its_lines(sample_2020):
    from dossier.core.rollover.transforms import SILENT_WHEN, TRANSFORMS, Context
    from dossier.core.rules import rules_for

    ctx = Context(last=sample_2020, old_pack=rules_for(2020).pack, new_pack=rules_for(2021).pack, year=2021)
    silent = [(name, p) for name, test in SILENT_WHEN.items() for p in sample_2020.projects if test(ctx, p.id)]
    assert silent
    for name, project in silent:
        for number, line in enumerate(project.budget):
            path = f"projects/{project.id}/budget/{number}/unit_price"
            assert TRANSFORMS[name](ctx, path, line.unit_price) is None


@pytest.mark.parametrize(
    "how",
    [
        {"action": "review"},
        {"action": "review", "transform": "year_in_text"},
        {"action": "keep", "quiet": True, "transform": "year_in_text"},
    ],
)
def test_a_budget_rule_naming_no_field_is_refused(how, monkeypatch):
    from dossier.bench.generate import make_dossier
    from dossier.core.rollover.policy import PolicyRule, load_policy

    rule = PolicyRule(path="projects/*/budget/*/no_such_field", **how)
    broken = load_policy().model_copy(update={"rules": [*load_policy().rules, rule]})
    monkeypatch.setattr("dossier.core.rollover.engine.load_policy", lambda: broken)
    with pytest.raises(paths.PathError):
        rollover(make_dossier(2, 3, 2020), 2021)
