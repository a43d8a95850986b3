"""Anchors: the same work done by the bare libraries, measured in the same run as ours.

A ratio to an anchor holds across machines where absolute times do not: ours / bare PySide6
window (start-up), ours / bare XlsxWriter writing the same cells and formulas (Excel),
ours / pydantic ``model_validate_json`` of the same data (load).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter

from ..core.model import Dossier
from ..core.totals import line_own, line_total

#: A bare PySide6 window with a 100-row table, shown offscreen and grabbed like our --screenshot.
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication([])
table = QTableWidget(100, 11)
for row in range(100):
    for column in range(11):
        table.setItem(row, column, QTableWidgetItem(f"{row}:{column}"))
table.resize(1280, 800)
table.show()
for _ in range(5):
    app.processEvents()
table.grab().save(sys.argv[1], "PNG")
"""


def run_process(args: list[str]) -> float:
    """Milliseconds from starting a Python process to its exit (offscreen Qt)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def bare_window(out: Path) -> float:
    return run_process(["-c", BARE_WINDOW, str(out)])


def validate_json(raw: bytes) -> Dossier:
    """pydantic alone: the model from its own JSON (no format marker, migration or checks)."""
    return Dossier.model_validate_json(raw)


def bare_xlsx(dossier: Dossier, data_chunks: list[str]) -> bytes:
    """XlsxWriter writing the cells and formulas our export writes: one sheet per project with
    its lines, line formulas and totals, a summary of the projects and the hidden data chunks.
    Same workbook options as ours (rows streamed), no formatting logic, no sizing of rows."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    money = workbook.add_format({"num_format": "#,##0.00"})
    summary = workbook.add_worksheet("Souhrn")
    totals = []
    for index, project in enumerate(dossier.projects):
        sheet = workbook.add_worksheet(f"{index + 1} {project.id}"[:31])
        for row, line in enumerate(project.budget, start=1):
            r = row + 1
            sheet.write_number(row, 0, row)
            sheet.write_string(row, 1, line.text)
            sheet.write_string(row, 2, line.category)
            sheet.write_string(row, 3, line.unit)
            sheet.write_number(row, 4, float(line.quantity))
            sheet.write_number(row, 5, float(line.unit_price), money)
            sheet.write_formula(row, 6, f"=ROUND(E{r}*F{r},2)", money, float(line_total(line)))
            sheet.write_number(row, 7, float(line.requested), money)
            sheet.write_formula(row, 8, f"=G{r}-H{r}", money, float(line_own(line)))
            sheet.write_string(row, 9, "ano" if line.eligible else "ne")
            sheet.write_string(row, 10, line.justification)
        last = len(project.budget) + 1
        row = last
        for column in "GHI":
            sheet.write_formula(row, "GHI".index(column) + 6, f"=SUM({column}2:{column}{last})", money)
        totals.append(f"'{index + 1} {project.id}'!G{last + 1}")
    for row, ref in enumerate(totals):
        summary.write_formula(row, 0, f"={ref}", money)
    data = workbook.add_worksheet("_data")
    for row, chunk in enumerate(data_chunks):
        data.write_string(row, 0, chunk)
    workbook.close()
    return buffer.getvalue()
