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


def run_process(args: list[str], bytecode: Path | None = None) -> float:
    """Milliseconds from starting a Python process to its exit (offscreen Qt).

    ``bytecode``: a folder for compiled modules, as an installed app has them (the bundle ships
    them, pip writes them); without it, a machine with PYTHONDONTWRITEBYTECODE compiles every
    module of ours from source on every start, which no user's start-up does.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def bare_window(out: Path, bytecode: Path | None = None) -> float:
    return run_process(["-c", BARE_WINDOW, str(out)], bytecode)


def validate_json(raw: bytes) -> Dossier:
    """pydantic alone: the model from its own JSON (no format marker, migration or checks)."""
    return Dossier.model_validate_json(raw)


def bare_xlsx(dossier: Dossier, data_chunks: list[str], worksheet_class: type | None = None) -> bytes:
    """XlsxWriter writing the cells, formulas and layout our Excel export writes, with the same
    workbook options (rows streamed) and the same kinds of cell formats.

    Per project: the title and fact rows (merged, row heights set), the header row, the lines
    with their formulas, a subtotal row per category, the total, eligible and rate rows filled
    across, the assessment rows (merged); column widths and print set-up. The summary: the same
    head, a row of cross-sheet formulas per project, the subtotal and total rows, the check and
    analysis rows. The hidden sheet: its head row and ``data_chunks``. Left to us, and so part
    of our time only: wording, text measuring and the heights of line rows that wrap (which
    rows wrap is what measuring finds out), totals and their cached values, the checks and the
    JSON text.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top", "border": 1}
    fmt = {
        name: workbook.add_format({**base, **options})
        for name, options in {
            "title": {"bold": True, "font_size": 14, "border": 0},
            "label": {"bold": True, "text_wrap": True, "border": 0},
            "value": {"text_wrap": True, "border": 0},
            "th": {"bold": True, "text_wrap": True, "bg_color": "#DDE4EE"},
            "text": {"text_wrap": True},
            "center": {"align": "center"},
            "integer": {"num_format": "#,##0"},
            "money": {"num_format": '#,##0 "Kč"'},
            "percent": {"num_format": "0.0 %"},
            "sub": {"italic": True, "num_format": '#,##0 "Kč"', "bg_color": "#F2F2F2"},
            "total": {"bold": True, "num_format": '#,##0 "Kč"', "bg_color": "#DDE4EE"},
            "data": {"border": 0},
        }.items()
    }
    summary = workbook.add_worksheet("Souhrn", worksheet_class)
    refs = []
    for index, project in enumerate(dossier.projects):
        name = f"{index + 1} {project.id}"[:31]
        refs.append((project, f"'{name}'!", _bare_project(workbook.add_worksheet(name, worksheet_class), project, fmt)))
    _bare_summary(summary, dossier, refs, fmt)
    data = workbook.add_worksheet("_data", worksheet_class)
    for col, value in enumerate(("marker", 3, len(data_chunks), "sha256", "note")):
        data.write(0, col, value, fmt["data"])
    for row, chunk in enumerate(data_chunks, start=1):
        data.write_string(row, 0, chunk, fmt["data"])
    data.very_hidden()
    workbook.close()
    return buffer.getvalue()


def _bare_pairs(sheet, row: int, pairs, fmt, last_col: int) -> int:
    """Merged label | value rows with a row height, as the head blocks; returns the next row."""
    for label, value in pairs:
        sheet.merge_range(row, 0, row, 1, str(label), fmt["label"])
        sheet.merge_range(row, 2, row, last_col, str(value), fmt["value"])
        sheet.set_row(row, 15.75)
        row += 1
    return row


def _bare_band(sheet, row: int, label: str, fill) -> None:
    for col in range(11):
        sheet.write_blank(row, col, None, fill)
    sheet.write_string(row, 1, label, fill)


def _bare_page(sheet, header_row: int, last_row: int, last_col: int) -> None:
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.print_area(0, 0, last_row, last_col)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.set_footer("&LDossier&Rstrana &P z &N")


def _bare_project(sheet, project, fmt) -> tuple[int, int, int]:
    """One project sheet; returns the rows of its total, eligible and rate figures."""
    for col, width in enumerate((4.5, 32, 22, 8, 8, 11, 11, 11, 11, 9.5, 30)):
        sheet.set_column(col, col, width)
    sheet.merge_range(0, 0, 0, 10, f"{project.id} – {project.title}", fmt["title"])
    sheet.set_row(0, 21)
    facts = [
        ("kind", project.kind.value),
        ("budget_type", project.budget_type.value),
        ("priority", project.priority),
        ("locality", project.locality),
        ("implementing_body", project.implementing_body),
        ("period", f"{project.date_from} – {project.date_to}"),
    ]
    row = _bare_pairs(sheet, 1, facts, fmt, 10) + 1
    header_row = row
    for col in range(11):
        sheet.write_string(row, col, f"column {col}", fmt["th"])
    row += 1
    first = row + 1
    categories = []
    for n, line in enumerate(project.budget, start=1):
        r = row + 1
        sheet.write_number(row, 0, n, fmt["center"])
        sheet.write_string(row, 1, line.text, fmt["text"])
        sheet.write_string(row, 2, line.category, fmt["text"])
        sheet.write_string(row, 3, line.unit, fmt["text"])
        sheet.write_number(row, 4, float(line.quantity), fmt["integer"])
        sheet.write_number(row, 5, float(line.unit_price), fmt["money"])
        sheet.write_formula(row, 6, f"=ROUND(E{r}*F{r},2)", fmt["money"], float(line_total(line)))
        sheet.write_number(row, 7, float(line.requested), fmt["money"])
        sheet.write_formula(row, 8, f"=G{r}-H{r}", fmt["money"], float(line_own(line)))
        sheet.write_string(row, 9, "ano" if line.eligible else "ne", fmt["center"])
        sheet.write_string(row, 10, line.justification, fmt["text"])
        if line.category not in categories:
            categories.append(line.category)
        row += 1
    a, b = first, row
    for category in categories:
        _bare_band(sheet, row, "Mezisoučet za kategorii", fmt["sub"])
        sheet.write_string(row, 2, category, fmt["sub"])
        for column in "GHI":
            formula = f"=SUMPRODUCT(EXACT($C${a}:$C${b},$C{row + 1})*{column}${a}:{column}${b})"
            sheet.write_formula(row, "ABCDEFGHI".index(column), formula, fmt["sub"], 0)
        row += 1
    total_row = row
    _bare_band(sheet, row, "Celkem", fmt["total"])
    for column in "GHI":
        sheet.write_formula(row, "ABCDEFGHI".index(column), f"=SUM({column}{a}:{column}{b})", fmt["total"], 0)
    eligible_row = row + 1
    _bare_band(sheet, eligible_row, "Uznatelné náklady", fmt["sub"])
    sheet.write_formula(eligible_row, 6, f'=SUMIF(J{a}:J{b},"ano",G{a}:G{b})', fmt["sub"], 0)
    rate_row = row + 2
    _bare_band(sheet, rate_row, "Podíl dotace", fmt["sub"])
    sheet.write_formula(rate_row, 7, f'=IF(G{row + 2}>0,ROUND(H{row + 1}/G{row + 2},4),"–")', fmt["sub"], 0)
    row += 4
    sheet.merge_range(row, 0, row, 10, "note", fmt["label"])
    row = _bare_pairs(sheet, row + 2, [("national", ""), ("local", project.strategy.local_measure)], fmt, 10) + 1
    # Indicators: name | unit | target; documents: name | status | note (spanning to the end).
    for items, last in ((project.indicators, 5), (project.documents, 10)):
        for item in ["header", *items]:
            sheet.merge_range(row, 0, row, 2, str(item), fmt["text"])
            sheet.merge_range(row, 3, row, 4, "", fmt["text"])
            if last > 5:
                sheet.merge_range(row, 5, row, last, "", fmt["text"])
            else:
                sheet.write_string(row, 5, "", fmt["text"])
            sheet.set_row(row, 15.75)
            row += 1
        row += 1
    _bare_page(sheet, header_row, row, 10)
    return total_row + 1, eligible_row + 1, rate_row + 1


def _bare_summary(sheet, dossier: Dossier, refs, fmt) -> None:
    for col, width in enumerate((5, 30, 12, 13, 12, 12, 12, 12, 10)):
        sheet.set_column(col, col, width)
    sheet.merge_range(0, 0, 0, 8, "Souhrn", fmt["title"])
    applicant = dossier.applicant
    facts = [("program", dossier.year), ("name", applicant.name), ("ico", applicant.ico)]
    facts += [("account", applicant.bank_account), ("box", applicant.data_box_id), ("note", "working document")]
    row = _bare_pairs(sheet, 1, facts, fmt, 8)
    if dossier.metadata.sample:  # the sample mark and its note
        row = _bare_pairs(sheet, row, [("sample", dossier.metadata.note)], fmt, 8)
    row += 1
    header_row = row
    for col in range(9):
        sheet.write_string(row, col, f"column {col}", fmt["th"])
    row += 1
    first = row + 1
    for project, ref, (total, eligible, rate) in refs:
        sheet.write_string(row, 0, project.id, fmt["text"])
        sheet.write_string(row, 1, project.title, fmt["text"])
        sheet.write_string(row, 2, project.kind.value, fmt["text"])
        sheet.write_string(row, 3, project.budget_type.value, fmt["text"])
        cells = (f"G{total}", f"G{eligible}", f"H{total}", f"I{total}", f"H{rate}")
        for col, cell in enumerate(cells, start=4):
            sheet.write_formula(row, col, f"={ref}{cell}", fmt["percent" if col == 8 else "money"], 0)
        row += 1
    a, b = first, row
    for label in ("neinvestiční", "investiční", "Celkem"):
        for col in range(4):
            sheet.write_blank(row, col, None, fmt["total"])
        sheet.write_string(row, 1, label, fmt["total"])
        for col in range(4, 8):
            column = "ABCDEFGH"[col]
            sheet.write_formula(row, col, f'=SUMIF($D${a}:$D${b},"{label}",{column}${a}:{column}${b})', fmt["total"])
        sheet.write_formula(row, 8, f'=IF(F{row + 1}>0,ROUND(G{row + 1}/F{row + 1},4),"–")', fmt["total"])
        row += 1
    row = _bare_pairs(sheet, row + 1, [("checks", "errors, warnings")], fmt, 8) + 1
    analysis = applicant.security_analysis
    facts = [("locality", analysis.locality), ("population", applicant.population), ("date", analysis.date)]
    row = _bare_pairs(sheet, row, facts, fmt, 8)
    for rate in analysis.crime_rates:
        sheet.merge_range(row, 0, row, 1, str(rate.year), fmt["text"])
        sheet.merge_range(row, 2, row, 4, "", fmt["integer"])
        sheet.write_number(row, 2, float(rate.per_10k), fmt["integer"])
        row += 1
    _bare_page(sheet, header_row, row, 8)
