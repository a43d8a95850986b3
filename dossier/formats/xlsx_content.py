"""Excel blocks for what the assessment relies on: each project sheet gets its strategy links,
indicators and eligibility documents under the budget; the summary gets the security-analysis
figures and, for a bundled sample, the sample-data mark; a budget says when its categories are
only a proposal.

Called from ``xlsx_export.py`` and ``xlsx_project.py`` with one line each; the blocks fit the
column grid of the sheet they are written into (``Grid``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import content_text, labels
from ..core.dates import format_date
from ..core.model import Dossier, Project
from ..core.money import format_number
from ..core.rules import RulePack
from .xlsx_common import cell_number, cell_text, merge_text, write_text
from .xlsx_styles import Styles, row_height

ASSESSMENT = "Strategie, indikátory a dokumenty"


@dataclass(frozen=True)
class Grid:
    """Where the blocks go on a sheet: column spans (first, last) and the widths of all columns."""

    widths: list[float]
    label: tuple[int, int]
    value: tuple[int, int]
    name: tuple[int, int]
    unit: tuple[int, int]
    figure: int
    note: tuple[int, int]

    def width(self, span: tuple[int, int]) -> float:
        return sum(self.widths[span[0] : span[1] + 1])


def project_grid(widths: list[float]) -> Grid:
    """The budget sheet: Č., Položka | Kategorie … | …"""
    last = len(widths) - 1
    return Grid(widths, label=(0, 1), value=(2, last), name=(0, 2), unit=(3, 4), figure=5, note=(6, last))


def summary_grid(widths: list[float]) -> Grid:
    last = len(widths) - 1
    return Grid(widths, label=(0, 1), value=(2, last), name=(0, 1), unit=(2, 3), figure=4, note=(5, last))


def _span(sheet, row: int, span: tuple[int, int], value: str, fmt) -> None:
    if span[0] == span[1]:
        write_text(sheet, row, span[0], value, fmt)
    else:
        merge_text(sheet, row, span[0], row, span[1], value, fmt)


def _pair(sheet, row: int, grid: Grid, label: str, value: str, styles: Styles) -> int:
    _span(sheet, row, grid.label, label, styles.label)
    _span(sheet, row, grid.value, value, styles.value)
    height = max(
        row_height(cell_text(value), grid.width(grid.value)), row_height(label, grid.width(grid.label), bold=True)
    )
    sheet.set_row(row, height)
    return row + 1


def _table_row(sheet, row: int, grid: Grid, cells: list[tuple[tuple[int, int], str]], fmt) -> None:
    height = 0.0
    for span, value in cells:
        _span(sheet, row, span, value, fmt)
        height = max(height, row_height(cell_text(value), grid.width(span)))
    sheet.set_row(row, height)


def write_sample_mark(sheet, row: int, dossier: Dossier, styles: Styles, last_col: int, width: float) -> int:
    """The sample-data mark and the list of invented details in a head block; returns the next free row."""
    if not dossier.metadata.sample:
        return row
    merge_text(sheet, row, 0, row, last_col, labels.SAMPLE_MARK, styles.note)
    row += 1
    note = cell_text(f"Poznámka: {dossier.metadata.note}")
    merge_text(sheet, row, 0, row, last_col, note, styles.value)
    sheet.set_row(row, row_height(note, width))
    return row + 1


def write_category_note(sheet, row: int, pack: RulePack, styles: Styles, last_col: int, width: float) -> int:
    """Under a budget: that the category list is a proposal; returns the next free row."""
    note = content_text.category_note(pack)
    if not note:
        return row
    merge_text(sheet, row, 0, row, last_col, note, styles.note)
    sheet.set_row(row, row_height(note, width))
    return row + 1


def write_project_assessment(sheet, row: int, project: Project, year: int, styles: Styles, widths: list[float]) -> int:
    """Strategy links, indicators and documents of a project; returns the last row used."""
    grid = project_grid(widths)
    last = len(widths) - 1
    merge_text(sheet, row, 0, row, last, ASSESSMENT, styles.label)
    row += 1
    row = _pair(sheet, row, grid, labels.STRATEGY_FIELDS["national"], content_text.national_link(project, year), styles)
    row = _pair(sheet, row, grid, labels.STRATEGY_FIELDS["local_measure"], project.strategy.local_measure, styles)
    row += 1
    _table_row(
        sheet,
        row,
        grid,
        [
            (grid.name, labels.INDICATOR_FIELDS["name"]),
            (grid.unit, "Jednotka"),
            ((grid.figure, grid.figure), labels.INDICATOR_FIELDS["target"]),
        ],
        styles.th,
    )
    row += 1
    for indicator in project.indicators:
        name, unit, _ = content_text.indicator_row(indicator)
        _table_row(sheet, row, grid, [(grid.name, name), (grid.unit, unit)], styles.text)
        sheet.write_number(row, grid.figure, cell_number(indicator.target), styles.fraction)
        row += 1
    row += 1
    _table_row(
        sheet,
        row,
        grid,
        [(grid.name, labels.DOCUMENT_FIELDS["name"]), (grid.unit, "Stav"), ((grid.figure, grid.note[1]), "Poznámka")],
        styles.th,
    )
    row += 1
    for name, status, note in content_text.document_rows(project):
        _table_row(
            sheet, row, grid, [(grid.name, name), (grid.unit, status), ((grid.figure, grid.note[1]), note)], styles.text
        )
        row += 1
    return row - 1


def write_analysis(sheet, row: int, dossier: Dossier, styles: Styles, widths: list[float]) -> int:
    """The security-analysis figures on the summary; returns the last row used."""
    grid = summary_grid(widths)
    a = dossier.applicant
    analysis = a.security_analysis
    merge_text(sheet, row, 0, row, len(widths) - 1, labels.APPLICANT_FIELDS["security_analysis"], styles.label)
    row += 1
    population = format_number(a.population) if a.population is not None else ""
    row = _pair(sheet, row, grid, labels.ANALYSIS_FIELDS["locality"], analysis.locality, styles)
    row = _pair(sheet, row, grid, labels.APPLICANT_FIELDS["population"], population, styles)
    row = _pair(sheet, row, grid, labels.ANALYSIS_FIELDS["date"], format_date(analysis.date), styles)
    _table_row(
        sheet,
        row,
        grid,
        [(grid.name, "Rok"), ((grid.unit[0], grid.figure), labels.ANALYSIS_FIELDS["per_10k"])],
        styles.th,
    )
    row += 1
    for rate in sorted(analysis.crime_rates, key=lambda r: r.year):
        _span(sheet, row, grid.name, str(rate.year), styles.text)
        sheet.merge_range(row, grid.unit[0], row, grid.figure, "", styles.fraction)
        sheet.write_number(row, grid.unit[0], cell_number(rate.per_10k), styles.fraction)
        row += 1
    return row - 1
