"""Excel export: figures equal the model's (cached and recalculated), Czech print layout, hostile text."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter

from dossier.core import labels
from dossier.core.errors import DossierError
from dossier.core.model import BudgetLine, BudgetType, Dossier, Project
from dossier.core.totals import dossier_totals, project_totals, totals_json
from dossier.formats.xlsx_common import CHUNK_CHARS, DATA_SHEET, MAX_CELL_UNITS, merge_text, sheet_names, utf16_len
from dossier.formats.xlsx_export import build_xlsx, export_xlsx
from dossier.formats.xlsx_import import import_xlsx
from tests.formats.xlsx_helpers import halere_dossier, money, row_with, rows_with
from tests.lo_helpers import convert, pdf_page_count

# Column indexes (0-based) in the exported sheets, as a reader sees them.
S_ID, S_TITLE, S_TOTAL, S_ELIGIBLE, S_REQUESTED, S_OWN, S_RATE = 0, 1, 4, 5, 6, 7, 8
P_LABEL, P_CATEGORY, P_TOTAL, P_REQUESTED, P_OWN = 1, 2, 6, 7, 8


def export(dossier, tmp_path, name="export.xlsx", **kwargs):
    path = tmp_path / name
    export_xlsx(dossier, path, **kwargs)
    return path


def assert_totals_match(workbook, dossier):
    """Every figure of ``check --json`` is where a reader looks for it, to the haléř."""
    expected = totals_json(dossier)
    summary = workbook["Souhrn"]
    grand = row_with(summary, S_TITLE, "Celkem za žádost")
    assert [money(grand[c]) for c in (S_TOTAL, S_REQUESTED, S_OWN)] == [
        money(expected[k]) for k in ("total", "requested", "own")
    ]
    project_sheets = [name for name in workbook.sheetnames if name not in ("Souhrn", DATA_SHEET)]
    assert len(project_sheets) == len(expected["projects"])
    for figures, sheet_name in zip(expected["projects"], project_sheets):
        want = [money(figures[k]) for k in ("total", "requested", "own")]
        row = row_with(summary, S_ID, figures["id"])
        assert [money(row[c]) for c in (S_TOTAL, S_REQUESTED, S_OWN)] == want, figures["id"]
        totals_row = row_with(workbook[sheet_name], P_LABEL, labels.TOTALS["total"])
        assert [money(totals_row[c]) for c in (P_TOTAL, P_REQUESTED, P_OWN)] == want, sheet_name


@pytest.fixture
def sample_xlsx(sample_2021, tmp_path):
    return export(sample_2021, tmp_path, file_label="plzen-2021.dossier")


def test_cached_values_equal_model_totals(sample_2021, sample_xlsx):
    # What Protected View, previewers and openpyxl data_only see: the cached values.
    assert_totals_match(openpyxl.load_workbook(sample_xlsx, data_only=True), sample_2021)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample", "halere"])
def test_libreoffice_recalculation_equals_model_totals(soffice, sample_2021, tmp_path, which):
    dossier = sample_2021 if which == "sample" else halere_dossier()
    src = export(dossier, tmp_path)
    recalculated = convert(src, "xlsx", tmp_path / "recalc", tmp_path)
    lo = openpyxl.load_workbook(recalculated, data_only=True)
    assert_totals_match(lo, dossier)
    # Every other figure too: each cached value is what LibreOffice computes from the formulas.
    ours = openpyxl.load_workbook(src, data_only=True)
    for name in ours.sheetnames[:-1]:
        for mine, theirs in zip(ours[name].iter_rows(), lo[name].iter_rows()):
            for a, b in zip(mine, theirs):
                if isinstance(a.value, (int, float)) and not isinstance(a.value, bool):
                    assert money(a.value) == money(b.value), f"{name}!{a.coordinate}"


def test_totals_are_live_formulas(sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx)
    first_sheet = wb.sheetnames[1]
    grand = row_with(wb["Souhrn"], S_TITLE, "Celkem za žádost")
    assert grand[S_TOTAL].startswith("=SUM(")
    p1 = row_with(wb["Souhrn"], S_ID, "P1")
    assert p1[S_TOTAL].startswith(f"='{first_sheet}'!G")
    sheet = wb[first_sheet]
    line = row_with(sheet, 0, 1)
    assert re.fullmatch(r"=ROUND\(E(\d+)\*F\1,2\)", line[P_TOTAL])
    assert re.fullmatch(r"=G(\d+)-H\1", line[P_OWN])
    assert row_with(sheet, P_LABEL, labels.TOTALS["total"])[P_TOTAL].startswith("=SUM(G")


def test_subtotals_by_budget_type_and_category(sample_2021, sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx, data_only=True)
    totals = dossier_totals(sample_2021)
    for budget_type in BudgetType:
        row = row_with(wb["Souhrn"], S_TITLE, f"Mezisoučet – {labels.BUDGET_TYPES[budget_type]}")
        sums = totals.by_budget_type[budget_type]
        assert [money(row[c]) for c in (S_TOTAL, S_ELIGIBLE, S_REQUESTED, S_OWN)] == [
            money(v) for v in (sums.total, sums.eligible, sums.requested, sums.own)
        ]
        assert sums.total > 0  # the sample has both kinds
    p1_totals = project_totals(sample_2021.projects[0])
    sheet = wb[wb.sheetnames[1]]
    subtotals = rows_with(sheet, P_LABEL, "Mezisoučet za kategorii")
    assert len(subtotals) == len(p1_totals.by_category)
    by_name = {row[P_CATEGORY]: row for row in subtotals}
    services = by_name["Služby (pronájem, technika, tisk, agentura)"]
    assert [money(services[c]) for c in (P_TOTAL, P_REQUESTED, P_OWN)] == [
        money(v)
        for v in (
            p1_totals.by_category["SLUZBY"].total,
            p1_totals.by_category["SLUZBY"].requested,
            p1_totals.by_category["SLUZBY"].own,
        )
    ]
    eligible = row_with(sheet, P_LABEL, labels.TOTALS["eligible"])
    assert money(eligible[P_TOTAL]) == money(p1_totals.eligible)
    rate = row_with(sheet, P_LABEL, "Podíl dotace z uznatelných nákladů")
    assert Decimal(str(rate[P_REQUESTED])) == p1_totals.rate


def test_header_block_and_czech_period(sample_2021, sample_xlsx):
    sheet = openpyxl.load_workbook(sample_xlsx).worksheets[1]
    facts = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, max_row=7, values_only=True)}
    assert facts["Doba realizace"] == "1. 1. 2021 – 31. 12. 2021".replace(". ", ".\u00a0")
    assert facts["Priorita programu"] == "1 – Systém prevence kriminality"
    assert facts["Druh projektu"] == labels.PROJECT_KINDS[sample_2021.projects[0].kind]
    assert facts["Typ rozpočtu"] == "neinvestiční"
    header = row_with(sheet, 0, "Č.")
    assert list(header[1:11]) == [
        labels.BUDGET_FIELDS[k]
        for k in (
            "text",
            "category",
            "unit",
            "quantity",
            "unit_price",
            "total",
            "requested",
            "own",
            "eligible",
            "justification",
        )
    ]


def test_summary_names_programme_applicant_and_check_status(sample_xlsx):
    summary = openpyxl.load_workbook(sample_xlsx)["Souhrn"]
    values = [v for row in summary.iter_rows(values_only=True) for v in row if v is not None]
    assert "Program prevence kriminality na místní úrovni 2021" in values
    assert "Statutární město Plzeň" in values and "00075370" in values
    assert "chyby: 0, upozornění: 0" in values


def test_czech_number_formats_and_calibri(sample_xlsx, tmp_path):
    wb = openpyxl.load_workbook(sample_xlsx)
    sheet = wb[wb.sheetnames[1]]
    line = next(r for r in sheet.iter_rows() if r[0].value == 1)
    assert line[P_TOTAL].number_format == '#,##0 "Kč"'
    rate = next(r for r in sheet.iter_rows() if r[P_LABEL].value == "Podíl dotace z uznatelných nákladů")
    assert rate[P_REQUESTED].number_format == "0.0 %"
    fonts = {cell.font.name for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Calibri"}
    haler = openpyxl.load_workbook(export(halere_dossier(), tmp_path, "h.xlsx"))
    line = next(r for r in haler[haler.sheetnames[1]].iter_rows() if r[0].value == 1)
    assert line[P_TOTAL].number_format == '#,##0.00 "Kč"'


def test_haler_amounts_are_exact(tmp_path):
    dossier = halere_dossier()
    wb = openpyxl.load_workbook(export(dossier, tmp_path), data_only=True)
    assert_totals_match(wb, dossier)
    sheet = wb[wb.sheetnames[1]]
    totals = [money(row[P_TOTAL]) for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert totals == [Decimal("3703.68"), Decimal("250.25"), Decimal("2.31")]


def test_print_setup(sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx)
    for sheet in wb.worksheets[:-1]:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default and may be omitted
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows and sheet.print_area
        assert sheet.freeze_panes is not None
        assert "plzen-2021.dossier" in sheet.oddFooter.left.text
        assert sheet.oddFooter.right.text == "strana &P z &N"


def test_footer_keeps_page_numbers_with_a_long_label(sample_2021, tmp_path):
    # Excel drops a footer over 255 characters; "&" doubles when escaped, emoji count twice.
    for label in ("&" * 300, "😀" * 300):
        footer = openpyxl.load_workbook(export(sample_2021, tmp_path, file_label=label)).worksheets[1].oddFooter
        assert footer.right.text == "strana &P z &N"
        assert footer.left.text.endswith("…")


def test_workbook_properties_and_determinism(sample_2021, sample_xlsx):
    props = openpyxl.load_workbook(sample_xlsx).properties
    assert props.title == "Rozpočet žádosti – Statutární město Plzeň"
    assert props.subject == "Program prevence kriminality na místní úrovni 2021"
    assert props.creator == "Statutární město Plzeň"
    assert props.created == sample_2021.metadata.modified
    assert build_xlsx(sample_2021) == build_xlsx(sample_2021)


def test_hidden_data_sheet(sample_2021, sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx)
    assert wb.sheetnames[0] == "Souhrn" and wb.sheetnames[-1] == DATA_SHEET
    assert wb[DATA_SHEET].sheet_state == "veryHidden"
    chunks = [row[0] for row in wb[DATA_SHEET].iter_rows(min_row=2, values_only=True)]
    assert all(len(chunk) <= CHUNK_CHARS for chunk in chunks)


@pytest.mark.slow
def test_pdf_prints_one_page_wide_with_czech_text(soffice, sample_xlsx, tmp_path):
    pdf = convert(sample_xlsx, "pdf", tmp_path / "pdf", tmp_path)
    visible_sheets = 4
    assert pdf_page_count(pdf) <= 2 * visible_sheets
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for phrase in (
        "Souhrn rozpočtu žádosti",
        "Rozšíření MKDS na území MO Plzeň 3",
        "Zdůvodnění",
        "strana 1 z",
        "Celkové náklady",
    ):
        assert phrase in text


# --- sheet names -------------------------------------------------------------------------


def test_sheet_names_are_valid_unique_and_short():
    titles = [
        "P1 " + "Velmi dlouhý název projektu prevence kriminality " * 3,
        "P2 a/b\\c:d*e?f[g]h",
        "P3 Stejný",
        "P3 stejný",
        "'P4 v apostrofech'",
        "Souhrn",
        "_DOSSIER",
        "history",
        "",
        "   ",
        "P5 😀 " + "x" * 40,
        "Projekt 1",
    ]
    names = sheet_names(titles)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 0 < utf16_len(name) <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.casefold() not in ("souhrn", "_dossier", "history")
    assert names[0].startswith("P1 Velmi dlouhý") and names[0].endswith("…")
    assert names[1] == "P2 a-b-c-def(g)h"
    assert names[2:4] == ["P3 Stejný", "P3 stejný (2)"]
    assert names[4] == "P4 v apostrofech"
    assert names[5] == "Souhrn (2)"
    assert names[8] == "Projekt 9" and names[9] == "Projekt 10"


def test_duplicate_long_titles_get_distinct_sheets(tmp_path):
    title = "Asistent prevence kriminality v sociálně vyloučených lokalitách"
    dossier = Dossier(
        year=2021,
        projects=[Project(id="P1", title=title), Project(id="P1", title=title), Project(id="P1", title=title)],
    )
    wb = openpyxl.load_workbook(export(dossier, tmp_path))
    assert len(set(wb.sheetnames)) == 5
    assert all(len(name) <= 31 for name in wb.sheetnames)


# --- hostile and unusual content ------------------------------------------------------------


def test_formula_like_text_stays_text(tmp_path):
    dossier = Dossier(
        year=2021,
        applicant={"name": '=HYPERLINK("http://x")', "ico": "+420"},
        projects=[
            Project(
                id="=1+1",
                title="=SUM(1)",
                locality="-2+3",
                budget=[
                    BudgetLine(
                        text="=SUM(1)",
                        unit="@A1",
                        category="+SLUZBY",
                        justification="=cmd|' /C calc'!A0",
                        unit_price=Decimal("10"),
                        requested=Decimal("5"),
                    ),
                ],
            ),
        ],
    )
    path = export(dossier, tmp_path)
    wb = openpyxl.load_workbook(path)
    hostile = {"=SUM(1)", '=HYPERLINK("http://x")', "+420", "=1+1", "-2+3", "@A1", "+SLUZBY", "=cmd|' /C calc'!A0"}
    found = {
        cell.value: cell.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value in hostile
    }
    assert set(found) == hostile
    assert set(found.values()) == {"s"}
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    # Formulas are only ours; user text may appear in them only as a quoted sheet name.
    formulas = [re.sub(r"'(?:[^']|'')*'!", "", f) for f in re.findall(r"<f>(.*?)</f>", xml)]
    assert formulas and not any(word in f for f in formulas for word in ("SUM(1)", "HYPERLINK", "calc", "1+1"))


def test_control_characters_and_emoji(tmp_path):
    dossier = Dossier(
        year=2021,
        applicant={"name": "Obec\x01 Ž\x0bluťoučká 😀"},
        projects=[
            Project(
                id="P1",
                title="Prevence 😀\x01 ve škole",
                budget=[
                    BudgetLine(text="Míč ⚽\x1f", justification="Řádek 1\r\nřádek 2\x00", unit_price=Decimal("100")),
                ],
            ),
        ],
    )
    path = export(dossier, tmp_path, file_label="soubor\x01 & spol. 😀.dossier")
    wb = openpyxl.load_workbook(path)
    texts = [c.value for ws in wb.worksheets[:-1] for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Obec Žluťoučká 😀" in texts
    assert "Míč ⚽" in texts and "Řádek 1\nřádek 2" in texts
    assert wb.sheetnames[1] == "P1 Prevence 😀 ve škole"
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", t) for t in texts)
    assert wb.worksheets[0].oddFooter.left.text.startswith("soubor && spol. 😀")
    assert import_xlsx(path) == dossier


def test_text_longer_than_a_cell_is_shortened_in_view_but_kept_in_data(tmp_path):
    long_text = "Zdůvodnění 😀 " * 4000  # 52 000 characters, 56 000 UTF-16 units
    dossier = Dossier(year=2021, projects=[Project(id="P1", budget=[BudgetLine(text="x", justification=long_text)])])
    path = export(dossier, tmp_path)
    sheet = openpyxl.load_workbook(path).worksheets[1]
    cell = row_with(sheet, 0, 1)[10]
    assert utf16_len(cell) <= MAX_CELL_UNITS and cell.endswith("…")
    assert import_xlsx(path).projects[0].budget[0].justification == long_text


def test_project_without_budget_lines(tmp_path):
    dossier = Dossier(year=2021, projects=[Project(id="P1", title="Bez rozpočtu")])
    path = export(dossier, tmp_path)
    wb = openpyxl.load_workbook(path, data_only=True)
    sheet = wb["P1 Bez rozpočtu"]
    assert row_with(sheet, P_LABEL, "Rozpočet projektu neobsahuje žádné položky.")
    assert money(row_with(sheet, P_LABEL, labels.TOTALS["total"])[P_TOTAL]) == 0
    assert row_with(sheet, P_LABEL, "Podíl dotace z uznatelných nákladů")[P_REQUESTED] == "–"
    assert row_with(wb["Souhrn"], S_ID, "P1")[S_RATE] == "–"
    assert_totals_match(wb, dossier)
    assert import_xlsx(path) == dossier


def test_dossier_without_projects(tmp_path):
    dossier = Dossier(year=2025)
    path = export(dossier, tmp_path)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames == ["Souhrn", DATA_SHEET]
    assert row_with(wb["Souhrn"], S_TITLE, "Žádost neobsahuje žádné projekty.")
    assert money(row_with(wb["Souhrn"], S_TITLE, "Celkem za žádost")[S_TOTAL]) == 0
    assert import_xlsx(path) == dossier


def test_category_names_that_coincide_stay_apart(tmp_path):
    # An unknown code spelled like a known category's name must not merge into its subtotal.
    name = "Materiál a drobný majetek"
    dossier = Dossier(
        year=2021,
        projects=[
            Project(
                id="P1",
                budget=[
                    BudgetLine(text="a", category="MATERIAL", unit_price=Decimal("100"), requested=Decimal("50")),
                    BudgetLine(text="b", category=name, unit_price=Decimal("10"), requested=Decimal("5")),
                ],
            )
        ],
    )
    wb = openpyxl.load_workbook(export(dossier, tmp_path), data_only=True)
    subtotals = {
        row[P_CATEGORY]: row[P_TOTAL] for row in rows_with(wb.worksheets[1], P_LABEL, "Mezisoučet za kategorii")
    }
    assert subtotals == {f"{name} (MATERIAL)": 100, f"{name} ({name})": 10}


def test_export_failure_is_a_czech_error_and_leaves_no_file(sample_2021, tmp_path):
    target = tmp_path / "chybí" / "export.xlsx"
    with pytest.raises(DossierError, match="nepodařilo uložit"):
        export_xlsx(sample_2021, target)
    assert not target.parent.exists()


def test_export_replaces_an_existing_file_without_backup(sample_2021, tmp_path):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")
    export_xlsx(sample_2021, target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.xlsx"]


def test_merged_text_refuses_a_workbook_that_would_turn_text_into_formulas():
    workbook = xlsxwriter.Workbook(io.BytesIO())  # default options: "=…" strings become formulas
    with pytest.raises(ValueError):
        merge_text(workbook.add_worksheet(), 0, 0, 0, 2, "=SUM(1)", None)
    workbook.close()
