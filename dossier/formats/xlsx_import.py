"""Import of a workbook exported by ``xlsx_export.py``: the dossier comes from its hidden data sheet.

The file may come from anywhere (an e-mail, last year's share), so it is treated as hostile:
the container is inspected before any XML is parsed, DTDs are refused, and every failure is a
``DossierError`` with a Czech message, never a traceback.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl

from ..core.errors import DossierError, short_name
from ..core.model import Dossier
from . import native
from .reading import read_input
from .xlsx_common import DATA_SHEET

#: A workbook we export is a few MB at most; this leaves room and stops absurd files early.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Bound on everything the workbook unpacks to, checked from the zip directory before reading.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
#: Our XML compresses about 10-30×; a large member packed far tighter is a zip bomb.
MAX_RATIO = 100
RATIO_CHECK_FROM = 10 * 1024 * 1024
MAX_CHUNKS = native.MAX_FILE_BYTES // 1000

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DTD_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_SCAN_BLOCK = 1024 * 1024


def import_xlsx(path: str | Path) -> Dossier:
    """Read the dossier embedded in a workbook this application exported."""
    path = Path(path)
    name = f"„{short_name(path.name)}“"
    raw = read_input(path, f"Soubor {name}", MAX_FILE_BYTES, "je příliš velký na sešit exportovaný aplikací Dossier")
    if raw.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in raw:
            raise DossierError(f"Sešit {name} je zaheslovaný (šifrovaný). Otevřete jej v Excelu, odstraňte heslo "
                               "a uložte jej znovu; pak import opakujte.")
        raise DossierError(f"Soubor {name} je ve starém formátu Excel 97–2003 (.xls). Lze importovat jen "
                           ".dossier nebo sešit .xlsx exportovaný touto aplikací.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise DossierError(f"Soubor {name} není sešit Excel (.xlsx) nebo je poškozený.") from None
    with archive:
        _inspect_container(archive, name)
    return _read_embedded(raw, name)


def _inspect_container(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse bombs, encrypted members and DTDs before openpyxl parses anything."""
    members = archive.infolist()
    if len(members) > MAX_ENTRIES:
        raise DossierError(f"Sešit {name} obsahuje podezřele mnoho částí; z bezpečnostních důvodů jej nelze importovat.")
    total = sum(member.file_size for member in members)
    bomb = any(m.file_size > RATIO_CHECK_FROM and m.file_size > MAX_RATIO * max(1, m.compress_size)
               for m in members)
    if total > MAX_UNPACKED_BYTES or bomb:
        raise DossierError(f"Sešit {name} se rozbaluje na podezřele velká data ({total // (1024 * 1024)} MB); "
                           "z bezpečnostních důvodů jej nelze importovat.")
    if any(member.flag_bits & 0x1 for member in members):
        raise DossierError(f"Sešit {name} je zaheslovaný; odstraňte heslo a import opakujte.")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")) and _has_dtd(archive, member):
            raise DossierError(f"Sešit {name} obsahuje nepovolené konstrukce XML (DTD, entity); "
                               "z bezpečnostních důvodů jej nelze importovat.")


def _has_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    # Office never writes a DTD; entity tricks (billion laughs, external entities) all need one.
    # openpyxl parses with defusedxml as well; this check does not depend on that.
    tail = b""
    try:
        with archive.open(member) as stream:
            while block := stream.read(_SCAN_BLOCK):
                window = tail + block
                if any(mark in window for mark in _DTD_MARKS):
                    return True
                tail = window[-32:]
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        return False  # a broken member is reported when openpyxl reads the workbook
    return False


def _read_embedded(raw: bytes, name: str) -> Dossier:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 - hostile input can make openpyxl raise almost anything
        raise DossierError(f"Sešit {name} je poškozený nebo to není sešit Excel (.xlsx).") from None
    try:
        if DATA_SHEET not in workbook.sheetnames:
            raise _foreign(name)
        text = _data_text(workbook[DATA_SHEET], name)
    except DossierError:
        raise
    except Exception:  # noqa: BLE001 - see above
        raise DossierError(f"Sešit {name} je poškozený a nelze jej přečíst.") from None
    finally:
        workbook.close()
    return native.loads(text, f"Sešit {name}")


def _foreign(name: str) -> DossierError:
    return DossierError(f"Sešit {name} nebyl vytvořen aplikací Dossier. Lze importovat jen .dossier "
                        "nebo sešit exportovaný touto aplikací (obsahuje skrytý list s daty).")


def _data_text(sheet, name: str) -> str:
    """The JSON text from the data sheet, verified against its recorded SHA-256."""
    broken = DossierError(f"Skrytý list s daty v sešitu {name} je poškozený nebo byl upraven, sešit nelze "
                          "importovat. Importujte původní soubor .dossier.")
    rows = sheet.iter_rows(min_row=1, max_col=4, values_only=True)
    head = next(rows, None)
    if not head or head[0] != native.FORMAT_MARKER:
        raise _foreign(name)
    count, digest = head[2], head[3]
    if not isinstance(count, (int, float)) or not 0 < count <= MAX_CHUNKS or count != int(count):
        raise broken
    chunks, size = [], 0
    for _ in range(int(count)):
        row = next(rows, None)
        chunk = row[0] if row else None
        if not isinstance(chunk, str):
            raise broken
        size += len(chunk)
        if size > native.MAX_FILE_BYTES:
            raise broken
        chunks.append(chunk)
    text = "".join(chunks)
    if not isinstance(digest, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise broken
    return text
