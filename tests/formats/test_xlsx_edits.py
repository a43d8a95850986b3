"""Edits made in an exported workbook are found, reported and (by default) taken, never dropped silently."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal

import openpyxl
import pytest

from dossier.cli import main
from dossier.core.money import format_number
from dossier.formats import native
from dossier.formats.rollover import rollover_command
from dossier.formats.xlsx_common import DATA_SHEET
from dossier.formats.xlsx_export import export_xlsx
from dossier.formats.xlsx_import import import_xlsx, read_xlsx
from tests.formats.xlsx_helpers import rewrite_member, sheet_xml_member

P1 = "P1 Národní dny prevence 2021"


@pytest.fixture
def exported(sample_2021, tmp_path):
    path = tmp_path / "plzen-2021.xlsx"
    export_xlsx(sample_2021, path)
    return path


def edit_with_openpyxl(src, dst, change):
    workbook = openpyxl.load_workbook(src)
    change(workbook)
    workbook.save(dst)
    return dst


def cell_of(sheet, text, col_offset=0):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return sheet.cell(row=cell.row, column=cell.column + col_offset)
    raise AssertionError(text)


def set_quantity(workbook, item: str, value):
    cell_of(workbook[P1], item, col_offset=3).value = value


def check_json(path, capsys) -> tuple[int, dict]:
    code = main(["check", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_unedited_workbook_has_no_differences(sample_2021, exported, capsys):
    result = read_xlsx(exported)
    assert result.edits == []
    assert result.visible == sample_2021 == result.exported
    _code, out = check_json(exported, capsys)
    assert not [f for f in out["findings"] if f["code"] == "XLSX_EDITED"]


def test_changed_quantity_is_a_warning_naming_the_line(sample_2021, exported, tmp_path, capsys):
    line = sample_2021.project("P1").budget[0]
    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", lambda wb: set_quantity(wb, line.text, 5))
    code, out = check_json(edited, capsys)
    found = [f for f in out["findings"] if f["code"] == "XLSX_EDITED"]
    assert len(found) == 1, found
    finding = found[0]
    assert finding["severity"] == "warning" and code == 0
    assert finding["path"] == "projects/P1/budget/0/quantity"
    assert "P1" in finding["message"] and "řádek 1" in finding["message"] and line.text in finding["message"]
    assert f"Množství {format_number(line.quantity)} → 5" in finding["message"]
    # The totals follow what the user sees, not the hidden copy.
    project = next(p for p in out["totals"]["projects"] if p["id"] == "P1")
    expected = (
        sum((ln.quantity * ln.unit_price for ln in sample_2021.project("P1").budget), Decimal(0))
        + (5 - line.quantity) * line.unit_price
    )
    assert Decimal(project["total"]) == expected


def test_both_versions_are_available(sample_2021, exported, tmp_path):
    line = sample_2021.project("P1").budget[0]
    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", lambda wb: set_quantity(wb, line.text, 5))
    result = read_xlsx(edited)
    assert result.exported == sample_2021
    assert result.visible.project("P1").budget[0].quantity == 5
    assert import_xlsx(edited) == result.visible


def test_every_visible_field_is_compared(sample_2021, exported, tmp_path):
    project = sample_2021.project("P1")
    first, second = project.budget[0], project.budget[1]

    def change(wb):
        sheet = wb[P1]
        cell_of(sheet, first.text).value = "Jiný sál"
        cell_of(sheet, second.text, col_offset=4).value = 123.45  # unit price
        cell_of(sheet, second.text, col_offset=6).value = 100  # subsidy
        cell_of(sheet, second.text, col_offset=8).value = "ne"  # eligible
        cell_of(sheet, "Realizátor", col_offset=2).value = "Jiný realizátor"
        sheet["A1"] = "P1 – Nový název"
        cell_of(wb["Souhrn"], "IČO", col_offset=2).value = "12345678"

    result = read_xlsx(edit_with_openpyxl(exported, tmp_path / "edited.xlsx", change))
    paths = {e.path: e for e in result.edits}
    assert set(paths) == {
        "projects/P1/budget/0/text",
        "projects/P1/budget/1/unit_price",
        "projects/P1/budget/1/requested",
        "projects/P1/budget/1/eligible",
        "projects/P1/implementing_body",
        "projects/P1/title",
        "applicant/ico",
    }
    assert all(e.applicable for e in result.edits)
    visible = result.visible.project("P1")
    assert visible.budget[0].text == "Jiný sál"
    assert visible.budget[1].unit_price == Decimal("123.45") and visible.budget[1].requested == 100
    assert visible.budget[1].eligible is False
    assert visible.title == "Nový název" and visible.implementing_body == "Jiný realizátor"
    assert result.visible.applicant.ico == "12345678"
    assert paths["projects/P1/budget/1/unit_price"].describe().endswith("→ 123,45")


def test_added_and_removed_rows(sample_2021, exported, tmp_path):
    p3 = next(name for name in openpyxl.load_workbook(exported, read_only=True).sheetnames if name.startswith("P3"))
    removed = sample_2021.project("P3").budget[-1]

    def change(wb):
        sheet = wb[p3]
        row = cell_of(sheet, removed.text).row
        category = sheet.cell(row=row, column=3).value
        sheet.delete_rows(row)
        sheet.insert_rows(row)
        for col, value in enumerate([9, "Nová kamera", category, "ks", 2, 1000, None, 500, None, "ano", ""], start=1):
            sheet.cell(row=row, column=col).value = value

    result = read_xlsx(edit_with_openpyxl(exported, tmp_path / "edited.xlsx", change))
    assert result.edits and all(e.applicable for e in result.edits)
    assert {e.label for e in result.edits} >= {"Položka", "Množství"}
    budget = result.visible.project("P3").budget
    assert budget[-1].text == "Nová kamera" and budget[-1].quantity == 2 and budget[-1].requested == 500
    assert len(budget) == len(sample_2021.project("P3").budget)


def test_unreadable_visible_values_are_reported_and_the_exported_kept(sample_2021, exported, tmp_path, capsys):
    line = sample_2021.project("P1").budget[0]

    def change(wb):
        set_quantity(wb, line.text, "hodně")
        cell_of(wb[P1], line.text, col_offset=1).value = "Neexistující kategorie"

    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", change)
    result = read_xlsx(edited)
    assert {e.path for e in result.edits} == {"projects/P1/budget/0/quantity", "projects/P1/budget/0/category"}
    assert not any(e.applicable for e in result.edits)
    assert result.visible == sample_2021
    _code, out = check_json(edited, capsys)
    messages = [f["message"] for f in out["findings"] if f["code"] == "XLSX_EDITED"]
    assert len(messages) == 2 and all("nelze převzít" in m for m in messages)


def test_changed_bank_account_in_the_hidden_sheet_is_not_imported_silently(sample_2021, exported, tmp_path, capsys):
    # An attacker edits the hidden JSON and recomputes its checksum: the sheet itself looks valid.
    old_account = sample_2021.applicant.bank_account
    assert old_account
    tampered = sample_2021.model_copy(deep=True)
    tampered.applicant.bank_account = "19-2000148/0800"  # same length: the chunks keep their size
    assert len(tampered.applicant.bank_account) == len(old_account)
    old_text = native.dumps(sample_2021).decode()
    new_text = native.dumps(tampered).decode()
    old_digest = hashlib.sha256(old_text.encode()).hexdigest()
    new_digest = hashlib.sha256(new_text.encode()).hexdigest()

    def change(data: bytes) -> bytes:
        text = data.decode()
        assert old_account in text and old_digest in text
        text = text.replace(
            f'"bank_account": "{old_account}"', f'"bank_account": "{tampered.applicant.bank_account}"', 1
        )
        return text.replace(old_digest, new_digest).encode()

    # The export writes the hidden data as inline text in the data sheet.
    path = rewrite_member(exported, tmp_path / "podvrh.xlsx", sheet_xml_member(exported, DATA_SHEET), change)
    result = read_xlsx(path)
    assert result.exported.applicant.bank_account == tampered.applicant.bank_account  # the checksum passed
    assert [e.path for e in result.edits] == ["applicant/bank_account"]
    assert result.visible.applicant.bank_account == old_account  # what the user sees wins
    _code, out = check_json(path, capsys)
    found = [f for f in out["findings"] if f["code"] == "XLSX_EDITED"]
    assert len(found) == 1 and old_account in found[0]["message"]
    assert tampered.applicant.bank_account in found[0]["message"]


def test_missing_project_sheet_is_reported(sample_2021, exported, tmp_path):
    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", lambda wb: wb.remove(wb[P1]))
    result = read_xlsx(edited)
    assert any(e.path == "projects/P1" and not e.applicable for e in result.edits)
    assert result.visible.project("P1") == sample_2021.project("P1")


def test_rollover_reports_the_edits(sample_2021, exported, tmp_path, capsys):
    line = sample_2021.project("P1").budget[0]
    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", lambda wb: set_quantity(wb, line.text, 5))
    rollover_command(edited, 2022, "", tmp_path / "new.dossier", None)
    out = capsys.readouterr().out
    assert "Sešit byl po exportu upraven" in out
    assert re.search(rf"řádek 1 „{re.escape(line.text)}“: Množství {format_number(line.quantity)} → 5", out)
    assert native.load(tmp_path / "new.dossier").project("P1").budget[0].quantity == 5


def test_inserted_and_deleted_rows(sample_2021, exported, tmp_path):
    names = openpyxl.load_workbook(exported, read_only=True).sheetnames
    p2, p3 = (next(n for n in names if n.startswith(pid)) for pid in ("P2", "P3"))
    last_p3 = sample_2021.project("P3").budget[-1]
    last_p2 = sample_2021.project("P2").budget[-1]

    def change(wb):
        sheet = wb[p3]
        row = cell_of(sheet, last_p3.text).row + 1
        category = sheet.cell(row=row - 1, column=3).value
        sheet.insert_rows(row)
        for col, value in enumerate([None, "Nová kamera", category, "ks", 2, 1000, None, 500, None, "ano"], start=1):
            sheet.cell(row=row, column=col).value = value
        wb[p2].delete_rows(cell_of(wb[p2], last_p2.text).row)

    result = read_xlsx(edit_with_openpyxl(exported, tmp_path / "edited.xlsx", change))
    described = [e.describe() for e in result.edits]
    assert len(result.edits) == 2, described
    assert any("P3, nový řádek" in d and "Nová kamera" in d for d in described)
    assert any("P2" in d and "řádek v sešitu chybí" in d and last_p2.text in d for d in described)
    assert result.visible.project("P3").budget[-1].text == "Nová kamera"
    assert result.visible.project("P2").budget == sample_2021.project("P2").budget[:-1]
    assert result.exported == sample_2021


def test_fields_the_workbook_does_not_show_and_added_sheets_are_reported(sample_2021, exported, tmp_path):
    # A workbook exported before the summary showed the bank account; a colleague's own notes sheet.
    def change(wb):
        summary = wb["Souhrn"]
        summary.delete_rows(cell_of(summary, "Bankovní účet (u ČNB)").row)
        wb.create_sheet("Poznámky")["A1"] = "zavolat na MV"

    result = read_xlsx(edit_with_openpyxl(exported, tmp_path / "edited.xlsx", change))
    described = {e.path: e.describe() for e in result.edits}
    assert set(described) == {"applicant/bank_account", "projects"}
    assert "sešit údaj neukazuje" in described["applicant/bank_account"]
    assert "Poznámky" in described["projects"] and "nepřevezme" in described["projects"]
    assert not any(e.applicable for e in result.edits)
    assert result.visible == sample_2021


def test_export_from_an_edited_workbook_says_which_values_it_used(sample_2021, exported, tmp_path, capsys):
    line = sample_2021.project("P1").budget[0]
    edited = edit_with_openpyxl(exported, tmp_path / "edited.xlsx", lambda wb: set_quantity(wb, line.text, 5))
    assert main(["export", str(edited), "--xlsx", str(tmp_path / "znovu.xlsx")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Upozornění: Sešit byl po exportu upraven") and "Množství" in err
    assert read_xlsx(tmp_path / "znovu.xlsx").exported.project("P1").budget[0].quantity == 5


@pytest.mark.parametrize("raw", [b"NaN", b"-Infinity", b"1e999999999", b"1e-999999999"])
def test_absurd_numbers_in_a_visible_cell(sample_2021, exported, tmp_path, raw):
    # Written into the XML directly: Excel would never store these, a hostile file might.
    line = sample_2021.project("P1").budget[0]
    member = sheet_xml_member(exported, P1)

    def change(data: bytes) -> bytes:
        cell = re.search(rb'<c r="E(\d+)" s="\d+"><v>' + str(int(line.quantity)).encode() + rb"</v></c>", data)
        return (
            data[: cell.start()]
            + cell.group(0).replace(b"<v>" + str(int(line.quantity)).encode(), b"<v>" + raw)
            + data[cell.end() :]
        )

    result = read_xlsx(rewrite_member(exported, tmp_path / "cisla.xlsx", member, change))
    (edit,) = result.edits
    assert edit.path == "projects/P1/budget/0/quantity" and raw.decode() in edit.new
    assert not edit.applicable and result.visible == sample_2021
