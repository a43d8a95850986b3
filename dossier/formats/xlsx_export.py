"""Excel budget export: a summary sheet, one sheet per project and a hidden copy of the dossier.

The workbook is built in memory and written atomically, so a failure never leaves a
half-written file behind. The very hidden sheet ``_dossier`` holds the native JSON, which
``xlsx_import.py`` reads back without loss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name

from ..core import labels
from ..core.checks import run_checks
from ..core.errors import DossierError
from ..core.model import BudgetType, Dossier
from ..core.money import format_money
from ..core.rules import rules_for
from ..core.submission import WORKING_DOCUMENT_NOTE
from ..core.totals import ZERO, DossierTotals, dossier_totals, line_total
from . import native
from .atomic import atomic_write_bytes
from .bulk import collector_paused
from .compat import FastWorksheet
from .xlsx_common import (
    CHUNK_CHARS,
    DATA_SHEET,
    SUMMARY_SHEET,
    cell_number,
    cell_text,
    merge_text,
    sheet_names,
    write_text,
)
from .xlsx_content import write_analysis, write_sample_mark
from .xlsx_project import write_project_sheet
from .xlsx_styles import Styles, fit, fit_row, page_setup, row_height

# Summary columns, left to right.
NO, TITLE, KIND, TYPE, TOTAL, ELIGIBLE, REQUESTED, OWN, RATE = range(9)
SUMMARY_HEADERS = [
    "Č.",
    labels.PROJECT_FIELDS["title"],
    "Druh",
    labels.PROJECT_FIELDS["budget_type"],
    labels.TOTALS["total"],
    labels.TOTALS["eligible"],
    labels.TOTALS["requested"],
    labels.TOTALS["own"],
    labels.TOTALS["rate"],
]
#: Applicant fields shown on the summary sheet, in order.
SUMMARY_FACTS = ("name", "ico", "bank_account", "data_box_id")
NOT_GIVEN = "neuvedeno"
#: The underscore of an "_xHHHH_" sequence, which spreadsheets read as an escaped character.
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_FIGURES = ((TOTAL, "total"), (ELIGIBLE, "eligible"), (REQUESTED, "requested"), (OWN, "own"))


def export_xlsx(dossier: Dossier, path: str | Path, *, file_label: str | None = None) -> None:
    """Write the budget workbook to ``path``; raises ``DossierError`` with a Czech message."""
    path = Path(path)
    try:
        with collector_paused():
            data = build_xlsx(dossier, file_label=file_label)
    except XlsxWriterException as exc:  # a limit of the format we did not foresee: report, do not crash
        raise DossierError(f"Sešit „{path.name}“ se nepodařilo vytvořit: {exc}") from None
    # An export is re-created at will, so no .bak copy of the previous one is kept.
    atomic_write_bytes(path, data, keep_backup=False)


def build_xlsx(dossier: Dossier, *, file_label: str | None = None) -> bytes:
    """The workbook as bytes (the whole export except touching the disk)."""
    buffer = io.BytesIO()
    # We write every user text with write_string; these options guard against a stray write().
    # constant_memory: each sheet streams its rows to a temporary file as they are written (rows go
    # strictly top to bottom here), so a 300 × 100 export does not hold every cell in memory.
    workbook = xlsxwriter.Workbook(
        buffer,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    program = labels.program_name(dossier.year, dossier.round)
    footer = cell_text(file_label or f"{dossier.applicant.name or 'Žádost'} – {program}")
    _set_properties(workbook, dossier, program)
    pack_choice = rules_for(dossier.year, dossier.round)
    totals = dossier_totals(dossier)
    # Each line's total once: the haléře test, the column widths and the cells all need it.
    line_totals = [[line_total(line) for line in project.budget] for project in dossier.projects]
    styles = Styles(workbook, halere=_has_halere(dossier, line_totals))

    summary = workbook.add_worksheet(SUMMARY_SHEET, FastWorksheet)
    names = sheet_names(f"{p.id} {p.title}" for p in dossier.projects)
    cells = []
    for project, project_lines, project_sums, name in zip(dossier.projects, line_totals, totals.projects, names):
        sheet = workbook.add_worksheet(name, FastWorksheet)
        cells.append(
            write_project_sheet(sheet, project, project_lines, project_sums, pack_choice.pack, styles, footer=footer)
        )
    _write_summary(
        summary,
        dossier,
        totals,
        names,
        cells,
        styles,
        program=program,
        notice=pack_choice.fallback_notice,
        footer=footer,
    )
    _write_data_sheet(workbook.add_worksheet(DATA_SHEET, FastWorksheet), dossier, styles)
    summary.activate()
    workbook.close()
    return buffer.getvalue()


def _has_halere(dossier: Dossier, line_totals: list[list[Decimal]]) -> bool:
    """Whether any amount has haléře; then all amounts print with two places, else whole crowns."""
    return any(
        value != value.to_integral_value()
        for project, totals in zip(dossier.projects, line_totals)
        for line, total in zip(project.budget, totals)
        for value in (line.unit_price, line.requested, total)
    )


def _set_properties(workbook, dossier: Dossier, program: str) -> None:
    name = cell_text(dossier.applicant.name)
    # The dossier's own time keeps repeated exports byte-identical; only a new dossier uses now.
    created = dossier.metadata.modified or dossier.metadata.created or dt.datetime.now(dt.UTC)
    if created.tzinfo is not None:
        created = created.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.set_properties(
        {
            "title": f"Rozpočet žádosti – {name}" if name else "Rozpočet žádosti",
            "subject": program,
            "author": name,
            "comments": "Vytvořeno aplikací Dossier. Skrytý list s daty umožňuje sešit znovu importovat.",
            "created": created,
        }
    )


def _summary_widths(dossier: Dossier, totals: DossierTotals, halere: bool) -> list[float]:
    biggest = max([abs(totals.total), abs(totals.own)] + [abs(p.total) for p in totals.projects], default=ZERO)
    money = fit(len(format_money(biggest, 2 if halere else 0)), 12, 20)
    return [
        fit(max((len(p.id) for p in dossier.projects), default=0), 5, 10),
        fit(max((len(p.title) for p in dossier.projects), default=0), 30, 45),
        fit(max((len(labels.PROJECT_KINDS_SHORT[p.kind]) for p in dossier.projects), default=0), 10, 18),
        13,
        money,
        money,
        money,
        money,
        10,
    ]


def _write_summary(
    sheet,
    dossier: Dossier,
    totals: DossierTotals,
    names,
    cells,
    styles: Styles,
    *,
    program: str,
    notice: str,
    footer: str,
) -> None:
    widths = _summary_widths(dossier, totals, styles.halere)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    header_row = _summary_head(sheet, dossier, styles, widths, program=program, notice=notice)
    for col, text in enumerate(SUMMARY_HEADERS):
        sheet.write_string(header_row, col, text, styles.th)
    fit_row(sheet, header_row, list(zip(SUMMARY_HEADERS, widths)), bold=True)

    row = first = header_row + 1
    for project, name, where, sums in zip(dossier.projects, names, cells, totals.projects):
        _project_row(sheet, row, project, name, where, sums, styles)
        fit_row(sheet, row, [(project.title, widths[TITLE]), (project.id, widths[NO])])
        row += 1
    if not dossier.projects:
        # The sums below need a non-empty range; the note tells the reader why it is empty.
        for col in range(RATE + 1):
            sheet.write_blank(row, col, None, styles.text)
        sheet.write_string(row, TITLE, "Žádost neobsahuje žádné projekty.", styles.text)
        row += 1
    a, b = first + 1, row  # A1 rows of the project rows

    for budget_type in BudgetType:
        label = labels.BUDGET_TYPES[budget_type]
        _figures_row(
            sheet,
            row,
            f"Mezisoučet – {label}",
            totals.by_budget_type[budget_type],
            lambda col, label=label: f'=SUMIF($D${a}:$D${b},"{label}",{col}${a}:{col}${b})',
            (styles.sub_label, styles.sub_money, styles.sub_percent),
        )
        row += 1
    _figures_row(
        sheet,
        row,
        "Celkem za žádost",
        totals,
        lambda col: f"=SUM({col}{a}:{col}{b})",
        (styles.total_label, styles.total_money, styles.total_percent),
    )
    row = _check_status(sheet, row + 2, dossier, styles)
    row = write_analysis(sheet, row + 2, dossier, styles, widths)
    page_setup(sheet, header_row=header_row, last_row=row, last_col=RATE, footer=footer)


def summary_facts(dossier: Dossier) -> list[tuple[str, str]]:
    """The applicant's facts on the summary sheet; the import compares them with the hidden data.

    The bank account and data box are shown so that a changed copy in the hidden sheet cannot
    slip in unseen (see ``xlsx_edits.py``).
    """
    applicant = dossier.applicant
    return [(labels.APPLICANT_FIELDS[key], getattr(applicant, key) or NOT_GIVEN) for key in SUMMARY_FACTS]


def _summary_head(sheet, dossier: Dossier, styles: Styles, widths, *, program: str, notice: str) -> int:
    """Title, programme and applicant; returns the row for the table header."""
    merge_text(sheet, 0, 0, 0, RATE, "Souhrn rozpočtu žádosti", styles.title)
    sheet.set_row(0, 22)
    facts = [("Program", program)] + summary_facts(dossier) + [("Dokument", WORKING_DOCUMENT_NOTE)]
    row = 1
    for label, value in facts:
        merge_text(sheet, row, NO, row, TITLE, label, styles.label)
        merge_text(sheet, row, KIND, row, RATE, value, styles.value)
        # Merged cells are never auto-fitted: size the row ourselves.
        sheet.set_row(row, row_height(cell_text(value), sum(widths[KIND:])))
        row += 1
    row = write_sample_mark(sheet, row, dossier, styles, RATE, sum(widths))
    if notice:  # the year has no rule pack of its own
        merge_text(sheet, row, NO, row, RATE, notice, styles.note)
        sheet.set_row(row, row_height(notice, sum(widths)))
        row += 1
    return row + 1


def _check_status(sheet, row: int, dossier: Dossier, styles: Styles) -> int:
    """How the checks stood at export time, so a printout shows whether it was clean; returns the last row."""
    findings = run_checks(dossier)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    merge_text(sheet, row, NO, row, TITLE, "Kontrola žádosti při exportu", styles.label)
    merge_text(sheet, row, KIND, row, RATE, f"chyby: {errors}, upozornění: {warnings}", styles.value)
    if errors:
        row += 1
        merge_text(sheet, row, NO, row, RATE, "Žádost obsahuje chyby; před podáním je opravte.", styles.note)
    return row


def _project_row(sheet, row: int, project, name: str, where, sums, styles: Styles) -> None:
    write_text(sheet, row, NO, project.id, styles.text)
    # No hyperlink to the sheet: LibreOffice never wraps a link's text, so long titles would be cut off.
    write_text(sheet, row, TITLE, project.title or labels.UNTITLED, styles.text)
    sheet.write_string(row, KIND, labels.PROJECT_KINDS_SHORT[project.kind], styles.text)
    sheet.write_string(row, TYPE, labels.BUDGET_TYPES[project.budget_type], styles.text)
    sheet_ref = "'" + name.replace("'", "''") + "'!"
    for col, attr in _FIGURES:
        sheet.write_formula(
            row, col, f"={sheet_ref}{getattr(where, attr)}", styles.money, cell_number(getattr(sums, attr))
        )
    rate = sums.rate
    sheet.write_formula(
        row, RATE, f"={sheet_ref}{where.rate}", styles.percent, "–" if rate is None else cell_number(rate)
    )


def _figures_row(sheet, row: int, label: str, sums, formula, fmts) -> None:
    """A subtotal or total row of the summary: formulas with the model's figures cached."""
    label_fmt, money_fmt, percent_fmt = fmts
    for col in range(TOTAL):
        sheet.write_blank(row, col, None, label_fmt)
    sheet.write_string(row, TITLE, label, label_fmt)
    for col, attr in _FIGURES:
        sheet.write_formula(row, col, formula(xl_col_to_name(col)), money_fmt, cell_number(getattr(sums, attr)))
    r = row + 1
    rate = sums.rate
    sheet.write_formula(
        row, RATE, f'=IF(F{r}>0,ROUND(G{r}/F{r},4),"–")', percent_fmt, "–" if rate is None else cell_number(rate)
    )


def _write_data_sheet(sheet, dossier: Dossier, styles: Styles) -> None:
    """The native JSON in chunks (a cell holds at most 32 767 characters), checked by SHA-256."""
    # Cells are written as inline strings (constant_memory), which openpyxl reads without undoing
    # Excel's "_x0041_" escapes; such a sequence is written as a JSON escape ("\u005fx0041_"), which
    # the JSON reader turns back into the same text.
    text = _OOXML_ESCAPE.sub(r"\\u005f", native.dumps(dossier).decode("utf-8"))
    chunks = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)]
    sheet.write_string(0, 0, native.FORMAT_MARKER, styles.data)
    sheet.write_number(0, 1, native.SCHEMA_VERSION, styles.data)
    sheet.write_number(0, 2, len(chunks), styles.data)
    sheet.write_string(0, 3, hashlib.sha256(text.encode("utf-8")).hexdigest(), styles.data)
    sheet.write_string(0, 4, "Data žádosti pro opětovný import do aplikace Dossier. Neupravujte.", styles.data)
    for row, chunk in enumerate(chunks, start=1):
        sheet.write_string(row, 0, chunk, styles.data)
    sheet.very_hidden()
