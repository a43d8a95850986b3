"""Settlement workbook, final report, import-payments and the roll-forward's use of the year's actuals."""

import json
from decimal import Decimal

import openpyxl
import pytest
from docx import Document

from dossier.cli import main
from dossier.core.errors import DossierError
from dossier.core.grant import FundingSource
from dossier.core.grant_totals import dossier_ledgers
from dossier.core.money import format_money
from dossier.formats import native
from dossier.formats.final_report_docx import export_final_report
from dossier.formats.payments_import import import_payments
from dossier.formats.rollover import rollover
from dossier.formats.settlement_xlsx import SUMMARY, TOP, export_settlement
from tests.lo_helpers import convert


@pytest.fixture
def settlement(sample_2021, tmp_path):
    path = tmp_path / "vyuctovani.xlsx"
    export_settlement(sample_2021, path)
    return path


def _numbers(path):
    book = openpyxl.load_workbook(path, data_only=True)
    return {
        (ws.title, c.coordinate): c.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    }


def test_settlement_cached_values_are_the_ledger_totals(sample_2021, settlement):
    sheet = openpyxl.load_workbook(settlement, data_only=True)[SUMMARY]
    formulas = openpyxl.load_workbook(settlement)[SUMMARY]
    for row, ledger in enumerate(dossier_ledgers(sample_2021), start=TOP + 2):
        figures = {
            "C": ledger.awarded,
            "E": ledger.drawn.total,
            "F": ledger.eligible_actual,
            "G": ledger.drawn.subsidy,
            "H": ledger.drawn.own,
            "J": ledger.subsidy_cap,
            "K": ledger.subsidy_used,
            "L": ledger.to_return,
        }
        for col, value in figures.items():
            assert Decimal(str(sheet[f"{col}{row}"].value)) == value, f"{col}{row}"
        assert formulas[f"L{row}"].value == f"=C{row}-K{row}"  # a formula, not a typed number
    total_row = TOP + 2 + len(sample_2021.projects)
    assert sheet[f"C{total_row}"].value == 1688500
    assert sheet[f"G{total_row}"].value + sheet[f"H{total_row}"].value == 2511000


@pytest.mark.slow
def test_libreoffice_recalculates_the_settlement_to_the_cached_values(sample_2021, tmp_path):
    dossier = sample_2021.model_copy(deep=True)
    dossier.project("P1").grant.payments[0].line = None  # an unassigned payment and a return, too
    dossier.project("P3").grant.payments.pop()
    path = tmp_path / "vyuctovani.xlsx"
    export_settlement(dossier, path)
    recalculated = convert(path, "xlsx", tmp_path / "lo", tmp_path)
    ours, theirs = _numbers(path), _numbers(recalculated)
    assert len(ours) > 100
    differ = {
        ref: (value, theirs.get(ref))
        for ref, value in ours.items()
        if theirs.get(ref) is None or abs(theirs[ref] - value) > 1e-6
    }
    assert differ == {}


def test_final_report_opens_and_its_figures_equal_check_json(sample_2021_path, tmp_path, capsys):
    assert main(["check", str(sample_2021_path), "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert Decimal(totals["awarded"]) == Decimal(1688500)  # the city's recorded grant
    report = tmp_path / "zprava.docx"
    assert main(["export", str(sample_2021_path), "--final-report", str(report)]) == 0
    doc = Document(report)
    summary = next(t for t in doc.tables if t.rows[0].cells[0].text == "Projekt")
    for row, project in zip(summary.rows[1:], totals["projects"]):
        cells = [c.text for c in row.cells]
        assert cells[0].startswith(project["id"])
        assert cells[1:] == [
            format_money(Decimal(project[k])) for k in ("awarded", "drawn", "drawn_subsidy", "drawn_own", "to_return")
        ]
    last = [c.text for c in summary.rows[-1].cells]
    assert last[1] == format_money(Decimal(totals["awarded"])) == format_money(1688500)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Závěrečná zpráva" in text and "(neověřeno)" in text


@pytest.mark.slow
def test_settlement_and_report_render_in_libreoffice(settlement, sample_2021, tmp_path):
    from tests.lo_helpers import pdf_page_count

    report = tmp_path / "zprava.docx"
    export_final_report(sample_2021, report)
    assert pdf_page_count(convert(report, "pdf", tmp_path / "pdf", tmp_path)) >= 1 + len(sample_2021.projects)
    assert pdf_page_count(convert(settlement, "pdf", tmp_path / "pdf", tmp_path)) >= 1 + len(sample_2021.projects)


def test_final_report_takes_the_offices_template(sample_2021, tmp_path):
    template = tmp_path / "hlavicka.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Magistrát města Plzně – Odbor bezpečnosti"
    doc.save(template)
    out = tmp_path / "zprava.docx"
    export_final_report(sample_2021, out, template=template)
    assert Document(out).sections[0].header.paragraphs[0].text.startswith("Magistrát města Plzně")


def test_import_payments_from_a_windows_csv(sample_2021_path, tmp_path, capsys):
    source = tmp_path / "ucetnictvi.csv"
    source.write_bytes(
        "Datum;Dodavatel;Číslo dokladu;Částka;Zdroj;Řádek\r\n"
        "15.03.2021;Kamery Plzeň a.s.;FP-9;12 000,50;vlastní;1\r\n"
        "16.03.2021;Elektro s.r.o.;FP-10;3 500;dotace;Projektová dokumentace\r\n".encode("cp1250")
    )
    out = tmp_path / "out.dossier"
    assert (
        main(["import-payments", str(sample_2021_path), "--project", "P3", "--from", str(source), "-o", str(out)]) == 0
    )
    assert "2 platby" in capsys.readouterr().out
    before = native.load(sample_2021_path).project("P3").grant.payments
    after = native.load(out).project("P3").grant.payments
    assert after[: len(before)] == before
    added = after[len(before) :]
    assert [(p.line, p.amount, p.source, p.supplier) for p in added] == [
        (0, Decimal("12000.50"), FundingSource.OWN, "Kamery Plzeň a.s."),
        (6, Decimal(3500), FundingSource.SUBSIDY, "Elektro s.r.o."),
    ]


def test_import_payments_from_xlsx_with_real_dates(sample_2021, tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Datum úhrady", "Partner", "Doklad", "Částka", "Položka rozpočtu"])
    sheet.append([dt.datetime(2021, 5, 3), "Tiskárna", "FP-1", 1234.5, 5])
    book.save(tmp_path / "platby.xlsx")
    [payment] = import_payments(sample_2021, "P1", tmp_path / "platby.xlsx")
    assert (payment.date, payment.amount, payment.line) == (dt.date(2021, 5, 3), Decimal("1234.50"), 4)


def test_import_payments_refuses_bad_rows_and_writes_nothing(sample_2021_path, tmp_path, capsys):
    source = tmp_path / "spatne.csv"
    source.write_text("Datum;Částka;Řádek\n32.1.2021;100;1\n1.2.2021;sto;1\n", encoding="utf-8")
    out = tmp_path / "out.dossier"
    assert (
        main(["import-payments", str(sample_2021_path), "--project", "P3", "--from", str(source), "-o", str(out)]) == 2
    )
    err = capsys.readouterr().err
    assert "řádek 2" in err and "řádek 3" in err and "Traceback" not in err
    assert not out.exists()


def test_import_payments_names_a_missing_project_and_a_foreign_file(sample_2021, tmp_path):
    source = tmp_path / "p.csv"
    source.write_text("Datum;Částka\n1.2.2021;100\n", encoding="utf-8")
    with pytest.raises(DossierError, match="P9"):
        import_payments(sample_2021, "P9", source)
    broken = tmp_path / "p.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(DossierError, match="není sešit Excel"):
        import_payments(sample_2021, "P1", broken)


def test_import_payments_stops_at_a_hostile_number_of_rows(sample_2021, tmp_path, monkeypatch):
    import dossier.formats.payments_import as module

    monkeypatch.setattr(module, "MAX_ROWS", 50)
    source = tmp_path / "mnoho.csv"
    source.write_text("Datum;Částka\n" + "1.2.2021;1\n" * 60, encoding="utf-8")
    with pytest.raises(DossierError, match="příliš mnoho řádků"):
        import_payments(sample_2021, "P1", source)


def test_roll_forward_uses_actual_wages_and_leaves_the_grant_behind(sample_2021):
    ledger = sample_2021.project("P2").grant.payments
    monthly = {(p.document, p.date): p.quantity for p in ledger if p.line == 0}
    actual = (sum((p.amount for p in ledger if p.line == 0), Decimal(0)) / sum(monthly.values())).quantize(
        Decimal("0.01")
    )
    planned = sample_2021.project("P2").budget[0].unit_price
    assert actual != planned
    result = rollover(sample_2021, 2022, source_name="plzen-2021.dossier")
    new = result.dossier
    assert new.project("P2").budget[0].unit_price == actual
    assert "skutečnost roku 2021" in new.review["projects/P2/budget/0/unit_price"]
    assert all(s.monthly_cost == actual for s in new.project("P2").apk.staff)
    assert new.submitted is None and all(p.grant is None for p in new.projects)
    # Lines that are not wages keep their plan.
    assert new.project("P3").budget[0].unit_price == sample_2021.project("P3").budget[0].unit_price


def test_export_of_the_submitted_version_needs_one(sample_2020_path, tmp_path, capsys):
    assert main(["export", str(sample_2020_path), "--submitted", "--xlsx", str(tmp_path / "a.xlsx")]) == 2
    assert "podanou verzi" in capsys.readouterr().err


def test_import_payments_reports_an_unreadable_csv_in_czech(sample_2021, tmp_path):
    source = tmp_path / "rozbite.csv"
    source.write_bytes(b"Datum;\xc4\x8c\xc3\xa1stka\n1.2.2021;" + b"9" * 200_000 + b"\n")
    with pytest.raises(DossierError, match="není čitelný export CSV"):
        import_payments(sample_2021, "P1", source)


def test_spreadsheet_floats_become_exact_amounts(sample_2021):
    from dossier.core.payment_rows import parse_rows

    parsed = parse_rows(
        [["Datum", "Částka"], ["1. 2. 2021", 0.1 + 0.2], ["1. 2. 2021", 1234.56]], sample_2021.project("P1").budget
    )
    assert [p.amount for p in parsed.payments] == [Decimal("0.30"), Decimal("1234.56")]
