"""Rule citations name public pages readably, never an internal code or file."""

import re

from dossier.core.checks.base import CITE_APK, CITE_FORMAL
from dossier.core.rules import all_packs
from dossier.core.sources import all_sources, cite, unknown_codes, urls


def _sources_of(pack):
    for name, value in pack:
        if hasattr(value, "source"):
            yield name, value


def test_every_code_a_pack_names_is_in_sources_json():
    for pack in all_packs().values():
        for name, rule in _sources_of(pack):
            assert not unknown_codes(rule.source), f"{pack.key}.{name}: {rule.source}"


def test_citations_are_readable_without_codes_or_internal_files():
    for pack in all_packs().values():
        for name, rule in _sources_of(pack):
            text = rule.citation
            assert not re.search(r"\bS\d+\b", text), f"{pack.key}.{name}: {text}"
            assert ".md" not in text and "http" not in text, f"{pack.key}.{name}: {text}"
    for constant in (CITE_FORMAL, CITE_APK):
        assert "Ministerstvo vnitra" in constant or "Praha 9" in constant
        assert not re.search(r"\bS\d+\b", constant)


def test_a_citation_gives_issuer_title_date_and_host():
    text = cite("S9")
    assert text.startswith("Ministerstvo vnitra ČR: Informace o schválení projektů")
    assert "(2021, mvcr.cz)" in text
    assert cite("S3; S4").count("Ministerstvo vnitra ČR") == 2
    assert cite("Zásady 2024 (nepřečteno)") == "Zásady 2024 (nepřečteno)"


def test_every_source_has_an_issuer_a_title_and_an_address_where_one_is_public():
    for source in all_sources().values():
        assert source.issuer and source.title
    assert urls("S9") == [all_sources()["S9"].url]
    assert all(u.startswith("http") for u in urls("S3; S4; S5"))
