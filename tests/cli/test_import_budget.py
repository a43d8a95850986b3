"""`import-budget`: the same block reader as the table's paste, from a file, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from dossier.formats.budget_import import split_source
from dossier.formats.native import load
from dossier.formats.xlsx_export import export_xlsx

from ..helpers.budget_blocks import as_excel_copy, project_sheet_rows

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import-budget", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def _release_clipboard():
    """The table's copy leaves a QMimeData on the clipboard; PySide6 6.11 crashes at exit if it is still there."""
    yield
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


@pytest.fixture
def exported(tmp_path, sample_2021_path) -> Path:
    path = tmp_path / "plzeň-2021.xlsx"
    export_xlsx(load(sample_2021_path), path, file_label="plzen-2021.dossier")
    return path


def p3_sheet_name(xlsx: Path) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        return next(name for name in workbook.sheetnames if name.startswith("P3 "))
    finally:
        workbook.close()


def test_own_copy_from_the_table_imports_identical_lines(qtbot, tmp_path, sample_2021_path, sample_2021):
    from dossier.ui.budget_table import BudgetEditor
    from dossier.ui.document import Document

    editor = BudgetEditor(Document(load(sample_2021_path), sample_2021_path))
    qtbot.addWidget(editor)
    editor.set_project("P3")
    editor.view.selectAll()
    editor.copy()
    block = tmp_path / "kopie z tabulky.tsv"
    block.write_text(QGuiApplication.clipboard().text(), encoding="utf-8")
    out = tmp_path / "výsledek.dossier"

    result = run(sample_2021_path, "--project", "P1", "--from", block, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Projekt P1: přidáno 8 řádků; rozpočet projektu nyní celkem 1\u00a0697\u00a0000\u00a0Kč."
    )
    after = load(out)
    p1, p3 = sample_2021.project("P1").budget, sample_2021.project("P3").budget
    assert after.project("P1").budget == p1 + p3
    assert after.project("P3").budget == p3 and after.project("P2") == sample_2021.project("P2")


def test_exported_workbook_sheet_and_its_copy_import_into_the_right_columns(tmp_path, exported, sample_2021):
    expected = sample_2021.project("P2").budget + sample_2021.project("P3").budget
    from_sheet = tmp_path / "z listu.dossier"
    result = run(
        ROOT / "resources/examples/plzen-2021.dossier",
        "--project",
        "P2",
        "--from",
        f"{exported}:{p3_sheet_name(exported)}",
        "-o",
        from_sheet,
    )
    assert result.returncode == 0, result.stderr
    assert load(from_sheet).project("P2").budget == expected
    assert "součtový" in result.stderr  # the sheet's sum bands end the table, and the user is told

    rows = project_sheet_rows(exported, "P3")
    copied = tmp_path / "blok z Excelu.tsv"
    copied.write_text(as_excel_copy(rows), encoding="utf-8")
    semicolons = tmp_path / "blok.csv"  # Czech Excel's "CSV (oddělený středníkem)": Windows-1250, decimal comma
    semicolons.write_bytes(as_excel_copy(rows).replace("\t", ";").encode("cp1250"))
    for block in (copied, semicolons):
        out = tmp_path / f"{block.stem}.dossier"
        result = run(ROOT / "resources/examples/plzen-2021.dossier", "--project", "P2", "--from", block, "-o", out)
        assert result.returncode == 0, (block.name, result.stderr)
        assert load(out).project("P2").budget == expected, block.name


def test_block_whose_total_disagrees_is_refused_with_row_and_amounts(tmp_path, exported, sample_2021_path):
    rows = project_sheet_rows(exported, "P3")
    rows[4][6] = rows[4][6] + 1000  # the 4th line: Celkem 241 000 instead of 2 × 120 000
    block = tmp_path / "chybný blok.csv"
    block.write_text(as_excel_copy(rows).replace("\t", ";"), encoding="utf-8")
    out = tmp_path / "nevznikne.dossier"

    result = run(sample_2021_path, "--project", "P2", "--from", block, "-o", out)
    assert result.returncode == 2
    assert result.stdout == "" and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "Chyba: Blok „chybný blok.csv“: Řádek 5 („Přenosové trasy do páteřní sítě“): "
        "Celkem 241\u00a0000\u00a0Kč nesouhlasí s Množství × Cena za jednotku "
        "= 240\u00a0000\u00a0Kč."
    )


def test_replace_findings_and_mistakes(tmp_path, sample_2021_path, sample_2021):
    block = tmp_path / "blok.csv"
    block.write_text(
        "Položka;Kategorie;Množství;Cena za jednotku;Z toho dotace\n"
        "Letáky;Materiál a drobný majetek;1 000;2,50;2 000\nStany;Párty;2;1 500;0\n",
        encoding="utf-8",
    )
    out = tmp_path / "nový.dossier"
    result = run(sample_2021_path, "--project", "P1", "--from", block, "--replace", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Projekt P1: rozpočet nahrazen (2 řádky)")
    assert "Upozornění: Řádek 3: kategorie „Párty“ není v seznamu" in result.stderr
    budget = load(out).project("P1").budget
    assert [(ln.text, ln.category, ln.unit_price) for ln in budget] == [
        ("Letáky", "MATERIAL", Decimal("2.50")),
        ("Stany", "Párty", Decimal(1500)),
    ]

    missing = run(sample_2021_path, "--project", "P9", "--from", block, "-o", out)
    assert missing.returncode == 2 and "Projekt „P9“ v žádosti není (projekty: P1, P2, P3)" in missing.stderr
    bad_cell = tmp_path / "špatně.csv"
    bad_cell.write_text("Položka;Množství\nLetáky;hodně\n", encoding="utf-8")
    refused = run(sample_2021_path, "--project", "P1", "--from", bad_cell, "-o", out)
    assert refused.returncode == 2
    assert "Řádek 2, Množství: „hodně“ není číslo" in refused.stderr and "Nic se nezměnilo" in refused.stderr


def test_wrong_sheet_is_named_with_the_sheets_there(tmp_path, exported, sample_2021_path):
    result = run(sample_2021_path, "--project", "P1", "--from", f"{exported}:Rozpočet", "-o", tmp_path / "x.dossier")
    assert result.returncode == 2
    assert "nemá list „Rozpočet“" in result.stderr and "„Souhrn“" in result.stderr and "_dossier" not in result.stderr


def test_source_with_a_sheet_and_a_windows_drive():
    assert split_source(r"C:\data\rozpočet.xlsx:List 1") == (Path(r"C:\data\rozpočet.xlsx"), "List 1")
    assert split_source(r"C:\data\blok.csv") == (Path(r"C:\data\blok.csv"), None)
    assert split_source("sešit.XLSX") == (Path("sešit.XLSX"), None)


def test_without_a_sheet_the_projects_own_sheet_of_the_exported_workbook_is_taken(
    tmp_path, exported, sample_2021_path, sample_2021
):
    out = tmp_path / "p2.dossier"
    result = run(sample_2021_path, "--project", "P2", "--from", exported, "--replace", "-o", out)
    assert result.returncode == 0, result.stderr
    assert load(out).project("P2").budget == sample_2021.project("P2").budget  # P2's lines, not P1's


def test_a_workbook_with_several_budgets_and_no_matching_sheet_asks_for_one(tmp_path, exported, sample_2021_path):
    from dossier.core.model import Project

    d = load(sample_2021_path)
    d.projects.append(Project(id="P4", title="Nový projekt 2021"))
    from dossier.formats.native import dumps

    (tmp_path / "s4.dossier").write_bytes(dumps(d))
    result = run(tmp_path / "s4.dossier", "--project", "P4", "--from", exported, "-o", tmp_path / "o.dossier")
    assert result.returncode == 2 and "více listů s rozpočtem" in result.stderr and ":P1" in result.stderr
    assert not (tmp_path / "o.dossier").exists()
