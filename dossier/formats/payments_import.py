"""``import-payments``: payments of one project from an accounting export (CSV or xlsx).

The file is bounded in size and rows; every row must parse (``core/payment_rows.py``) or nothing
is imported and the message names the rows to fix.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import cast

from ..core.errors import DossierError
from ..core.grant import Payment, ProjectGrant
from ..core.labels import plural
from ..core.model import Dossier
from ..core.money import format_money
from ..core.payment_rows import MAX_ROWS, parse_rows
from .reading import read_input
from .xlsx_reader import open_workbook, sheet_rows, visible_sheets

MAX_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 50


def read_rows(path: Path) -> list[list[object]]:
    """The rows of a CSV (UTF-8 or Windows-1250; ; , or tab) or of an xlsx's first sheet."""
    label = f"Soubor „{path.name}“"
    raw = read_input(path, label, MAX_BYTES, "je příliš velký na export plateb")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(raw, label)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise DossierError(f"{label}: platby umím načíst jen ze souboru .csv nebo .xlsx.")
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    delimiter = max(";,\t", key=sample.count) if sample else ";"
    rows: list[list[object]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(cast(list[object], row[:MAX_COLUMNS]))
            if len(rows) > MAX_ROWS + 1:
                raise DossierError(f"{label} má příliš mnoho řádků (nejvýše {MAX_ROWS}).")
    except csv.Error as exc:  # a NUL byte, a field beyond the csv module's limit, a broken quote
        raise DossierError(f"{label} není čitelný export CSV (řádek {len(rows) + 1}: {exc}).") from None
    return rows


def _xlsx_rows(raw: bytes, label: str) -> list[list[object]]:
    """The first visible sheet, through the same guarded reader as every workbook from outside."""
    with open_workbook(raw, f"„{label.removeprefix('Soubor ').strip('„“')}“") as reader:
        sheets = visible_sheets(reader)
        if not sheets:
            raise DossierError(f"{label} nemá žádný viditelný list.")
        rows, more = sheet_rows(reader, sheets[0], MAX_ROWS + 1, MAX_COLUMNS)
    if more:
        raise DossierError(f"{label} má příliš mnoho řádků (nejvýše {MAX_ROWS}).")
    return [list(row) for row in rows]


def import_payments(dossier: Dossier, project_id: str, path: Path) -> list[Payment]:
    """Parse the file's payments for ``project_id`` (not yet added); ``DossierError`` in Czech."""
    try:
        project = dossier.project(project_id)
    except KeyError:
        raise DossierError(
            f"Žádost neobsahuje projekt {project_id} "
            f"(má projekty {', '.join(p.id for p in dossier.projects) or 'žádné'})."
        ) from None
    parsed = parse_rows(read_rows(Path(path)), project.budget)
    if parsed.errors:
        raise DossierError(parsed.message(f"Soubor „{Path(path).name}“"))
    if not parsed.payments:
        raise DossierError(f"Soubor „{Path(path).name}“ neobsahuje žádnou platbu.")
    return parsed.payments


def import_payments_command(dossier_path: Path, project_id: str, source: Path, out: Path) -> int:
    from . import native
    from .open_any import load_any

    dossier = load_any(Path(dossier_path))
    payments = import_payments(dossier, project_id, Path(source))
    project = dossier.project(project_id)
    if project.grant is None:
        project.grant = ProjectGrant()
    project.grant.payments.extend(payments)
    native.save(dossier, Path(out))
    total = sum((p.amount for p in payments), 0)
    unassigned = sum(p.line is None for p in payments)
    print(
        f"Načteno {len(payments)} {plural(len(payments), 'platba', 'platby', 'plateb')} do projektu {project_id} (celkem {format_money(total)})"
        + (f"; {unassigned} bez řádku rozpočtu – přiřaďte je v aplikaci" if unassigned else "")
        + f". Uloženo do „{out}“."
    )
    return 0
