"""Word narrative export: content, Word conventions, templates, hostile text, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from dossier.core import labels
from dossier.core.dates import format_date
from dossier.core.errors import DossierError
from dossier.core.model import NARRATIVE_FIELDS, BudgetLine, Building, DomovnikSection, Dossier, Project, ProjectKind
from dossier.core.money import format_money, format_percent
from dossier.core.totals import dossier_totals, totals_json
from dossier.core.typography import typeset
from dossier.formats import docx_styles
from dossier.formats.docx_export import build_document, export_docx
from dossier.formats.docx_template import build_default_template
from dossier.resources import resource_path
from tests.lo_helpers import convert, pdf_page_count

HOSTILE = "Fakta & mýty <b>tučně</b> \"uvozovky\" 'apostrof' 😀🚓\ttabulátor\x01 konec"


def export(dossier, tmp_path, name="narrative.docx", **kwargs) -> docx.document.Document:
    path = tmp_path / name
    export_docx(dossier, path, **kwargs)
    return docx.Document(str(path))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def section_paragraphs(doc, heading: str) -> list:
    """Paragraphs after the Heading 2 ``heading`` up to the next heading or table."""
    found, result = False, []
    for block in doc.iter_inner_content():
        if isinstance(block, docx.table.Table):
            if found:
                break
            continue
        if block.style.name.startswith("Heading"):
            if found:
                break
            found = block.text == typeset(heading)  # headings are typeset (NBSP after "a")
            continue
        if found:
            result.append(block)
    return result


def last_row(table) -> list[str]:
    return [cell.text for cell in table.rows[-1].cells]


def one_project_dossier(**fields) -> Dossier:
    project = Project(
        id="P1",
        title="Zkušební projekt",
        budget=[
            BudgetLine(text="Položka", quantity=Decimal("2"), unit_price=Decimal("1000"), requested=Decimal("1500"))
        ],
    )
    # model_copy skips validation: the export must cope with text the model would have cleaned.
    project = project.model_copy(update=fields)
    return Dossier(year=2021, applicant={"name": "Obec Zkušebná"}, projects=[project])


# --- content -----------------------------------------------------------------------------


def test_sample_has_every_title_section_and_total(sample_2021, tmp_path):
    doc = export(sample_2021, tmp_path)
    text = all_text(doc)
    headings_1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    for project in sample_2021.projects:
        assert project.title in headings_1
        for field in NARRATIVE_FIELDS:
            value = getattr(project, field).strip()
            if not value:
                continue
            assert typeset(labels.PROJECT_FIELDS[field]) in text
            for line in value.split("\n"):
                line = re.sub(r"^[-–•]\s*", "", line.strip())
                assert typeset(line) in text, f"{project.id}/{field}: {line!r}"

    expected = totals_json(sample_2021)
    summary = next(t for t in doc.tables if t.rows[0].cells[1].text == labels.PROJECT_FIELDS["title"])
    assert last_row(summary)[3:6] == [format_money(expected[k]) for k in ("total", "requested", "own")]
    assert last_row(summary)[6] == format_percent(dossier_totals(sample_2021).rate)
    budgets = [t for t in doc.tables if t.rows[0].cells[0].text == "Č." and t._tbl is not summary._tbl]
    assert len(budgets) == len(expected["projects"])
    for row, (table, project) in enumerate(zip(budgets, expected["projects"]), start=1):
        figures = [format_money(project[k]) for k in ("total", "requested", "own")]
        assert last_row(table)[4:7] == figures
        assert [c.text for c in summary.rows[row].cells][3:6] == figures


def test_title_page_properties_and_export_date(sample_2021, tmp_path):
    doc = export(sample_2021, tmp_path)
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == labels.program_name(2021)
    assert f"Datum exportu: {format_date(dt.date.today())}" in all_text(doc)  # today, not the last change
    assert "10.\u00a02.\u00a02021" not in all_text(doc)  # the dossier's metadata.modified
    fixed = export(
        sample_2021, tmp_path, "fixed.docx", export_date=dt.date(2021, 2, 12)
    )  # injectable for reproducible files
    assert "Datum exportu: 12.\u00a02.\u00a02021" in all_text(fixed)
    props = doc.core_properties
    assert props.author == "Statutární město Plzeň"
    assert props.subject == labels.program_name(2021)
    assert "Statutární město Plzeň" in props.title
    assert props.language == "cs-CZ"


def test_applicant_block(sample_2021, tmp_path):
    doc = export(sample_2021, tmp_path)
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert list(facts) == [typeset(label) for label in labels.APPLICANT_FIELDS.values()]
    assert facts["Adresa sídla"] == "náměstí Republiky 1/1, 301 00 Plzeň"
    assert facts["Kontaktní osoba"] == typeset(
        "Petr Svoboda, referent prevence kriminality, +420 378 000 001, svobodap@plzen.eu"
    )
    assert facts["Bezpečnostní analýza"] == "30.\u00a011.\u00a02020; data za roky 2018, 2019"
    assert facts["Strategický dokument PK"].startswith(
        typeset("Koncepce prevence kriminality a protidrogové prevence města Plzně (2021–2025), usnesení")
    )


def test_project_facts_and_kind_parts(sample_2021, tmp_path):
    doc = export(sample_2021, tmp_path)
    text = all_text(doc)
    assert typeset("4 – Komplexní přístup k bezpečí v sociálně vyloučených a jiných rizikových lokalitách") in text
    assert "1.\u00a01.\u00a02021 – 31.\u00a012.\u00a02021" in text
    assert "6.\u00a010.\u00a02021 – 7.\u00a010.\u00a02021" in text  # conference dates
    staff = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Pracovní smlouva")
    assert [c.text for c in staff.rows[1].cells] == [
        "APK 1",
        "1",
        "12",
        format_money(31500),
        "doba určitá 1/2021–12/2021",
    ]
    cameras = next(t for t in doc.tables if t.rows[0].cells[1].text == "Umístění")
    assert [c.text for c in cameras.rows[2].cells][:2] == ["KB2", "Wenzigova"]
    assert "30 dní" in text


def test_domovnik_part_and_empty_sections_left_out(tmp_path):
    dossier = one_project_dossier(
        kind=ProjectKind.DOMOVNIK,
        problem="Problém.",
        evaluation="",
        domovnik=DomovnikSection(
            count=2,
            hours_per_month=Decimal("20"),
            buildings=[
                Building(address="Lipová 1", owner="město", owned_by_municipality=True),
                Building(address="Jasanová 7", owner="SVJ", owned_by_municipality=False),
            ],
        ),
    )
    doc = export(dossier, tmp_path)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert typeset(labels.PROJECT_FIELDS["problem"]) in headings
    assert typeset(labels.PROJECT_FIELDS["evaluation"]) not in headings
    assert typeset(labels.PROJECT_FIELDS["domovnik"]) in headings
    buildings = next(t for t in doc.tables if t.rows[0].cells[0].text == "Adresa domu")
    assert [[c.text for c in row.cells] for row in buildings.rows[1:]] == [
        ["Lipová 1", "město", "ano"],
        ["Jasanová 7", "SVJ", "ne"],
    ]


def test_empty_dossier_exports(tmp_path):
    doc = export(Dossier(year=2024, round="2"), tmp_path)
    assert doc.paragraphs[0].text == labels.program_name(2024, "2")
    assert "Žádost zatím neobsahuje žádný projekt." in all_text(doc)


# --- text rules --------------------------------------------------------------------------


def test_bullet_lines_become_list_bullet_paragraphs(tmp_path):
    doc = export(one_project_dossier(goals="Úvod:\n- první\n– druhý\n•třetí\n-5 % není odrážka"), tmp_path)
    paragraphs = section_paragraphs(doc, labels.PROJECT_FIELDS["goals"])
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Normal", "Úvod:"),
        ("List Bullet", "první"),
        ("List Bullet", "druhý"),
        ("List Bullet", typeset("třetí\n-5 % není odrážka")),
    ]


def test_blank_line_splits_paragraphs_single_newline_is_a_break(tmp_path):
    doc = export(one_project_dossier(problem="První odstavec\npokračuje.\n\n \n\nDruhý odstavec."), tmp_path)
    paragraphs = section_paragraphs(doc, labels.PROJECT_FIELDS["problem"])
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Normal", "První odstavec\npokračuje."),
        ("Normal", "Druhý odstavec."),
    ]
    assert paragraphs[0]._p.xpath(".//w:br")


def test_hostile_text_exports_and_reads_back(tmp_path):
    dossier = one_project_dossier(title=HOSTILE, problem=HOSTILE, partners=HOSTILE)
    dossier.projects[0].budget[0] = dossier.projects[0].budget[0].model_copy(update={"text": HOSTILE})
    dossier.applicant = dossier.applicant.model_copy(update={"name": HOSTILE})
    doc = export(dossier, tmp_path)
    expected = HOSTILE.replace("\x01", "")
    text = all_text(doc)
    assert text.count(expected) >= 5  # title, heading, applicant, problem, partners, budget line
    assert "\x01" not in text
    assert expected in doc.core_properties.author


def test_cells_always_hold_a_paragraph(tmp_path):
    doc = export(one_project_dossier(partners="-", locality="- \n•", target_group="a\n\n- b"), tmp_path)
    for table in doc.tables:
        for row in table.rows:
            assert all(cell._tc.xpath("./w:p") for cell in row.cells)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == labels.PROJECT_FIELDS["kind"])
    facts = {row.cells[0].text: row.cells[1] for row in table.rows}
    assert [(p.style.name, p.text) for p in facts[labels.PROJECT_FIELDS["target_group"]].paragraphs] == [
        ("Tabulka text", "a"),
        ("List Bullet", "b"),
    ]


@pytest.mark.slow  # 40 generated documents
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.text(alphabet=hs.characters(exclude_categories=("Cs",)), max_size=200))
def test_any_text_never_breaks_the_export(value):
    doc = build_document(one_project_dossier(title=value, problem=value, locality=value))
    doc.save(io.BytesIO())


# --- Word conventions ----------------------------------------------------------------------


def test_tables_repeat_header_rows_and_rows_never_split(sample_2021, tmp_path):
    doc = export(sample_2021, tmp_path)
    with_header = 0
    for table in doc.tables:
        assert table.style.name == docx_styles.TABLE
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert header == (look.get(qn("w:firstRow")) == "1")  # data tables: header row; facts: none
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
        with_header += header
    # summary, three budgets, APK staff, MKDS cameras, crime rates, three indicator and three document tables
    assert with_header == 1 + 3 + 2 + 1 + 3 + 3


@pytest.mark.parametrize("user_template", [False, True])
def test_tables_fit_the_page_width(sample_2021, tmp_path, user_template):
    # python-docx's own default document is US Letter with 3,17 cm margins: 15,2 cm of text width.
    template = _user_template(tmp_path) if user_template else None
    doc = export(sample_2021, tmp_path, template=template)
    section = doc.sections[0]
    text_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    for table in doc.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert text_width - 10 <= sum(grid) <= text_width
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_language_fonts_and_heading_keep_with_next(tmp_path):
    doc = export(one_project_dossier(), tmp_path)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "cs-CZ"
    fonts = defaults.find(qn("w:rFonts"))
    assert [fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")] == ["Calibri"] * 4
    # Theme fonts would override Calibri (python-docx's default template asks for Cambria).
    assert not doc.styles.element.xpath(".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme]")
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].paragraph_format.keep_with_next


def test_bundled_template(tmp_path):
    path = resource_path("templates", "narrative.docx")
    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert {
        section.left_margin.twips,
        section.right_margin.twips,
        section.top_margin.twips,
        section.bottom_margin.twips,
    } == {1417}
    footer = section.footer.paragraphs[0]
    instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"] and footer.text.startswith("strana ")
    assert all(not p.text for p in doc.paragraphs) and not doc.tables
    # The committed file is what the script produces (regenerate it after changing docx_styles).
    with zipfile.ZipFile(path) as committed:
        built = io.BytesIO()
        build_default_template().save(built)
        with zipfile.ZipFile(built) as fresh:
            assert committed.read("word/styles.xml") == fresh.read("word/styles.xml"), (
                "narrative.docx je zastaralá: spusťte resources/templates/make_narrative_template.py"
            )


# --- templates and failures ----------------------------------------------------------------


def _user_template(tmp_path, *, drop_numbering=False):
    doc = docx.Document()
    doc.add_paragraph("OBSAH ŠABLONY KE SMAZÁNÍ")
    doc.sections[0].header.paragraphs[0].text = "Hlavička úřadu"
    styles = doc.styles.element
    styles.remove(doc.styles["List Bullet"].element)
    if drop_numbering:
        for rel_id, rel in list(doc.part.rels.items()):
            if rel.reltype.endswith("/numbering"):
                doc.part.drop_rel(rel_id)
    path = tmp_path / "sablona.docx"
    doc.save(str(path))
    assert "List Bullet" not in docx.Document(str(path)).styles
    return path


@pytest.mark.parametrize("drop_numbering", [False, True])
def test_user_template_without_list_bullet(tmp_path, drop_numbering):
    template = _user_template(tmp_path, drop_numbering=drop_numbering)
    doc = export(one_project_dossier(goals="- jedna\n- dvě"), tmp_path, template=template)
    assert "OBSAH ŠABLONY KE SMAZÁNÍ" not in all_text(doc)
    assert doc.sections[0].header.paragraphs[0].text == "Hlavička úřadu"
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["jedna", "dvě"]
    num_id = doc.styles["List Bullet"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = doc.part.numbering_part.element
    assert numbering.xpath(f"w:num[@w:numId='{num_id}']")


def test_dotx_template_is_accepted(tmp_path):
    source = resource_path("templates", "narrative.docx").read_bytes()
    dotx = tmp_path / "sablona.dotx"
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    doc = export(one_project_dossier(), tmp_path, template=dotx)
    assert "Zkušební projekt" in all_text(doc)


@pytest.mark.parametrize("content", [b"Toto neni dokument Word.", b"PK\x03\x04 poskozeny zip", b""])
def test_invalid_template_gives_czech_error(tmp_path, content):
    template = tmp_path / "sablona.docx"
    template.write_bytes(content)
    target = tmp_path / "out.docx"
    with pytest.raises(DossierError, match="Šablona „sablona.docx“ není platný dokument Word"):
        export_docx(one_project_dossier(), target, template=template)
    assert not target.exists()


def test_missing_template_and_unwritable_target(tmp_path):
    with pytest.raises(DossierError, match="neexistuje"):
        export_docx(one_project_dossier(), tmp_path / "a.docx", template=tmp_path / "chybi.docx")
    with pytest.raises(DossierError, match="nepodařilo uložit"):
        export_docx(one_project_dossier(), tmp_path / "neni-slozka" / "a.docx")


def test_export_replaces_existing_file_without_backup(tmp_path):
    target = tmp_path / "narrative.docx"
    target.write_bytes(b"stara verze")
    export_docx(one_project_dossier(), target)
    assert docx.Document(str(target)).paragraphs[0].style.name == "Title"
    assert not (tmp_path / "narrative.docx.bak").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["narrative.docx"]


# --- LibreOffice ---------------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_converts_to_pdf(sample_2021, tmp_path, soffice):
    source = tmp_path / "plzen-2021.docx"
    export_docx(sample_2021, source)
    pdf = convert(source, "pdf", tmp_path / "pdf", tmp_path)
    pages = pdf_page_count(pdf)
    assert 5 <= pages <= 20
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.replace("\u00a0", " ")
    # The title page carries no header or footer; every later page is numbered out of all of them.
    assert f"strana 1 z {pages}" not in text
    assert f"strana 2 z {pages}" in text and f"strana {pages} z {pages}" in text
    for project in sample_2021.projects:
        assert project.title in text
    assert format_money(totals_json(sample_2021)["requested"]).replace("\u00a0", " ") in text
