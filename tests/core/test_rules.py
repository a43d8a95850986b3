import copy

from dossier.core.checks import run_checks
from dossier.core.rules import all_packs, priority_mappings, rules_for


def test_required_packs_exist_and_carry_sources():
    packs = all_packs()
    for key in ("2020", "2021", "2023", "2025", "2024-2"):
        assert key in packs
    for pack in packs.values():
        for name in ("deadline", "max_subsidy_rate", "max_apk", "investment_allowed", "amount_multiple"):
            assert getattr(pack, name).source, (pack.key, name)


def test_year_specific_values():
    assert rules_for(2021).pack.max_apk.value == 4
    assert rules_for(2020).pack.max_apk.value == 2
    assert rules_for(2025).pack.investment_allowed.value is False
    assert str(rules_for(2024, "2").pack.max_subsidy_rate.value) == "1.00"
    assert rules_for(2023).pack.priorities.codes == list("ABCDEFG")
    assert rules_for(2021).pack.priorities.codes == ["1", "2", "3", "4", "5"]


def test_unverified_rules_are_marked():
    pack = rules_for(2025).pack
    assert pack.max_subsidy_rate.unverified
    assert "neověřeno" in pack.max_subsidy_rate.citation
    assert not rules_for(2021).pack.max_apk.unverified


def test_year_without_pack_falls_back_to_nearest_older_and_says_so():
    choice = rules_for(2027)
    assert choice.pack.key == "2026"
    assert choice.is_fallback and "2027" in choice.fallback_notice
    assert rules_for(2021).is_fallback is False
    assert rules_for(2022, "7").pack.key == "2022"


def test_priority_mapping_table_covers_the_old_list():
    mapping = priority_mappings()[("PK-2016-2020-5P", "PK-2022-2027-7C")]
    assert set(mapping) == {"1", "2", "3", "4", "5"}


def test_changing_the_year_changes_the_rules_without_code_changes(sample_2021):
    three_apk = copy.deepcopy(sample_2021)
    apk = three_apk.project("P2").apk
    apk.count = 3
    apk.staff = apk.staff[:3]
    assert "APK_COUNT_EXCEEDED" not in {f.code for f in run_checks(three_apk)}
    three_apk.year = 2020
    assert "APK_COUNT_EXCEEDED" in {f.code for f in run_checks(three_apk)}


def test_special_round_2022_and_year_2026_have_packs_citing_sources():
    ukraine = rules_for(2022, "2")
    assert not ukraine.is_fallback and ukraine.pack.investment_allowed.value is False
    assert "Policie ČR" in " ".join(a.name for a in ukraine.pack.attachments.value)
    assert "smocr.cz" in ukraine.pack.deadline.citation
    year_2026 = rules_for(2026)
    assert not year_2026.is_fallback and year_2026.pack.deadline.unverified
    assert year_2026.pack.max_apk.applies_at == "unconfirmed"


def test_rates_known_only_from_2018_are_unverified_and_2024_round_two_lists_project_types():
    for year in (2020, 2021, 2022):
        assert rules_for(year).pack.max_subsidy_rate.unverified
    assert rules_for(2024).pack.apk_monthly_subsidy_cap.unverified
    assert rules_for(2024, "2").pack.priorities.codes == ["a", "b", "c", "d"]
    assert rules_for(2024, "2").pack.priorities.name_of("a") == "Asistent prevence kriminality"
