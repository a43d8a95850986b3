"""What the visible sheets of an exported workbook show: the applicant facts and each project sheet.

Only cell values are read (``xlsx_reader``); ``xlsx_edits`` compares them with the hidden data.
Rows are located by their labels (the layout written by ``xlsx_export``/``xlsx_project``), so a
colleague may insert or delete budget rows; sheets are matched to projects by the name the
export gave them, else by their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import labels
from ..core.model import Dossier
from .xlsx_common import DATA_SHEET, SUMMARY_SHEET, sheet_names
from .xlsx_project import EMPTY_BUDGET, HEADERS, JUSTIFICATION, NO, SUBTOTAL, TEXT
from .xlsx_reader import XlsxReader

#: Rows a colleague may add to a budget table beyond the exported ones before we stop reading.
EXTRA_ROWS = 2_000
SUMMARY_ROWS = 40
_TABLE_END = {SUBTOTAL, labels.TOTALS["total"], labels.TOTALS["eligible"], EMPTY_BUDGET}


@dataclass
class ProjectView:
    sheet: str
    title: str = ""
    facts: dict[str, object] = field(default_factory=dict)  # Czech label → cell value
    lines: list[list] | None = None  # budget rows (cells A..K); None when the table was not found
    truncated: bool = False


@dataclass
class WorkbookView:
    applicant: dict[str, object] = field(default_factory=dict)  # Czech label → cell value
    projects: list[ProjectView | None] = field(default_factory=list)  # per hidden project, in order
    foreign_sheets: list[str] = field(default_factory=list)
    summary_missing: bool = False


def read_visible(reader: XlsxReader, hidden: Dossier) -> WorkbookView:
    view = WorkbookView()
    visible = [name for name in reader.sheets if name not in (SUMMARY_SHEET, DATA_SHEET)]
    expected = sheet_names(f"{p.id} {p.title}" for p in hidden.projects)
    by_name = {name: name for name in expected if name in reader.sheets}
    # A renamed sheet still matches by position when the sheet count is unchanged.
    positional = len(visible) == len(expected)
    chosen = []
    for index, name in enumerate(expected):
        sheet = by_name.get(name) or (visible[index] if positional else None)
        chosen.append(sheet)
    view.foreign_sheets = [name for name in visible if name not in chosen and reader.states.get(name) == "visible"]

    tables, summary = [], None
    if SUMMARY_SHEET in reader.sheets:
        summary, _more = reader.raw_rows(SUMMARY_SHEET, SUMMARY_ROWS)
        tables.append(summary)
    else:
        view.summary_missing = True
    raw_projects: list[tuple[str, list[list[Any]], bool] | None] = []
    for project, sheet in zip(hidden.projects, chosen):
        if sheet is None:
            raw_projects.append(None)
            continue
        cap = 10 + len(project.budget) + EXTRA_ROWS
        rows, more = reader.raw_rows(sheet, cap)
        raw_projects.append((sheet, rows, more))
        tables.append(rows)
    reader.resolve(*tables)

    if summary is not None:
        view.applicant = _facts(summary)
    for raw in raw_projects:
        view.projects.append(None if raw is None else _project_view(*raw))
    return view


def _cell(row: list, col: int):
    return row[col] if col < len(row) else None


def _facts(rows: list[list]) -> dict[str, object]:
    """Label (column A) → value (column C) of a header block; the first occurrence wins."""
    facts: dict[str, object] = {}
    for row in rows:
        label = _cell(row, 0)
        if isinstance(label, str) and label and label not in facts:
            facts[label] = _cell(row, 2)
        if _cell(row, NO) == HEADERS[0] and _cell(row, TEXT) == HEADERS[1]:
            break
    return facts


def _project_view(sheet: str, rows: list[list], more: bool) -> ProjectView:
    view = ProjectView(sheet=sheet)
    title = _cell(rows[0], 0) if rows else None
    view.title = title if isinstance(title, str) else ""
    view.facts = _facts(rows)
    header = next(
        (i for i, row in enumerate(rows) if _cell(row, NO) == HEADERS[0] and _cell(row, TEXT) == HEADERS[1]), None
    )
    if header is None:
        return view
    lines: list[list[Any]] = []
    for row in rows[header + 1 :]:
        item = _cell(row, TEXT)
        if item in _TABLE_END:
            view.lines = lines
            return view
        cells = [_cell(row, col) for col in range(JUSTIFICATION + 1)]
        if any(cell not in (None, "") for cell in cells):
            lines.append(cells)
    # The table never ended within the rows read: a sheet far longer than the export.
    view.lines, view.truncated = lines, more
    return view
