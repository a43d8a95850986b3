"""Strategy links, indicators, documents and analysis figures in files: save/load, Excel round trip,
Word and Excel exports, the sample mark, roll-forward, and the sample's fidelity to its source."""

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl

from dossier.core.checks import run_checks
from dossier.core.labels import SAMPLE_MARK
from dossier.core.model import DocumentStatus, Dossier, Indicator, ProjectKind
from dossier.formats import native
from dossier.formats.docx_export import export_docx
from dossier.formats.rollover import rollover
from dossier.formats.xlsx_export import export_xlsx
from dossier.formats.xlsx_import import import_xlsx

ROOT = Path(__file__).resolve().parents[2]


def _docx_text(path: Path) -> str:
    doc = docx.Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    # The Word export ties one-letter words to the next with a no-break space; compare plain text.
    return "\n".join([p.text for p in doc.paragraphs] + cells).replace("\u00a0", " ")


def _xlsx_text(path: Path, sheet: str | None = None) -> str:
    wb = openpyxl.load_workbook(path)
    sheets = [wb[sheet]] if sheet else [ws for ws in wb.worksheets if ws.title != "_dossier"]
    return "\n".join(str(c) for ws in sheets for row in ws.iter_rows(values_only=True) for c in row if c is not None)


def _edited(sample):
    d = copy.deepcopy(sample)
    p = d.project("P2")
    p.indicators.append(Indicator(name="Kontakty s obyvateli – Doubravka", unit="osob", target=Decimal("1234.5678")))
    p.strategy.local_measure = "Opatření 3.2 – „bezpečná lokalita“\nřádek 2"
    p.external_implementer = True
    p.documents[0].status = DocumentStatus.NOT_NEEDED
    d.applicant.security_analysis.crime_rates[0].per_10k = Decimal("0.0001")
    return d


def test_new_fields_survive_save_and_load(sample_2021, tmp_path):
    d = _edited(sample_2021)
    path = tmp_path / "žádost.dossier"
    native.save(d, path)
    again = native.load(path)
    assert again == d
    assert again.project("P2").indicators[-1].target == Decimal("1234.5678")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["projects"][1]["indicators"][-1]["target"] == "1234.5678"  # exact, as text
    assert raw["projects"][1]["documents"][0]["status"] == "nepotreba"


def test_new_fields_round_trip_through_the_excel_export(sample_2021, tmp_path):
    d = _edited(sample_2021)
    path = tmp_path / "export.xlsx"
    export_xlsx(d, path)
    assert import_xlsx(path) == d


def test_a_file_without_the_new_fields_still_loads_with_empty_defaults():
    old = native.load(ROOT / "tests" / "data" / "schema-v1.dossier")
    assert all(p.indicators == [] and p.documents == [] and p.strategy.national == "" for p in old.projects)
    assert old.applicant.security_analysis.crime_rates == [] and old.metadata.sample is False


def test_schema_shows_strategy_links_indicators_documents_and_analysis_figures():
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "schema"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    schema = json.loads(out)
    defs = schema["$defs"]
    project = defs["Project"]["properties"]
    assert {"strategy", "indicators", "documents", "external_implementer"} <= set(project)
    assert {"national", "local_measure"} <= set(defs["StrategyLink"]["properties"])
    assert {"name", "unit", "target"} <= set(defs["Indicator"]["properties"])
    assert set(defs["DocumentStatus"]["enum"]) == {"potreba", "prilozeno", "nepotreba"}
    assert {"locality", "crime_rates", "date"} <= set(defs["SecurityAnalysis"]["properties"])
    assert {"year", "per_10k"} <= set(defs["CrimeRate"]["properties"])
    assert "sample" in defs["Metadata"]["properties"]


def test_word_export_shows_the_new_content_and_the_sample_mark(sample_2021, tmp_path):
    path = tmp_path / "popis.docx"
    export_docx(sample_2021, path)
    text = _docx_text(path)
    assert SAMPLE_MARK in text and "Vymyšlené jsou:" in text
    assert "4 – Komplexní přístup k bezpečí" in text
    assert "Nové kamery připojené do dohledového centra MP" in text
    assert "Vyjádření Policie ČR k projektu" in text and "přiloženo" in text
    assert "312,4" in text and "Trestné činy na 10 000 obyvatel" in text
    assert "Kategorie rozpočtu: návrh – neověřeno" in text


def test_excel_export_shows_the_new_content_and_the_sample_mark_on_the_summary(sample_2021, tmp_path):
    path = tmp_path / "rozpocet.xlsx"
    export_xlsx(sample_2021, path)
    summary = _xlsx_text(path, "Souhrn")
    assert SAMPLE_MARK in summary and "297.8" in summary and "Lokalita bezpečnostní analýzy" in summary
    everything = _xlsx_text(path)
    assert "Nové kamerové body" in everything and "Usnesení rady o podání žádosti a spolufinancování" in everything
    assert "5 – Nové hrozby a přístupy" in everything and "Kategorie rozpočtu: návrh – neověřeno" in everything


def test_exports_of_an_own_dossier_carry_no_sample_mark(sample_2021, tmp_path):
    d = copy.deepcopy(sample_2021)
    d.metadata.sample = False
    export_docx(d, tmp_path / "a.docx")
    export_xlsx(d, tmp_path / "a.xlsx")
    assert SAMPLE_MARK not in _docx_text(tmp_path / "a.docx")
    assert SAMPLE_MARK not in _xlsx_text(tmp_path / "a.xlsx")


def test_rolling_a_sample_forward_keeps_the_mark_and_asks_for_documents_again(sample_2021):
    result = rollover(sample_2021, 2023, source_name="plzen-2021.dossier")
    new = result.dossier
    assert new.metadata.sample and new.metadata.note == sample_2021.metadata.note  # invented data stay invented
    assert all(doc.status == DocumentStatus.NEEDED for p in new.projects for doc in p.documents)
    # 2023 uses the 2022–2027 strategy: the old codes are cleared for a new choice and marked for review
    assert [p.strategy.national for p in new.projects] == ["", "", ""]
    assert "projects/P1/strategy/national" in new.review
    assert "projects/P2/indicators" in new.review


def test_the_sample_camera_project_states_the_purposes_of_its_source(sample_2021):
    camera = next(p for p in sample_2021.projects if p.kind == ProjectKind.MKDS)
    text = f"{camera.problem}\n{camera.goals}".lower()
    for purpose in (
        "trestnou a přestupkovou činnost",
        "vandalismus",
        "poškozování majetku města",
        "odkládání odpadu",
        "podnapilými osobami",
        "přestupky na místě",
        "pohyb podezřelých osob",
        "zásahy hlídek",
    ):
        assert purpose in text, purpose
    assert "krádež" not in text and "výtržnost" not in text  # not named by the source


def test_the_sample_note_lists_every_invented_kind_of_detail(sample_2021, sample_2020):
    for sample in (sample_2021, sample_2020):
        assert sample.metadata.sample
    note = sample_2021.metadata.note
    for detail in (
        "texty popisu projektů",
        "indikátory a jejich cílové hodnoty",
        "termín a místo konference",
        "počty a typy kamer",
        "mezd asistentů",
        "období místní strategie",
        "název odboru",
        "počty trestných činů na 10 000 obyvatel",
        "vazby projektů na cíle Strategie",
    ):
        assert detail in note, detail


def test_a_dossier_of_2020_with_three_assistants_has_no_error(sample_2020):
    d: Dossier = copy.deepcopy(sample_2020)
    apk = next(p for p in d.projects if p.kind == ProjectKind.APK).apk
    apk.count = 3
    assert not [f for f in run_checks(d) if f.severity == "error"]
