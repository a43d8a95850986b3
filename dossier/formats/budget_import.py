"""Budget lines from a file: a TSV/CSV block or a workbook sheet, read by ``core.budget_block``.

Used by ``import-budget``. The file comes from outside: it is read bounded in size, its text
decoded as Excel writes it (UTF-8, UTF-16 "Unicode text", or Windows-1250 for a Czech
"CSV (oddělený středníkem)"), and a workbook is opened by ``_workbook_rows`` alone.
"""

from __future__ import annotations

from pathlib import Path

from ..core.budget_block import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_ROWS,
    Applied,
    Block,
    BlockRefused,
    apply_block,
    header_row,
    read_block,
    split_text,
)
from ..core.errors import DossierError
from ..core.model import Dossier
from ..core.rules import rules_for
from .reading import read_input
from .xlsx_reader import open_workbook, sheet_rows, visible_sheets

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_WORKBOOK_BYTES = 100 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def split_source(spec: str) -> tuple[Path, str | None]:
    """ "rozpočet.xlsx:List1" → (path, "List1"); a drive letter ("C:\\…") is not a sheet."""
    lower = spec.lower()
    for suffix in WORKBOOK_SUFFIXES:
        at = lower.rfind(suffix + ":")
        if at != -1:
            end = at + len(suffix)
            return Path(spec[:end]), spec[end + 1 :]
    return Path(spec), None


def read_budget_block(spec: str, dossier: Dossier, project_id: str | None = None) -> Block:
    """The block in ``spec`` (FILE.tsv, FILE.csv, FILE.xlsx[:SHEET]) read against the dossier's categories.

    Raises ``DossierError`` (Czech, one line) when the file cannot be read and
    ``BlockRefused`` when the block itself is refused.
    """
    path, sheet = split_source(spec)
    name = f"„{path.name}“"
    pack = rules_for(dossier.year, dossier.round).pack
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raw = read_input(path, f"Sešit {name}", MAX_WORKBOOK_BYTES, "je příliš velký na import rozpočtu")
        rows = _workbook_rows(raw, name, sheet, project_id)
        return read_block(rows, pack.categories, pack.key, find_header=True)
    if sheet is not None:
        raise DossierError(f"List lze zadat jen u sešitu .xlsx, ne u souboru {name}.")
    if path.suffix.lower() in (".xls", ".ods"):
        raise DossierError(f"Soubor {name} neumím číst; uložte jej jako .xlsx nebo CSV a import opakujte.")
    raw = read_input(path, f"Soubor {name}", MAX_TEXT_BYTES, "je příliš velký na import rozpočtu")
    return read_block(split_text(_decode(raw, name)), pack.categories, pack.key)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")  # Excel's "Unicode text" (tab-separated)
        except UnicodeDecodeError:
            raise DossierError(f"Soubor {name} není čitelný text.") from None
    if b"\x00" in raw[:4096]:
        raise DossierError(f"Soubor {name} není textový soubor CSV ani TSV.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1250", errors="replace")  # Czech Excel's CSV; a stray byte becomes "�", not a crash


def _workbook_rows(raw: bytes, name: str, sheet: str | None, project_id: str | None = None) -> list[tuple]:
    """The cell values of one sheet, bounded in rows and columns: the one place a workbook is opened.

    Without ``sheet``: the one visible sheet with a budget header; of several, the one named after
    the project ("P2 …", as the exported workbook names them); else the user must name the sheet.
    """
    # One row past the limit, so read_block can tell "too many rows" from "exactly enough".
    limit = MAX_ROWS + HEADER_SEARCH_ROWS + 1
    with open_workbook(raw, name) as reader:
        visible = visible_sheets(reader)
        if sheet is not None:
            chosen = next((t for t in visible if t.casefold() == sheet.strip().casefold()), None)
            if chosen is None:
                names = ", ".join(f"„{t}“" for t in visible)
                raise DossierError(f"Sešit {name} nemá list „{sheet}“. Listy: {names}.")
            return sheet_rows(reader, chosen, limit, MAX_COLUMNS)[0]
        if not visible:
            raise DossierError(f"Sešit {name} nemá žádný viditelný list.")
        budgets = [
            t for t in visible if header_row(sheet_rows(reader, t, HEADER_SEARCH_ROWS, MAX_COLUMNS)[0]) is not None
        ]
        own = [t for t in budgets if project_id and (t == project_id or t.startswith(f"{project_id} "))]
        if len(own) == 1 or len(budgets) == 1:
            return sheet_rows(reader, (own or budgets)[0], limit, MAX_COLUMNS)[0]
        if budgets:
            names = ", ".join(f"„{t}“" for t in budgets)
            raise DossierError(
                f"Sešit {name} má více listů s rozpočtem ({names}); zvolte list, např. "
                f"{name.strip('„“')}:{budgets[0].split(' ')[0]}."
            )
        return sheet_rows(reader, visible[0], limit, MAX_COLUMNS)[0]


def import_budget(dossier: Dossier, project_id: str, spec: str, *, replace: bool = False) -> tuple[Applied, Block]:
    """Append the block's lines to a project's budget (or put them in place of it) in ``dossier``.

    The dossier changes only when the whole block is accepted; ``BlockRefused`` (Czech, naming
    the file, the row and the reason) otherwise, also for a cell that cannot be read.
    """
    try:
        project = dossier.project(project_id)
    except KeyError:
        ids = ", ".join(p.id for p in dossier.projects) or "žádné"
        raise DossierError(f"Projekt „{project_id}“ v žádosti není (projekty: {ids}).") from None
    path, _ = split_source(spec)
    where = f"Blok „{path.name}“"
    try:
        block = read_budget_block(spec, dossier, project_id)
        if block.problems:
            more = f" (a další: {len(block.problems) - 1})" if len(block.problems) > 1 else ""
            raise BlockRefused(f"{block.problems[0]}{more}. Nic se nezměnilo; opravte buňku a import opakujte.")
        if not any(not row.empty for row in block.rows):
            raise BlockRefused("neobsahuje žádné řádky rozpočtu. Nic se nezměnilo.")
        applied = apply_block([] if replace else project.budget, block, None)
    except BlockRefused as exc:
        raise BlockRefused(f"{where}: {exc}") from None
    if replace:
        # Review marks are keyed by row index: the old rows' marks do not belong to the new ones.
        prefix = f"projects/{project_id}/budget/"
        dossier.review = {path: note for path, note in dossier.review.items() if not path.startswith(prefix)}
    project.budget = applied.lines
    return applied, block
