"""Shared by the xlsx export and import tests: small dossiers and readers for exported sheets."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

from dossier.core.model import BudgetLine, BudgetType, Dossier, Project

HALER = Decimal("0.01")


def money(value) -> Decimal:
    """A cell value (int or float) or a totals_json figure as an exact 2-place Decimal."""
    return Decimal(str(value)).quantize(HALER)


def row_with(sheet, col: int, text: str) -> tuple:
    """The first row (values) whose column ``col`` (0-based) equals ``text``."""
    for row in sheet.iter_rows(values_only=True):
        if len(row) > col and row[col] == text:
            return row
    raise AssertionError(f"řádek „{text}“ nenalezen v listu {sheet.title}")


def rows_with(sheet, col: int, text: str) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if len(row) > col and row[col] == text]


def halere_dossier() -> Dossier:
    return Dossier(
        year=2021,
        applicant={"name": "Obec Haléřov", "ico": "00012345"},
        projects=[
            Project(
                id="P1",
                title="Drobné položky",
                budget=[
                    BudgetLine(
                        text="Plakáty",
                        category="MATERIAL",
                        quantity=Decimal("3"),
                        unit_price=Decimal("1234.56"),
                        requested=Decimal("3000.10"),
                    ),
                    BudgetLine(
                        text="Čtvrt úvazku",
                        category="OPPP",
                        unit="úvazek",
                        quantity=Decimal("0.25"),
                        unit_price=Decimal("1001.01"),
                        requested=Decimal("200.20"),
                    ),
                    BudgetLine(
                        text="Drobnosti",
                        category="OSTATNI",
                        quantity=Decimal("7"),
                        unit_price=Decimal("0.33"),
                        requested=Decimal("0"),
                        eligible=False,
                    ),
                ],
            ),
            Project(
                id="P2",
                title="Kamera",
                budget_type=BudgetType.INV,
                budget=[
                    BudgetLine(
                        text="Kamera",
                        category="TECHNOLOGIE",
                        quantity=Decimal("1"),
                        unit_price=Decimal("49999.99"),
                        requested=Decimal("44999.99"),
                    ),
                ],
            ),
        ],
    )


def rewrite_member(src: Path, dst: Path, member: str, change) -> Path:
    """Copy a zip, passing one member's bytes through ``change``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return dst


def sheet_xml_member(path: Path, sheet_name: str) -> str:
    """The zip member holding a sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(
        rf'<sheet name="{re.escape(sheet_name)}" sheetId="\d+"(?: state="\w+")? r:id="(rId\d+)"', workbook
    ).group(1)
    target = re.search(rf'Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
    return "xl/" + target.lstrip("/").removeprefix("xl/")
