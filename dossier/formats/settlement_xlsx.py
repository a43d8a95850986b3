"""Settlement workbook (Vyúčtování): per project awarded, used and to return; per line planned vs actual.

Every figure derived from payments is an Excel formula written *with its cached value*, computed
by ``core/grant_totals.py``, so a previewer shows the right numbers and LibreOffice or Excel
recalculate them to the same figures. Sheets:

* ``Vyúčtování`` – one row per project: awarded, planned and actual costs, subsidy drawn, the
  cap (year's maximum rate of actual eligible costs, rounded down), subsidy used, to return;
* one sheet per project – its budget lines, planned vs actual (SUMIFS over ``Platby``) and by category;
* ``Platby`` – every payment of the ledger.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

from ..core import labels
from ..core.dates import format_date
from ..core.errors import DossierError
from ..core.grant import FundingSource
from ..core.grant_totals import ProjectLedger, dossier_ledgers
from ..core.model import Dossier
from ..core.money import format_money
from ..core.rules import grant_deadlines, rules_for
from ..core.totals import ZERO
from .atomic import atomic_write_bytes
from .xlsx_common import cell_number, cell_text, merge_text, sheet_names, write_text
from .xlsx_content import write_sample_mark
from .xlsx_styles import Styles, fit_row, page_setup

SUMMARY = "Vyúčtování"
PAYMENTS = "Platby"
SOURCE_TEXT = {FundingSource.SUBSIDY: "dotace", FundingSource.OWN: "vlastní zdroje"}
SUMMARY_HEADERS = [
    "Č.",
    "Projekt",
    "Přiznaná dotace",
    "Plánované náklady",
    "Skutečné náklady",
    "z toho uznatelné",
    "Čerpáno z dotace",
    "Z vlastních zdrojů",
    "Max. podíl dotace",
    "Strop dotace",
    "Použitá dotace",
    "K vrácení",
]
LINE_HEADERS = [
    "Č.",
    "Položka",
    "Kategorie",
    "Uznatelný",
    "Plán celkem",
    "Plán z dotace",
    "Skutečnost celkem",
    "z dotace",
    "z vlastních zdrojů",
    "Rozdíl (plán − skutečnost)",
]
PAYMENT_HEADERS = ["Projekt", "Řádek", "Položka", "Datum", "Dodavatel", "Doklad", "Částka", "Zdroj", "Poznámka"]
TOP = 5  # header row of every table


def export_settlement(dossier: Dossier, path: str | Path, *, file_label: str | None = None) -> None:
    path = Path(path)
    try:
        data = build_settlement(dossier, file_label=file_label)
    except XlsxWriterException as exc:
        raise DossierError(f"Vyúčtování „{path.name}“ se nepodařilo vytvořit: {exc}") from None
    atomic_write_bytes(path, data, keep_backup=False)


class _Book:
    def __init__(self, dossier: Dossier, file_label: str | None):
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self.dossier = dossier
        self.ledgers = dossier_ledgers(dossier)
        amounts = [p.amount for pr in dossier.projects if pr.grant for p in pr.grant.payments]
        amounts += [ln.planned for lg in self.ledgers for ln in lg.lines]
        self.st = Styles(self.wb, halere=any(a != a.to_integral_value() for a in amounts))
        self.date = self.wb.add_format(
            {
                "font_name": "Calibri",
                "font_size": 10,
                "border": 1,
                "border_color": "#808080",
                "num_format": "d. m. yyyy",
                "valign": "top",
            }
        )
        self.program = labels.program_name(dossier.year, dossier.round)
        self.footer = cell_text(file_label or f"{dossier.applicant.name or 'Žádost'} – {self.program}")

    def title(self, sheet, text: str, subtitle: str, last_col: int) -> None:
        sheet.set_row(0, 22)
        merge_text(sheet, 0, 0, 0, last_col, text, self.st.title)
        merge_text(sheet, 1, 0, 1, last_col, subtitle, self.st.value)

    def formula(self, sheet, row: int, col: int, formula: str, value: Decimal, fmt) -> None:
        sheet.write_formula(row, col, formula, fmt, cell_number(value))


def build_settlement(dossier: Dossier, *, file_label: str | None = None) -> bytes:
    book = _Book(dossier, file_label)
    summary = book.wb.add_worksheet(SUMMARY)
    names = sheet_names(f"{p.id} {p.title}" for p in dossier.projects)
    payments = book.wb.add_worksheet(PAYMENTS)  # written first: the line formulas refer to it
    pay_rows = _write_payments(book, payments)
    totals_cells = []
    for project, ledger, name in zip(dossier.projects, book.ledgers, names):
        sheet = book.wb.add_worksheet(name)
        totals_cells.append(_write_project(book, sheet, project, ledger, pay_rows))
    _write_summary(book, summary, names, totals_cells)
    # Sheet order: summary, projects, payments.
    book.wb.worksheets_objs.remove(payments)
    book.wb.worksheets_objs.append(payments)
    for index, sheet in enumerate(book.wb.worksheets_objs):
        sheet.index = index
    summary.activate()
    created = dossier.metadata.modified or dossier.metadata.created or dt.datetime.now()
    book.wb.set_properties(
        {
            "title": "Vyúčtování dotace",
            "subject": book.program,
            "author": cell_text(dossier.applicant.name),
            "created": created.replace(tzinfo=None),
        }
    )
    book.wb.close()
    return book.buffer.getvalue()


def _write_payments(book: _Book, sheet) -> int:
    st = book.st
    book.title(sheet, "Evidence plateb", book.program, len(PAYMENT_HEADERS) - 1)
    for col, text in enumerate(PAYMENT_HEADERS):
        sheet.write_string(TOP, col, text, st.th)
    row = TOP
    for project in book.dossier.projects:
        for pay in project.grant.payments if project.grant else ():
            row += 1
            sheet.write_string(row, 0, project.id, st.text)
            if pay.line is not None and pay.line < len(project.budget):
                sheet.write_number(row, 1, pay.line + 1, st.integer)
                write_text(sheet, row, 2, project.budget[pay.line].text, st.text)
            else:
                sheet.write_blank(row, 1, None, st.integer)
                sheet.write_string(row, 2, "(nepřiřazeno k řádku)", st.text)
            if pay.date:
                sheet.write_datetime(row, 3, dt.datetime.combine(pay.date, dt.time()), book.date)
            else:
                sheet.write_blank(row, 3, None, book.date)
            write_text(sheet, row, 4, pay.supplier, st.text)
            write_text(sheet, row, 5, pay.document, st.text)
            sheet.write_number(row, 6, cell_number(pay.amount), st.money)
            sheet.write_string(row, 7, SOURCE_TEXT[pay.source], st.text)
            write_text(sheet, row, 8, pay.note, st.text)
    for col, width in enumerate((8, 7, 36, 11, 28, 14, 14, 13, 24)):
        sheet.set_column(col, col, width)
    page_setup(sheet, header_row=TOP, last_row=max(row, TOP), last_col=len(PAYMENT_HEADERS) - 1, footer=book.footer)
    return max(row, TOP + 1)


def _range(col: str, last: int) -> str:
    return f"'{PAYMENTS}'!${col}${TOP + 2}:${col}${last + 1}"


def _paid(pay_last: int, project_id: str, line: str, source: FundingSource) -> str:
    """The payments of the project's line (``line``: a cell, or "" for unassigned) from ``source``."""
    return (
        f'=SUMIFS({_range("G", pay_last)},{_range("A", pay_last)},"{project_id}",'
        f'{_range("B", pay_last)},{line},{_range("H", pay_last)},"{SOURCE_TEXT[source]}")'
    )


def _write_project(book: _Book, sheet, project, ledger: ProjectLedger, pay_last: int) -> dict[str, str]:
    st = book.st
    awarded = ledger.awarded
    book.title(
        sheet,
        f"{project.id} {project.title}",
        "Přiznaná dotace: " + (format_money(awarded) if awarded is not None else "neuvedena"),
        len(LINE_HEADERS) - 1,
    )
    for col, text in enumerate(LINE_HEADERS):
        sheet.write_string(TOP, col, text, st.th)
    sheet.set_row(TOP, 30)
    categories = rules_for(book.dossier.year, book.dossier.round).pack.categories
    row = TOP
    first = TOP + 1
    for ln in ledger.lines:
        row += 1
        r = row + 1  # 1-based row in formulas
        sheet.write_number(row, 0, ln.index + 1, st.center)  # a row number, not an amount: centred like "Č." elsewhere
        write_text(sheet, row, 1, ln.line.text, st.text)
        write_text(sheet, row, 2, categories.name_of(ln.line.category) or ln.line.category, st.text)
        sheet.write_string(row, 3, "ano" if ln.line.eligible else "ne", st.center)
        fit_row(sheet, row, [(ln.line.text, 40), (categories.name_of(ln.line.category) or "", 20)])
        sheet.write_number(row, 4, cell_number(ln.planned), st.money)
        sheet.write_number(row, 5, cell_number(ln.line.requested), st.money)
        book.formula(sheet, row, 6, f"=H{r}+I{r}", ln.drawn.total, st.money)
        for col, source in ((7, FundingSource.SUBSIDY), (8, FundingSource.OWN)):
            value = ln.drawn.subsidy if source == FundingSource.SUBSIDY else ln.drawn.own
            book.formula(sheet, row, col, _paid(pay_last, project.id, f"A{r}", source), value, st.money)
        book.formula(sheet, row, 9, f"=E{r}-G{r}", ln.remaining, st.money)
    last = max(row, first)
    # Payments not assigned to a line count in the project's actual costs, not as eligible ones.
    row += 1
    r = row + 1
    sheet.write_blank(row, 0, None, st.sub_label)
    sheet.write_string(row, 1, "Platby nepřiřazené k řádku", st.sub_label)
    for col in (2, 3, 4, 5):
        sheet.write_blank(row, col, None, st.sub_label)
    book.formula(sheet, row, 6, f"=H{r}+I{r}", ledger.unassigned.total, st.sub_money)
    for col, source in ((7, FundingSource.SUBSIDY), (8, FundingSource.OWN)):
        value = ledger.unassigned.subsidy if source == FundingSource.SUBSIDY else ledger.unassigned.own
        book.formula(sheet, row, col, _paid(pay_last, project.id, '""', source), value, st.sub_money)
    book.formula(sheet, row, 9, f"=-G{r}", -ledger.unassigned.total, st.sub_money)
    unassigned_row = r
    row += 1
    total_row = row + 1
    sheet.write_blank(row, 0, None, st.total_label)
    sheet.write_string(row, 1, "Celkem", st.total_label)
    sheet.write_blank(row, 2, None, st.total_label)
    sheet.write_blank(row, 3, None, st.total_label)
    drawn = ledger.drawn
    sums = {
        4: ledger.planned.total,
        5: ledger.planned.requested,
        6: drawn.total,
        7: drawn.subsidy,
        8: drawn.own,
        9: ledger.planned.total - drawn.total,
    }
    for col, value in sums.items():
        letter = "ABCDEFGHIJ"[col]
        extra = f"+{letter}{unassigned_row}" if col >= 6 else ""
        book.formula(sheet, row, col, f"=SUM({letter}{first + 1}:{letter}{last + 1}){extra}", value, st.total_money)
    row += 1
    eligible_row = row + 1
    sheet.write_string(row, 1, "Skutečné uznatelné náklady", st.label)
    book.formula(
        sheet,
        row,
        6,
        f'=SUMIF(D{first + 1}:D{last + 1},"ano",G{first + 1}:G{last + 1})',
        ledger.eligible_actual,
        st.money,
    )
    # By category: planned vs actual.
    row += 2
    sheet.write_string(row, 1, "Podle kategorií", st.label)
    row += 1
    for col, text in ((1, "Kategorie"), (2, "Kód"), (4, "Plán celkem"), (6, "Skutečnost celkem"), (9, "Rozdíl")):
        sheet.write_string(row, col, text, st.th)
    for code, (planned, actual) in ledger.by_category.items():
        row += 1
        r = row + 1
        write_text(sheet, row, 1, categories.name_of(code) or code or "(bez kategorie)", st.text)
        sheet.write_string(row, 2, code, st.text)
        crit = f'C{first + 1}:C{last + 1},"{categories.name_of(code) or code}"'
        book.formula(sheet, row, 4, f"=SUMIF({crit},E{first + 1}:E{last + 1})", planned, st.money)
        book.formula(sheet, row, 6, f"=SUMIF({crit},G{first + 1}:G{last + 1})", actual, st.money)
        book.formula(sheet, row, 9, f"=E{r}-G{r}", planned - actual, st.money)
    for col, width in enumerate((5, 40, 20, 9, 14, 14, 14, 14, 14, 16)):
        sheet.set_column(col, col, width)
    page_setup(sheet, header_row=TOP, last_row=row, last_col=len(LINE_HEADERS) - 1, footer=book.footer)
    name = sheet.get_name().replace("'", "''")
    ref = lambda col, r: f"'{name}'!{xl_rowcol_to_cell(r - 1, col, row_abs=True, col_abs=True)}"  # noqa: E731
    return {
        "planned": ref(4, total_row),
        "actual": ref(6, total_row),
        "eligible": ref(6, eligible_row),
        "subsidy": ref(7, total_row),
        "own": ref(8, total_row),
    }


def _write_summary(book: _Book, sheet, names: list[str], cells: list[dict[str, str]]) -> None:
    st = book.st
    settlement, _ = grant_deadlines(rules_for(book.dossier.year, book.dossier.round).pack)
    book.title(
        sheet,
        f"Vyúčtování dotace – {book.program}",
        f"{book.dossier.applicant.name} · termín vyúčtování {format_date(settlement.value)}"
        + (" (neověřeno)" if settlement.unverified else ""),
        len(SUMMARY_HEADERS) - 1,
    )
    for col, text in enumerate(SUMMARY_HEADERS):
        sheet.write_string(TOP, col, text, st.th)
    sheet.set_row(TOP, 30)
    row = TOP
    for n, (project, ledger, ref) in enumerate(zip(book.dossier.projects, book.ledgers, cells), start=1):
        row += 1
        r = row + 1
        sheet.write_number(row, 0, n, st.center)
        write_text(sheet, row, 1, f"{project.id} {project.title}", st.text)
        sheet.write_number(row, 2, cell_number(ledger.awarded or ZERO), st.money)
        drawn = ledger.drawn
        for col, key, value in (
            (3, "planned", ledger.planned.total),
            (4, "actual", drawn.total),
            (5, "eligible", ledger.eligible_actual),
            (6, "subsidy", drawn.subsidy),
            (7, "own", drawn.own),
        ):
            book.formula(sheet, row, col, f"={ref[key]}", value, st.money)
        sheet.write_number(row, 8, float(ledger.max_rate), st.percent)
        book.formula(sheet, row, 9, f"=ROUNDDOWN(I{r}*F{r},0)", ledger.subsidy_cap, st.money)
        book.formula(sheet, row, 10, f"=MIN(G{r},C{r},J{r})", ledger.subsidy_used, st.money)
        book.formula(sheet, row, 11, f"=C{r}-K{r}", ledger.to_return, st.money)
    first, last = TOP + 2, max(row + 1, TOP + 2)
    row += 1
    sheet.write_blank(row, 0, None, st.total_label)
    sheet.write_string(row, 1, "Celkem", st.total_label)
    ledgers = book.ledgers
    drawn_all = [lg.drawn for lg in ledgers]
    totals = {
        2: sum((lg.awarded or ZERO for lg in ledgers), ZERO),
        3: sum((lg.planned.total for lg in ledgers), ZERO),
        4: sum((d.total for d in drawn_all), ZERO),
        5: sum((lg.eligible_actual for lg in ledgers), ZERO),
        6: sum((d.subsidy for d in drawn_all), ZERO),
        7: sum((d.own for d in drawn_all), ZERO),
        9: sum((lg.subsidy_cap for lg in ledgers), ZERO),
        10: sum((lg.subsidy_used for lg in ledgers), ZERO),
        11: sum((lg.to_return for lg in ledgers), ZERO),
    }
    for col in range(2, 12):
        if col == 8:
            sheet.write_blank(row, col, None, st.total_money)
            continue
        letter = "ABCDEFGHIJKL"[col]
        book.formula(sheet, row, col, f"=SUM({letter}{first}:{letter}{last})", totals[col], st.total_money)
    note = (
        "Použitá dotace = nejmenší z částek: čerpáno z dotace, přiznaná dotace a strop (nejvyšší podíl dotace "
        "ze skutečných uznatelných nákladů, zaokrouhleno dolů na celé Kč). K vrácení = přiznaná − použitá dotace."
    )
    sheet.merge_range(row + 2, 0, row + 2, 11, "", st.value)
    write_text(sheet, row + 2, 0, note, st.value)
    sheet.set_row(row + 2, 28)
    widths = (4, 34, 13, 13, 13, 13, 13, 13, 9, 13, 13, 13)
    last_row = write_sample_mark(sheet, row + 3, book.dossier, st, 11, sum(widths)) - 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    page_setup(sheet, header_row=TOP, last_row=last_row, last_col=11, footer=book.footer)
