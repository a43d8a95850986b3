"""Texts a user can type, very long texts and control characters survive every format unchanged."""

import copy

import pytest
from docx import Document as read_docx  # noqa: N813 - reads as what it does here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core import labels
from dossier.core.checks import run_checks
from dossier.core.typography import typeset
from dossier.formats import native
from dossier.formats.docx_export import export_docx
from dossier.formats.xlsx_export import export_xlsx
from dossier.formats.xlsx_import import import_xlsx

LONG = ("Řádek s diakritikou – žluťoučký kůň úpěl ďábelské ódy. " * 1900)[:100_000]


def test_a_100000_character_text_survives_save_exports_and_import(sample_2021, tmp_path):
    dossier = copy.deepcopy(sample_2021)
    dossier.project("P1").problem = LONG
    dossier.project("P1").budget[0].justification = LONG
    path = tmp_path / "dlouhý text.dossier"
    native.save(dossier, path)
    assert native.load(path) == dossier
    export_xlsx(dossier, tmp_path / "dlouhý text.xlsx")
    assert import_xlsx(tmp_path / "dlouhý text.xlsx") == dossier
    export_docx(dossier, tmp_path / "dlouhý text.docx")
    body = "\n".join(p.text for p in read_docx(tmp_path / "dlouhý text.docx").paragraphs)
    assert typeset(LONG.strip()) in body  # the Word export ties one-letter words (Czech typography)
    assert any(f.code == "TEXT_TOO_LONG" and f.path == "projects/P1/problem" for f in run_checks(dossier))


def test_control_characters_never_reach_a_file(sample_2021, tmp_path):
    dossier = copy.deepcopy(sample_2021)
    dossier.project("P1").title = "Konference\x01\x02 2021\x0b"
    assert dossier.project("P1").title == "Konference 2021"
    export_xlsx(dossier, tmp_path / "a.xlsx")
    export_docx(dossier, tmp_path / "a.docx")
    assert import_xlsx(tmp_path / "a.xlsx").project("P1").title == "Konference 2021"


typed = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=typed, problem=typed, item=typed, justification=typed)
def test_any_typed_text_survives_export_and_import(sample_2021, tmp_path, title, problem, item, justification):
    dossier = copy.deepcopy(sample_2021)
    project = dossier.project("P2")
    project.title, project.problem = title, problem
    project.budget[0].text, project.budget[0].justification = item, justification
    out = tmp_path / "round-trip.xlsx"
    export_xlsx(dossier, out)
    assert import_xlsx(out) == dossier


@pytest.mark.parametrize("title", ["", labels.UNTITLED, f"{labels.UNTITLED} 2"])
def test_a_title_that_reads_like_the_untitled_mark_survives_export_and_import(sample_2021, tmp_path, title):
    dossier = copy.deepcopy(sample_2021)
    dossier.project("P2").title = title
    export_xlsx(dossier, tmp_path / "a.xlsx")
    assert import_xlsx(tmp_path / "a.xlsx").project("P2").title == title
