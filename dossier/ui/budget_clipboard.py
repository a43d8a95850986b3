"""Copy budget cells to a spreadsheet and paste blocks from Excel or LibreOffice.

The clipboard text is tab-separated, rows end with a newline, and a cell holding a tab,
newline or quote is quoted with doubled quotes: what Excel and LibreOffice write and read.
Numbers are copied without thousands separators ("1234,50"): a Czech spreadsheet reads
that as a number for sure, while a grouping space may turn it into text.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData

from ..core.model import BudgetLine
from ..core.validation_messages import czech_reason
from .budget_columns import BOOL, CATEGORY, COLUMN_KEYS, COLUMNS
from .budget_model import BudgetTableModel
from .document import Document

#: Which columns a copy came from, so a paste of our own block can skip its derived columns.
COLUMNS_MIME = "application/x-dossier-budget-columns"
MAX_LISTED_ERRORS = 8


def parse_tsv(text: str) -> list[list[str]]:
    """A tab-separated block as rows of cells; quoted cells may hold tabs and newlines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"', strict=False)
    return [row or [""] for row in reader]  # an empty line is one empty cell


def to_tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(_quote(cell) for cell in row) for row in rows)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in '\t\n\r"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def cell_text(model: BudgetTableModel, row: int, column: int) -> str:
    """A cell as a spreadsheet should receive it."""
    line, col = model.lines()[row], COLUMNS[column]
    if col.kind == CATEGORY:
        known = model.categories().get(line.category)
        return known.name if known else line.category  # the name reads better; paste maps it back
    text = model.edit_text(row, line, col)
    return text.replace(" ", "") if col.numeric else text


def copy_mime(model: BudgetTableModel, cells: list[tuple[int, int]]) -> QMimeData | None:
    """The selected cells (their rows × their columns) as TSV text plus our column marker."""
    if not cells:
        return None
    rows = sorted({row for row, _ in cells})
    columns = sorted({column for _, column in cells})
    mime = QMimeData()
    mime.setText(to_tsv([[cell_text(model, r, c) for c in columns] for r in rows]))
    mime.setData(COLUMNS_MIME, json.dumps([COLUMN_KEYS[c] for c in columns]).encode())
    return mime


def source_columns(mime: QMimeData, width: int) -> list[int] | None:
    """The table columns a pasted block was copied from, when it has our own layout."""
    keys = None
    if mime.hasFormat(COLUMNS_MIME):
        try:
            keys = json.loads(bytes(mime.data(COLUMNS_MIME)).decode())
        except ValueError:
            keys = None
    if isinstance(keys, list) and len(keys) == width and all(key in COLUMN_KEYS for key in keys):
        return [COLUMN_KEYS.index(key) for key in keys]
    if width == len(COLUMNS):  # whole rows of our table, back from a spreadsheet
        return list(range(len(COLUMNS)))
    return None


@dataclass
class PasteResult:
    rows: range  # table rows the block landed on
    columns: list[int]  # table columns written
    errors: list[str] = field(default_factory=list)

    def message(self) -> str:
        if not self.errors:
            return ""
        listed = self.errors[:MAX_LISTED_ERRORS]
        more = len(self.errors) - len(listed)
        tail = f"\n… a další ({more})" if more else ""
        return "Některé buňky nebyly vloženy a zůstaly beze změny:\n" + "\n".join(listed) + tail


def paste_block(document: Document, model: BudgetTableModel, block: list[list[str]], start_row: int,
                start_column: int, sources: list[int] | None = None) -> PasteResult:
    """Write ``block`` from the given cell on: editable columns only, new rows as needed, one undo step."""
    if sources is not None:
        # Our own layout: drop the derived values (Č., Celkem, vlastní podíl) the copy carried.
        keep = [k for k, column in enumerate(sources) if COLUMNS[column].editable]
        block = [[row[k] if k < len(row) else "" for k in keep] for row in block]
        if len(sources) == len(COLUMNS):
            start_column = 0
    targets = [c for c in range(start_column, len(COLUMNS)) if COLUMNS[c].editable]
    width = max((len(row) for row in block), default=0)
    while block and not any(cell.strip() for cell in block[-1]):
        block = block[:-1]  # the empty last line some programs add
    result = PasteResult(range(start_row, start_row + len(block)), targets[:width])
    if width > len(targets):
        result.errors.append(f"Vynechány sloupce navíc: {width - len(targets)} (vpravo už není kam vkládat).")
    lines = model.lines()
    updates: list[tuple[int, int, object]] = []
    new_lines: list[BudgetLine] = []
    for offset, cells in enumerate(block):
        row = start_row + offset
        line = lines[row] if row < len(lines) else BudgetLine()
        for text, column in zip(cells, targets):
            key = COLUMNS[column].key
            if COLUMNS[column].kind == BOOL and not text.strip():
                continue  # an empty tick cell says nothing
            try:
                value = model.parse_cell(column, text, getattr(line, key))
                if row >= len(lines):
                    setattr(line, key, value)  # validated by the model
                elif value != getattr(line, key):
                    updates.append((row, column, value))
            except ValueError as exc:
                result.errors.append(_cell_error(row, column, exc))
        if row >= len(lines):
            new_lines.append(line)
    if updates or new_lines:
        with document.macro("Vložit ze schránky"):
            for row, column, value in updates:
                try:
                    document.set_value(model.cell_path(row, column), value)
                except ValueError as exc:  # e.g. a text longer than the field allows
                    result.errors.append(_cell_error(row, column, exc))
            end = len(lines)  # ``lines`` is the live list: it grows with every insert
            for offset, line in enumerate(new_lines):
                document.insert(model.list_path, end + offset, line, "Vložit řádek")
    return result


def _cell_error(row: int, column: int, exc: ValueError) -> str:
    return f"Řádek {row + 1}, {COLUMNS[column].label}: {czech_reason(exc)}"
