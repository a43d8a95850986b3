"""Import of a workbook exported by ``xlsx_export.py``: the hidden data, checked against the visible sheets.

The file may come from anywhere (an e-mail, last year's share), so it is treated as hostile:
the zip is checked by ``zip_guard`` before anything is unpacked, only the parts Dossier needs
are parsed, as bounded streams with DTDs refused (``xlsx_reader``), and every failure is a
``DossierError`` with a Czech message, never a traceback.

The hidden data sheet is validated exactly like a ``.dossier`` file, and never trusted over
what the user sees: the visible sheets are compared with it (``xlsx_edits``). ``import_xlsx``
returns the dossier with the visible values taken; ``read_xlsx`` also gives the exported
version and the list of differences, for the app to let the user choose.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..core.errors import DossierError, short_name
from ..core.model import Dossier
from . import native
from .reading import read_input
from .xlsx_common import CHUNK_CHARS, DATA_SHEET
from .xlsx_edits import Edit, compare
from .xlsx_reader import XlsxReader
from .xlsx_visible import read_visible
from .zip_guard import MB, GuardedZip, ZipLimits

#: A workbook we export is a few MB at most; this leaves room and stops absurd files early.
MAX_FILE_BYTES = 100 * MB
#: Bound on everything the workbook unpacks to, checked from the zip directory before reading.
#: Sheets are read as streams that stop after the rows Dossier needs, so this may be generous;
#: the parts parsed whole are bounded by ``xlsx_reader.MAX_XML_PART``.
MAX_UNPACKED_BYTES = 512 * MB
MAX_PART_BYTES = 256 * MB
MAX_ENTRIES = 10_000
#: The data sheet's JSON comes in chunks of 16 000 characters. Its size is bounded so that reading
#: and comparing the workbook stays within seconds: 4 M characters are some 10 000 budget lines,
#: far beyond any real application (a larger dossier is exchanged as the .dossier file).
MAX_DATA_CHARS = 4 * MB
MAX_CHUNKS = MAX_DATA_CHARS // CHUNK_CHARS + 1

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass
class XlsxImport:
    exported: Dossier  # the hidden data, as exported
    visible: Dossier  # the same with every readable visible value taken
    edits: list[Edit]  # where the two differ


def import_xlsx(path: str | Path) -> Dossier:
    """The dossier of a workbook this application exported, as its visible sheets show it."""
    return read_xlsx(path).visible


def read_xlsx(path: str | Path) -> XlsxImport:
    """Read the hidden data and the visible sheets of a workbook this application exported."""
    path = Path(path)
    name = f"„{short_name(path.name)}“"
    raw = read_input(path, f"Soubor {name}", MAX_FILE_BYTES, "je příliš velký na sešit exportovaný aplikací Dossier")
    if raw.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in raw:
            raise DossierError(
                f"Sešit {name} je zaheslovaný (šifrovaný). Otevřete jej v Excelu, odstraňte heslo "
                "a uložte jej znovu; pak import opakujte."
            )
        raise DossierError(
            f"Soubor {name} je ve starém formátu Excel 97–2003 (.xls). Lze importovat jen "
            ".dossier nebo sešit .xlsx exportovaný touto aplikací."
        )
    limits = ZipLimits(max_entries=MAX_ENTRIES, max_part=MAX_PART_BYTES, max_total=MAX_UNPACKED_BYTES)
    not_a_zip = f"Soubor {name} není sešit Excel (.xlsx) nebo je poškozený."
    with GuardedZip(raw, f"Sešit {name}", limits, not_a_zip=not_a_zip) as archive:
        del raw
        reader = XlsxReader(archive)
        if DATA_SHEET not in reader.sheets:
            raise _foreign(name)
        exported = native.loads(_data_text(reader, name), f"Sešit {name}")
        edits, visible = compare(exported, read_visible(reader, exported))
    return XlsxImport(exported, visible, edits)


def _foreign(name: str) -> DossierError:
    return DossierError(
        f"Sešit {name} nebyl vytvořen aplikací Dossier. Lze importovat jen .dossier "
        "nebo sešit exportovaný touto aplikací (obsahuje skrytý list s daty)."
    )


def _data_text(reader: XlsxReader, name: str) -> str:
    """The JSON text from the data sheet, verified against its recorded SHA-256 (against damage only:
    anyone can recompute it, which is why the visible sheets are compared as well)."""
    broken = DossierError(
        f"Skrytý list s daty v sešitu {name} je poškozený nebo byl upraven, sešit nelze "
        "importovat. Importujte původní soubor .dossier."
    )
    # The chunk count (C1) is a number; all the texts are then resolved in one pass.
    rows, _more = reader.raw_rows(DATA_SHEET, 1, max_cols=4)
    count = (rows[0] + [None] * 4)[2] if rows else None
    too_big = DossierError(
        f"Skrytý list s daty v sešitu {name} je příliš velký na import ze sešitu; importujte původní soubor .dossier."
    )
    if isinstance(count, Decimal) and count > MAX_CHUNKS and count == count.to_integral_value():
        raise too_big
    if not isinstance(count, Decimal) or not 0 < count <= MAX_CHUNKS or count != count.to_integral_value():
        count = None
    else:
        rows, _more = reader.raw_rows(DATA_SHEET, int(count) + 1, max_cols=4)
    reader.resolve(rows)
    head = (rows[0] + [None] * 4)[:4] if rows else None
    if not head or head[0] != native.FORMAT_MARKER:
        raise _foreign(name)
    if count is None:
        raise broken
    digest = head[3]
    chunks, size = [], 0
    for row in rows[1 : int(count) + 1]:
        chunk = row[0] if row else None
        if not isinstance(chunk, str):
            raise broken
        size += len(chunk)
        if len(chunk) > CHUNK_CHARS:
            raise broken
        if size > MAX_DATA_CHARS:
            raise too_big
        chunks.append(chunk)
    text = "".join(chunks)
    if (
        len(chunks) != count
        or not isinstance(digest, str)
        or hashlib.sha256(text.encode("utf-8")).hexdigest() != digest
    ):
        raise broken
    return text
