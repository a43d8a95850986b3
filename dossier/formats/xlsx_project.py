"""One project's sheet of the Excel export: a header block and the budget table.

Every derived figure is a live formula that also carries the model's own figure as its cached
value (``totals.py``), so viewers that never recalculate (Protected View, previewers) show
the same numbers as the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.utility import xl_rowcol_to_cell as cell_ref

from ..core import kinds, labels
from ..core.budget_columns import HEADER_LABELS
from ..core.dates import format_period
from ..core.model import Project
from ..core.money import format_money, format_number
from ..core.rules import RulePack
from ..core.totals import ZERO, ProjectTotals
from .xlsx_common import cell_number, cell_text, merge_text, write_text
from .xlsx_content import write_category_note, write_project_assessment
from .xlsx_measure import lines_needed
from .xlsx_styles import Styles, fit, fit_row, page_setup, row_height, set_lines

# Budget table columns, left to right.
NO, TEXT, CATEGORY, UNIT, QTY, PRICE, TOTAL, REQUESTED, OWN, ELIGIBLE, JUSTIFICATION = range(11)
LAST_COL = JUSTIFICATION
#: The table's own column names, so a block copied from this sheet pastes back by name.
HEADERS = list(HEADER_LABELS)
YES, NO_TEXT = "ano", "ne"
NO_CATEGORY = "bez kategorie"
NOT_GIVEN = "neuvedeno"
UNTITLED = labels.UNTITLED
PRIORITY_SEPARATOR = " – "
PERIOD_LABEL = "Doba realizace"
#: Labels in the item column of the rows below the budget table.
EMPTY_BUDGET = "Rozpočet projektu neobsahuje žádné položky."
SUBTOTAL = "Mezisoučet za kategorii"


@dataclass(frozen=True)
class TotalsCells:
    """Where a project's totals ended up (A1 references), for the summary's cross-sheet formulas."""

    total: str
    eligible: str
    requested: str
    own: str
    rate: str


def category_labels(codes, pack: RulePack) -> dict[str, str]:
    """Display name per category code; codes whose names would coincide get the code appended.

    Subtotal formulas match lines by this label, so labels must be distinct to be exact.
    """
    names = {code: pack.categories.name_of(code) or code or NO_CATEGORY for code in codes}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {code: f"{name} ({code})" if counts[name] > 1 else name for code, name in names.items()}


def _widths(
    project: Project, line_totals: list[Decimal], totals: ProjectTotals, cats: dict[str, str], halere: bool
) -> list[float]:
    lines = project.budget
    biggest = max(
        max((abs(line.unit_price) for line in lines), default=ZERO),
        max((abs(line.requested) for line in lines), default=ZERO),
        max(map(abs, line_totals), default=ZERO),
        abs(totals.total),
        abs(totals.own),
    )
    money_len = len(format_money(biggest, 2 if halere else 0))
    qty_len = max((len(format_number(line.quantity)) for line in lines), default=1)
    money = fit(money_len, 11, 18)
    # Narrow columns that wrap keep the print scale readable on one A4 landscape width.
    return [
        4.5,
        fit(max((len(line.text) for line in lines), default=0), 20, 32),
        fit(max((len(name) for name in cats.values()), default=0), 12, 22),
        fit(max((len(line.unit) for line in lines), default=0), 8, 14),
        fit(qty_len, 8, 10),
        money,
        money,
        money,
        money,
        9.5,
        30 if any(line.justification for line in lines) else 16,
    ]


def sheet_title(project: Project) -> str:
    return f"{project.id} – {project.title}" if project.title else f"{project.id} – {UNTITLED}"


def header_facts(project: Project, pack: RulePack) -> list[tuple[str, str, str]]:
    """(field, label, shown value) of the header block; the import compares them with the hidden data."""
    priority = project.priority
    if priority:
        name = pack.priorities.name_of(priority)
        priority = f"{priority}{PRIORITY_SEPARATOR}{name}" if name else priority
    return [
        ("kind", labels.PROJECT_FIELDS["kind"], labels.PROJECT_KINDS[project.kind]),
        ("budget_type", labels.PROJECT_FIELDS["budget_type"], labels.BUDGET_TYPES[project.budget_type]),
        ("priority", labels.PROJECT_FIELDS["priority"], priority or "neuvedena"),
        ("locality", labels.PROJECT_FIELDS["locality"], project.locality or NOT_GIVEN),
        ("implementing_body", labels.PROJECT_FIELDS["implementing_body"], project.implementing_body or NOT_GIVEN),
        ("period", PERIOD_LABEL, format_period(project.date_from, project.date_to, NOT_GIVEN)),
    ]


def kind_facts(project: Project) -> list[tuple[str, str]]:
    """The facts of the kind's own part (``core/kinds``): shown under the header, not read back."""
    block = kinds.block_of(project)
    return [(label, value or NOT_GIVEN) for label, value in block.facts] if block is not None else []


def _header_block(sheet, project: Project, pack: RulePack, styles: Styles, widths: list[float]) -> int:
    """Title and the project's key facts; returns the first free row."""
    title = sheet_title(project)
    all_width = sum(widths)
    merge_text(sheet, 0, 0, 0, LAST_COL, title, styles.title)
    sheet.set_row(0, row_height(title, all_width, size=14, bold=True))
    facts = [(label, value) for _key, label, value in header_facts(project, pack)]
    facts += kind_facts(project)
    value_width = sum(widths[CATEGORY:])
    for row, (label, value) in enumerate(facts, start=1):
        value = cell_text(value)
        # Merged cells are never auto-fitted by Excel or LibreOffice: size the row ourselves.
        merge_text(sheet, row, NO, row, TEXT, label, styles.label)
        merge_text(sheet, row, CATEGORY, row, LAST_COL, value, styles.value)
        sheet.set_row(row, row_height(value, value_width))
    return len(facts) + 2


def _line_row(sheet, row: int, n: int, line, total: Decimal, category: str, styles: Styles, widths) -> None:
    """One budget line; ``total`` is its line total (computed once per line by the caller)."""
    r = row + 1  # A1 row number
    # The most wrapped text cell sets the height (as fit_row, without its lists: this runs per line).
    lines = max(
        lines_needed(line.text, widths[TEXT]),
        lines_needed(category, widths[CATEGORY]),
        lines_needed(line.unit, widths[UNIT]),
        lines_needed(line.justification, widths[JUSTIFICATION]),
    )
    set_lines(sheet, row, lines)
    text, money = styles.text, styles.money
    sheet.write_number(row, NO, n, styles.center)
    write_text(sheet, row, TEXT, line.text, text)
    write_text(sheet, row, CATEGORY, category, text)
    write_text(sheet, row, UNIT, line.unit, text)
    quantity = line.quantity
    whole = quantity == quantity.to_integral_value()
    sheet.write_number(row, QTY, cell_number(quantity), styles.integer if whole else styles.fraction)
    sheet.write_number(row, PRICE, cell_number(line.unit_price), money)
    # ROUND(...,2) matches the model's rounding of quantity × price to haléře.
    sheet.write_formula(row, TOTAL, f"=ROUND(E{r}*F{r},2)", money, cell_number(total))
    sheet.write_number(row, REQUESTED, cell_number(line.requested), money)
    # The own share is line_own(): the line total less the requested amount.
    sheet.write_formula(row, OWN, f"=G{r}-H{r}", money, cell_number(total - line.requested))
    sheet.write_string(row, ELIGIBLE, YES if line.eligible else NO_TEXT, styles.center)
    write_text(sheet, row, JUSTIFICATION, line.justification, text)


def _band(sheet, row: int, label: str, label_fmt, fill_fmt, widths: list[float], extra: str = "") -> None:
    """A summary row: label in the item column, the rest of the row filled with the band's format.

    ``extra`` is text that will go into the category column, for sizing the row.
    """
    for col in range(LAST_COL + 1):
        sheet.write_blank(row, col, None, fill_fmt)
    sheet.write_string(row, TEXT, label, label_fmt)
    fit_row(sheet, row, [(label, widths[TEXT]), (extra, widths[CATEGORY])])


def write_project_sheet(
    sheet,
    project: Project,
    line_totals: list[Decimal],
    totals: ProjectTotals,
    pack: RulePack,
    styles: Styles,
    *,
    footer: str,
) -> TotalsCells:
    """Fill ``sheet`` with the project, its line totals and ``totals`` (all from totals.py);
    returns where the totals went."""
    cats = category_labels(totals.by_category, pack)
    widths = _widths(project, line_totals, totals, cats, styles.halere)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)

    header_row = _header_block(sheet, project, pack, styles, widths)
    for col, text in enumerate(HEADERS):
        sheet.write_string(header_row, col, text, styles.th)
    fit_row(sheet, header_row, list(zip(HEADERS, widths)), bold=True)

    first = header_row + 1
    row = first
    for n, (line, total) in enumerate(zip(project.budget, line_totals), start=1):
        _line_row(sheet, row, n, line, total, cats[line.category], styles, widths)
        row += 1
    if not project.budget:
        # The sums below need a non-empty range; a visible note also tells the reviewer why.
        _band(sheet, row, EMPTY_BUDGET, styles.text, styles.text, widths)
        row += 1
    last = row - 1
    a, b = first + 1, last + 1  # A1 rows of the table body

    for code, sums in totals.by_category.items():
        _band(sheet, row, SUBTOTAL, styles.sub_label, styles.sub_money, widths, cats[code])
        write_text(sheet, row, CATEGORY, cats[code], styles.sub_label)
        # EXACT, unlike SUMIF, is case-sensitive and knows no wildcards: a name like "Ostatní (*)" stays literal.
        for col, value in ((TOTAL, sums.total), (REQUESTED, sums.requested), (OWN, sums.own)):
            colname = xl_col_to_name(col)
            formula = f"=SUMPRODUCT(EXACT($C${a}:$C${b},$C{row + 1})*{colname}${a}:{colname}${b})"
            sheet.write_formula(row, col, formula, styles.sub_money, cell_number(value))
        row += 1

    total_row = row
    _band(sheet, row, labels.TOTALS["total"], styles.total_label, styles.total_money, widths)
    for col, value in ((TOTAL, totals.total), (REQUESTED, totals.requested), (OWN, totals.own)):
        colname = xl_col_to_name(col)
        sheet.write_formula(row, col, f"=SUM({colname}{a}:{colname}{b})", styles.total_money, cell_number(value))
    row += 1

    eligible_row = row
    _band(sheet, row, labels.TOTALS["eligible"], styles.sub_label, styles.sub_money, widths)
    sheet.write_formula(
        row, TOTAL, f'=SUMIF(J{a}:J{b},"{YES}",G{a}:G{b})', styles.sub_money, cell_number(totals.eligible)
    )
    row += 1

    rate_row = row
    _band(sheet, row, "Podíl dotace z uznatelných nákladů", styles.sub_label, styles.sub_percent, widths)
    rate = totals.rate
    sheet.write_formula(
        row,
        REQUESTED,
        f'=IF(G{eligible_row + 1}>0,ROUND(H{total_row + 1}/G{eligible_row + 1},4),"–")',
        styles.sub_percent,
        "–" if rate is None else cell_number(rate),
    )

    row = write_category_note(sheet, row + 2, pack, styles, LAST_COL, sum(widths))
    row = write_project_assessment(sheet, row + 1, project, pack.year, styles, widths)
    page_setup(sheet, header_row=header_row, last_row=row, last_col=LAST_COL, footer=footer)
    return TotalsCells(
        total=cell_ref(total_row, TOTAL),
        eligible=cell_ref(eligible_row, TOTAL),
        requested=cell_ref(total_row, REQUESTED),
        own=cell_ref(total_row, OWN),
        rate=cell_ref(rate_row, REQUESTED),
    )
