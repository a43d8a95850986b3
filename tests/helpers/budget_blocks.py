"""Blocks of budget cells as users bring them: copied from the exported workbook's project sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from dossier.core.budget_block import to_tsv
from dossier.core.money import format_money, format_number

_MONEY = ("Cena za jednotku", "Celkem", "Z toho dotace", "Z toho vlastní podíl")


def project_sheet_rows(xlsx: Path, project_id: str) -> list[list]:
    """The budget table of a project's sheet, header included, as cell values read back with openpyxl."""
    workbook = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    try:
        sheet = next(ws for ws in workbook.worksheets if ws.title.startswith(f"{project_id} "))
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    start = next(i for i, row in enumerate(rows) if row[0] == "Č.")
    end = next(i for i in range(start + 1, len(rows)) if rows[i][0] is None)  # the first sum band
    return rows[start:end]


def as_excel_copy(rows: list[list]) -> str:
    """The rows as Excel in a Czech locale puts them on the clipboard: displayed text, tab-separated."""
    header = rows[0]
    out = [[str(cell) for cell in header]]
    for row in rows[1:]:
        cells = []
        for name, value in zip(header, row):
            if value is None:
                cells.append("")
            elif name in _MONEY:
                cells.append(format_money(Decimal(str(value))).replace("\u00a0", " "))
            elif name in ("Množství", "Č."):
                cells.append(format_number(Decimal(str(value))))
            else:
                cells.append(str(value))
        out.append(cells)
    return to_tsv(out) + "\r\n"
