"""Copy budget cells to a spreadsheet and paste blocks from Excel or LibreOffice.

Reading a pasted block (columns by header or position, derived columns compared, Czech
numbers) is ``core.budget_block``'s job, shared with ``import-budget``; this module brings the
clipboard to it and the result to the document as one undo step.

The clipboard text is tab-separated, rows end with a newline, and a cell holding a tab,
newline or quote is quoted with doubled quotes: what Excel and LibreOffice write and read.
Numbers are copied without thousands separators ("1234,50"): a Czech spreadsheet reads
that as a number for sure, while a grouping space may turn it into text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from ..core.budget_block import Applied, Block, apply_block, parse_tsv, read_block, split_text, to_tsv  # noqa: F401
from .budget_columns import CATEGORY, COLUMN_KEYS, COLUMNS
from .budget_model import BudgetTableModel
from .document import Document

#: Which columns a copy came from, so a paste of our own block can skip its derived columns.
COLUMNS_MIME = "application/x-dossier-budget-columns"
MAX_LISTED_ERRORS = 8


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
    """The table columns a pasted block was copied from, when it is our own copy."""
    keys = None
    if mime.hasFormat(COLUMNS_MIME):
        try:
            keys = json.loads(bytes(mime.data(COLUMNS_MIME)).decode())
        except ValueError:
            keys = None
    if isinstance(keys, list) and len(keys) == width and all(key in COLUMN_KEYS for key in keys):
        return [COLUMN_KEYS.index(key) for key in keys]
    return None  # a block as wide as the table starts at "Č." anyway (read_block)


@dataclass
class PastePlan:
    """A pasted block read and applied to a copy of the lines; nothing in the document has changed yet."""

    block: Block
    applied: Applied

    @property
    def data_rows(self) -> int:
        return sum(1 for row in self.block.rows if not row.empty)

    @property
    def columns(self) -> list[int]:
        """The table columns the block writes (derived ones are only compared)."""
        return sorted({c for c in self.block.columns if c is not None and COLUMNS[c].editable})

    def message(self) -> str:
        """What the user should know after the paste: cells left unchanged, findings."""
        parts = []
        if not self.columns and any(c is not None for c in self.block.columns):
            parts.append(
                "Celkem a vlastní podíl se počítají samy: vložené hodnoty se jen porovnaly "
                "s řádky a souhlasí. Množství, cenu nebo dotaci vložte do jejich sloupců."
            )
        if self.block.problems:
            listed = self.block.problems[:MAX_LISTED_ERRORS]
            more = len(self.block.problems) - len(listed)
            tail = f"\n… a další ({more})" if more else ""
            parts.append("Některé buňky nebyly vloženy a zůstaly beze změny:\n" + "\n".join(listed) + tail)
        if self.block.findings:
            listed = self.block.findings[:MAX_LISTED_ERRORS]
            parts.append("\n".join(listed))
        return "\n".join(parts)


def plan_paste(model: BudgetTableModel, mime: QMimeData, start_row: int | None, start_column: int) -> PastePlan:
    """Read the clipboard block and apply it to a copy of the project's lines.

    ``start_row`` None appends. Raises ``BlockRefused`` (Czech, naming the row and both amounts)
    when the block cannot be taken; the document is never touched here.
    """
    pack = model.document.rules().pack
    lines = model.lines()
    first_number = (len(lines) if start_row is None else start_row) + 1
    cells = split_text(mime.text(), delimiter="\t")
    layout = source_columns(mime, max((len(row) for row in cells), default=0))
    block = read_block(
        cells, pack.categories, pack.key, start_column=start_column, layout=layout, first_number=first_number
    )
    return PastePlan(block, apply_block(lines, block, start_row))


def commit_paste(document: Document, model: BudgetTableModel, plan: PastePlan) -> None:
    """The whole block as ONE undo step and one table reset."""
    document.replace_list(model.list_path, plan.applied.lines, "Vložit ze schránky")


def release_clipboard() -> None:
    """At quit, leave plain text on the clipboard instead of our QMimeData.

    PySide6 frees the Python-owned QMimeData before Qt lets go of the clipboard and the process
    crashes on exit; the copied cells stay on the clipboard as text for the spreadsheet.
    """
    from PySide6.QtWidgets import QApplication

    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(COLUMNS_MIME):
        clipboard.setText(clipboard.text())
