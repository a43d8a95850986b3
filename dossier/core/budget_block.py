"""Read a block of budget cells (a paste, a CSV file, a workbook range) into budget lines.

One reader for the table's paste and ``import-budget``, so both put every value in the same
column and refuse the same blocks:

* a header row, when there is one, decides the columns by name (``budget_columns``); without
  one the columns follow the table's order, the derived ones (Č., Celkem, vlastní podíl) included;
* derived figures are compared, never written: a pasted Celkem that is not Množství × Cena or
  a subsidy and own share that do not add up to Celkem refuse the whole block;
* numbers are read exactly as typing in the table reads them; an unknown category is kept
  as typed and reported, never turned into a silent blank.

Nothing here knows Qt or files: the UI and ``formats.budget_import`` bring the cells.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from .budget_columns import (
    BOOL,
    CATEGORY,
    COLUMNS,
    DERIVED,
    MONEY,
    NUMBER,
    QUANTITY,
    Column,
    column_for_header,
    normalize_name,
    parse_bool,
    parse_number,
)
from .errors import DossierError
from .model import BudgetLine
from .money import format_money, format_number
from .rules import CodeList
from .totals import line_total
from .validation_messages import czech_reason

#: A budget has tens of lines, a big one a thousand; more is a mistake or a hostile file.
MAX_ROWS = 20_000
MAX_COLUMNS = 64
MAX_TEXT_CHARS = 20 * 1024 * 1024
#: How far down a workbook sheet the header row is looked for (the exported sheet has a title block).
HEADER_SEARCH_ROWS = 50
#: A pasted Celkem may differ from Množství × Cena by rounding, by at most one haléř.
TOLERANCE = Decimal("0.01")
#: Item texts that start a sum row (the exported sheet's bands, a user's "Celkem" line).
_SUMMARY_STARTS = tuple(
    normalize_name(word)
    for word in (
        "Celkem",
        "Součet",
        "Mezisoučet",
        "Celkové náklady",
        "Uznatelné náklady",
        "Požadovaná dotace",
        "Vlastní podíl",
        "Podíl dotace",
        "Rozpočet projektu neobsahuje",
    )
)
#: What the exported workbook writes for a line without a category.
_NO_CATEGORY = normalize_name("bez kategorie")
_SCRATCH = BudgetLine()


class BlockRefused(DossierError):  # noqa: N818 - a control-flow signal, not an error
    """The block cannot be taken as a whole; ``str()`` names the row and why, in Czech."""


@dataclass
class BlockRow:
    number: int  # the row's number in messages (a table row for a paste, a file row for an import)
    values: dict[str, Any] = field(default_factory=dict)  # editable fields, validated
    given: dict[str, Decimal] = field(default_factory=dict)  # derived figures the row states
    empty: bool = False
    unreadable: bool = False  # a cell of the row could not be read (listed in ``Block.problems``)


@dataclass
class Block:
    rows: list[BlockRow]
    columns: list[int | None]  # per source column: the table column it belongs to, None = left out
    sources: list[str]  # per source column: its header text, or "1. sloupec"
    header: bool
    findings: list[str] = field(default_factory=list)  # shown to the user; they do not stop the block
    problems: list[str] = field(default_factory=list)  # cells that could not be read (left unchanged)

    def matched(self) -> list[tuple[str, str]]:
        """(source column, what happens with it) for the preview: "Celkem" → "Celkem (jen porovnáno)"."""
        result = []
        for source, column in zip(self.sources, self.columns):
            if column is None:
                result.append((source, "nevkládá se"))
            elif COLUMNS[column].kind == NUMBER:
                result.append((source, f"{COLUMNS[column].label} (nevkládá se)"))
            elif COLUMNS[column].derived:
                result.append((source, f"{COLUMNS[column].label} (jen porovnáno)"))
            else:
                result.append((source, COLUMNS[column].label))
        return result


@dataclass
class Applied:
    lines: list[BudgetLine]  # the whole list of lines after the block
    first: int  # index of the first line the block wrote
    end: int  # index after the last line the block wrote
    changed: int  # existing lines whose values changed
    added: int  # new lines

    @property
    def count(self) -> int:
        return self.changed + self.added


# -- text blocks ---------------------------------------------------------------------------------
def split_text(text: str, delimiter: str | None = None) -> list[list[str]]:
    """Clipboard TSV or a CSV file (``;`` or ``,`` as Czech Excel writes it) as rows of cells.

    Without ``delimiter`` it is guessed: tab when the text has one, else ``;`` or ``,``,
    whichever the first line has more of. Quoted cells may hold separators and newlines.
    """
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_TEXT_CHARS:
        raise BlockRefused(
            f"Blok je příliš velký ({len(text) // (1024 * 1024)} MB textu); rozpočet vkládejte po částech."
        )
    first = text.split("\n", 1)[0]
    if delimiter is None and ("\t" in text or not ("," in first or ";" in first)):
        delimiter = "\t"
    elif delimiter is None:
        delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    rows = []
    try:
        for row in reader:
            rows.append(row[: MAX_COLUMNS + 1] or [""])  # an empty line is one empty cell
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                break  # read_block refuses it; no need to split the rest
    except csv.Error:  # a cell beyond csv's field limit (128 KiB) or a broken quote
        raise BlockRefused(
            f"Řádek {len(rows) + 1} bloku nelze přečíst jako tabulku (buňka je příliš dlouhá "
            "nebo má neuzavřené uvozovky). Nic se nezměnilo."
        ) from None
    return rows


def parse_tsv(text: str) -> list[list[str]]:
    """A tab-separated block as rows of cells; quoted cells may hold tabs and newlines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"', strict=False)
    return [row or [""] for row in reader]


def to_tsv(rows: list[list[str]]) -> str:
    """Rows of cells as Excel and LibreOffice put them on the clipboard."""
    return "\n".join("\t".join(_quote(cell) for cell in row) for row in rows)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in '\t\n\r"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# -- reading -------------------------------------------------------------------------------------
def read_block(
    cells: Sequence[Sequence[Any]],
    categories: CodeList,
    year_label: str,
    *,
    start_column: int | None = None,
    layout: Sequence[int] | None = None,
    first_number: int | None = None,
    find_header: bool = False,
) -> Block:
    """The budget rows a block of cells describes.

    ``cells`` are strings (a paste, CSV) or workbook values (numbers, None). The columns are,
    in this order of precedence: ``layout`` (the table's own copy knows them), a header row
    (the first row, or with ``find_header`` the first of ``HEADER_SEARCH_ROWS`` that names
    columns), else the table's order from ``start_column`` on (default: "Položka", or "Č."
    for a block as wide as the whole table). Row numbers in messages count from
    ``first_number`` when given (a paste names table rows), else they are the cells' own rows.
    Raises ``BlockRefused`` for a block that is too large.
    """
    rows = [list(row[: MAX_COLUMNS + 1]) for row in cells]
    while rows and _is_empty(rows[-1]):
        rows.pop()  # the empty last line spreadsheets add
    width = max((len(row) for row in rows), default=0)
    findings: list[str] = []
    header_at = None
    if layout is None:
        header_at = header_row(rows, HEADER_SEARCH_ROWS if find_header else 1)
    if layout is not None:
        columns: list[int | None] = [c if 0 <= c < len(COLUMNS) else None for c in layout][:width]
        columns += [None] * (width - len(columns))
        sources = [COLUMNS[c].label if c is not None else f"{k + 1}. sloupec" for k, c in enumerate(columns)]
        data_from = 0
    elif header_at is not None:
        columns, sources = _columns_by_header(rows, header_at, width, findings)
        data_from = header_at + 1
    else:
        data_from = next((i for i, row in enumerate(rows) if not _is_empty(row)), len(rows)) if find_header else 0
        start = 0 if width >= len(COLUMNS) else (1 if start_column is None else start_column)
        columns = [start + k if start + k < len(COLUMNS) else None for k in range(width)]
        sources = [f"{k + 1}. sloupec" for k in range(width)]
        extra = sum(1 for c in columns if c is None)
        if extra:
            findings.append(f"Vynechány sloupce navíc: {extra} (vpravo už není kam vkládat).")
    if width > MAX_COLUMNS:
        findings.append(f"Sloupce za {MAX_COLUMNS}. se nečtou.")
        columns, sources = columns[:MAX_COLUMNS], sources[:MAX_COLUMNS]
    data = rows[data_from:]
    if len(data) > MAX_ROWS:
        raise BlockRefused(
            f"Blok má víc než {format_number(MAX_ROWS)} řádků"
            + "; rozpočet projektu tak dlouhý být nemá. Nic se nezměnilo."
        )
    block = Block([], columns, sources, header_at is not None, findings)
    reader = _RowReader(block, categories, year_label)
    for offset, row in enumerate(data):
        number = first_number + offset if first_number is not None else data_from + offset + 1
        if reader.is_summary(row):
            rest = sum(1 for r in data[offset + 1 :] if not _is_empty(r))
            tail = f", za ním vynecháno neprázdných řádků: {rest}" if rest else ""
            findings.append(
                f"Řádek {number} ({_text_of(row, columns)}) je součtový: čtení bloku na něm skončilo{tail}."
            )
            break
        block.rows.append(reader.read(row, number))
    return block


def header_row(rows: Sequence[Sequence[Any]], search: int = HEADER_SEARCH_ROWS) -> int | None:
    """The index of the first of the first ``search`` rows that names budget columns, or None."""
    return next((i for i, row in enumerate(rows[:search]) if _header_columns(row) is not None), None)


def _is_empty(row: Sequence[Any]) -> bool:
    return all(_cell_text(cell).strip() == "" for cell in row)


def _header_columns(row: Sequence[Any]) -> list[int | None] | None:
    """The columns a header row names, or None when ``row`` does not look like a header."""
    filled = [cell for cell in row if _cell_text(cell).strip()]
    if not filled or any(_is_number(cell) for cell in filled):
        return None
    columns = [column_for_header(cell) if _cell_text(cell).strip() else None for cell in row]
    matched = sum(1 for column in columns if column is not None)
    # Most of its cells must name budget columns: a summary sheet's "Celkem, Dotace" row is not one.
    return columns if matched * 2 >= len(filled) and (matched >= 2 or matched == len(filled)) else None


def _is_number(cell: Any) -> bool:
    if isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool):
        return True
    try:
        parse_number(MONEY, str(cell))
        return True
    except ValueError:
        return False


def _columns_by_header(
    rows: Sequence[Sequence[Any]], at: int, width: int, findings: list[str]
) -> tuple[list[int | None], list[str]]:
    header = list(rows[at]) + [None] * (width - len(rows[at]))
    columns: list[int | None] = []
    sources: list[str] = []
    taken: set[int] = set()
    for k, cell in enumerate(header[:width]):
        name = " ".join(_cell_text(cell).split())
        column = column_for_header(cell) if name else None
        sources.append(f"„{name[:40]}“" if name else f"{k + 1}. sloupec")
        if column is not None and column in taken:
            findings.append(f"Sloupec „{name[:40]}“ je v záhlaví podruhé; použit jen první.")
            column = None
        elif column is None and any(k < len(row) and _cell_text(row[k]).strip() for row in rows[at + 1 :]):
            what = f"Sloupec „{name[:40]}“ neodpovídá" if name else f"{k + 1}. sloupec bez záhlaví neodpovídá"
            findings.append(f"{what} žádnému sloupci rozpočtu; jeho hodnoty se nevkládají.")
        if column is not None:
            taken.add(column)
        columns.append(column)
    return columns, sources


def _text_of(row: Sequence[Any], columns: Sequence[int | None]) -> str:
    for cell, column in zip(row, columns):
        if column is not None and COLUMNS[column].key == "text":
            return f"„{' '.join(_cell_text(cell).split())[:40]}“"
    return "součet"


def _cell_text(cell: Any) -> str:
    """A workbook or clipboard cell as text ("12", not "12.0")."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ano" if cell else "ne"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def _cell_number(cell: Any) -> str | Decimal:
    """What ``parse_number`` reads: text as it is, a workbook number exactly as it shows."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, (date, datetime)):
        return _cell_text(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            return Decimal(repr(cell))
        # A spreadsheet's binary float (0.30000000000000004) stands for the decimal it shows.
        return Decimal(repr(round(cell, 6))) if abs(cell) < 1e15 else Decimal(repr(cell))
    if isinstance(cell, (int, Decimal)):
        return Decimal(cell)
    return str(cell)


class _RowReader:
    def __init__(self, block: Block, categories: CodeList, year_label: str):
        self.block, self.year_label = block, year_label
        self.columns = [(k, COLUMNS[c]) for k, c in enumerate(block.columns) if c is not None]
        self.categories: dict[str, str] = {_NO_CATEGORY: ""}
        for item in categories.items:
            for name in (item.code, item.name, f"{item.name} ({item.code})"):
                self.categories.setdefault(normalize_name(name), item.code)
        keys = {column.key: k for k, column in self.columns}
        self.text_at = keys.get("text")
        self.amount_at = [keys[key] for key in ("quantity", "unit_price") if key in keys]

    def is_summary(self, row: Sequence[Any]) -> bool:
        """A sum line ("Celkem", "Mezisoučet za kategorii"): the table ends there."""
        if self.text_at is None or self.text_at >= len(row):
            return False
        text = normalize_name(_cell_text(row[self.text_at]))
        no_amounts = all(k >= len(row) or not _cell_text(row[k]).strip() for k in self.amount_at)
        return no_amounts and text.startswith(_SUMMARY_STARTS)

    def read(self, row: Sequence[Any], number: int) -> BlockRow:
        result = BlockRow(number, empty=_is_empty(row))
        if result.empty:
            return result
        for k, column in self.columns:
            cell = row[k] if k < len(row) else None
            if column.kind == NUMBER:
                continue  # the row number of the source means nothing here
            try:
                self._read_cell(result, column, cell)
            except (ValueError, ValidationError) as exc:
                result.unreadable = True
                self.block.problems.append(f"Řádek {number}, {column.label}: {czech_reason(exc)}")
        return result

    def _read_cell(self, result: BlockRow, column: Column, cell: Any) -> None:
        text = _cell_text(cell)
        if column.kind == DERIVED:
            if text.strip():  # an empty derived cell states nothing
                result.given[column.key] = parse_number(DERIVED, _cell_number(cell))
            return
        if column.kind == BOOL:
            if text.strip():  # an empty tick cell says nothing
                result.values[column.key] = parse_bool(text)
            return
        if column.kind in (MONEY, QUANTITY):
            value: Any = parse_number(column.kind, _cell_number(cell))
        elif column.kind == CATEGORY:
            value = self._category(text, result.number)
        else:
            value = text
        setattr(_SCRATCH, column.key, value)  # the model's own validation (length, characters)
        result.values[column.key] = getattr(_SCRATCH, column.key)

    def _category(self, text: str, number: int) -> str:
        wanted = " ".join(text.split())
        if not wanted:
            return ""
        code = self.categories.get(normalize_name(wanted))
        if code is not None:
            return code
        self.block.findings.append(
            f"Řádek {number}: kategorie „{wanted[:40]}“ není v seznamu pro rok "
            f"{self.year_label}; vložena tak, jak je – v tabulce ji vyberte ze seznamu."
        )
        return wanted


# -- applying ------------------------------------------------------------------------------------
def apply_block(lines: Sequence[BudgetLine], block: Block, start_row: int | None = None) -> Applied:
    """The list of lines after ``block``: written over the lines from ``start_row`` on (new ones
    at the end as needed), or appended when ``start_row`` is None (empty rows are then left out).

    Cells outside the block keep their values. Raises ``BlockRefused`` naming the row and both
    amounts when a stated Celkem or own share disagrees; ``lines`` are never changed.
    """
    result = list(lines)
    first = len(result) if start_row is None else start_row
    position, changed, added = first, 0, 0
    for row in block.rows:
        if row.empty and start_row is None:
            continue
        existing = position < len(result)
        base = result[position] if existing else BudgetLine()
        line = base.model_copy(update=row.values) if row.values else base.model_copy()
        if not row.unreadable:
            _compare(row, line)
        if existing:
            if line != base:
                changed += 1
            result[position] = line
        else:
            result.append(line)
            added += 1
        position += 1
    return Applied(result, first, position, changed, added)


def _compare(row: BlockRow, line: BudgetLine) -> None:
    text = " ".join(line.text.split())  # the line as the user knows it, also when the block has no Položka
    label = f" („{text[:40]}{'…' if len(text) > 40 else ''}“)" if text else ""
    total = line_total(line)
    stated_total = row.given.get("total")
    if stated_total is not None and abs(stated_total - total) > TOLERANCE:
        raise BlockRefused(
            f"Řádek {row.number}{label}: Celkem {format_money(stated_total)} nesouhlasí "
            f"s Množství × Cena za jednotku = {format_money(total)}. Nic se nezměnilo; opravte řádek, nebo sloupec Celkem nevkládejte."
        )
    own = row.given.get("own")
    if own is not None:
        expected = stated_total if stated_total is not None else total
        if abs(line.requested + own - expected) > TOLERANCE:
            raise BlockRefused(
                f"Řádek {row.number}{label}: Z toho dotace {format_money(line.requested)} + Z toho vlastní podíl "
                f"{format_money(own)} = {format_money(line.requested + own)}, ale Celkem je {format_money(expected)}. "
                "Nic se nezměnilo; opravte řádek, nebo sloupec vlastního podílu nevkládejte."
            )
