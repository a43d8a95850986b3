"""The native ``.dossier`` file: pretty-printed UTF-8 JSON with a format marker and schema version.

Saving is deterministic (same model → same bytes, ``\\n`` line ends on every OS) so that
dossiers diff well and a save that changes nothing changes no byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path

import pydantic_core
from pydantic import ValidationError

from ..core.errors import DossierError, file_label
from ..core.model import Dossier
from ..core.validation_messages import clip, describe_validation_error
from . import review_store
from .atomic import atomic_write_bytes
from .bulk import collector_paused
from .disk_state import DiskState, state_of
from .reading import check_regular, read_input

FORMAT_MARKER = "cz.prevence-kriminality.dossier"
SCHEMA_VERSION = 3  # 3: review marks of list rows stored compactly (review_store.py)
#: A dossier is a few hundred kB; anything far larger is not one of ours.
MAX_FILE_BYTES = 200 * 1024 * 1024


def dumps(dossier: Dossier) -> bytes:
    with collector_paused():  # the dumped data and its text make no cycles, only many objects (bulk.py)
        data = {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION}
        data.update(review_store.dump(dossier))
        # pydantic-core writes the same bytes as json.dumps(ensure_ascii=False, indent=2), whose
        # indented output runs in pure Python (8× slower); tests/formats keeps the two identical.
        return pydantic_core.to_json(data, indent=2) + b"\n"


def save(dossier: Dossier, path: str | Path) -> DiskState:
    """Write the dossier atomically (see ``atomic.py``); raises ``DossierError``.

    Returns what is now on disk, so the editor notices when someone else saves over it later.
    """
    data = dumps(dossier)
    atomic_write_bytes(Path(path), data)
    try:
        return state_of(data, os.stat(path))
    except OSError:
        return DiskState(len(data), 0, hashlib.sha256(data).hexdigest())


def json_schema() -> dict:
    """JSON Schema of the file: the dossier model plus the format marker and schema version."""
    schema = Dossier.model_json_schema()
    if "$ref" in schema:  # the dossier nests itself (the frozen submitted application): inline the root
        schema.update(schema["$defs"][schema.pop("$ref").rsplit("/", 1)[-1]])
    schema["title"] = "Dossier (.dossier)"
    schema["properties"] = {
        "format": {"const": FORMAT_MARKER},
        "schema_version": {"const": SCHEMA_VERSION},
        **schema["properties"],
        review_store.KEY: review_store.JSON_SCHEMA,
    }
    schema["required"] = ["format", "schema_version", *schema.get("required", [])]
    return schema


class _Refused(ValueError):  # noqa: N818 - a control-flow signal, not an error
    """A JSON construct refused while parsing; the message is the Czech reason."""


def _reject_constant(name: str):
    raise _Refused("obsahuje hodnotu NaN nebo Infinity, kterou JSON nezná")


def _number(text: str) -> Decimal:
    # Decimal keeps amounts exact; an absurd literal (1e999999999) is refused before anyone formats it.
    if len(text) > 40:
        raise _Refused("obsahuje nesmyslně dlouhé číslo")
    value = Decimal(text)
    if value.is_finite() and abs(value.adjusted()) > 15:
        raise _Refused("obsahuje nesmyslně velké číslo")
    return value


def _integer(text: str) -> int:
    if len(text) > 30:
        raise _Refused("obsahuje nesmyslně dlouhé číslo")
    return int(text)


def _object(pairs: list) -> dict:
    """A JSON object; a key given twice is refused (which of the two values would be meant?)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"obsahuje pole „{clip(key, 30)}“ dvakrát v jednom objektu")
            seen.add(key)
    return result


_FIX = "opravte jej nebo otevřete zálohu .bak"


def loads(raw: bytes | str, source: str = "Soubor") -> Dossier:
    """Parse file content into a dossier, migrating older schema versions.

    Every refusal is one Czech sentence starting with ``source`` ("Soubor „x.dossier“").
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DossierError(
                f"{source} není dokument Dossier, protože není v kódování UTF-8; vyberte soubor .dossier."
            ) from None
    try:
        data = json.loads(
            raw, parse_float=_number, parse_int=_integer, parse_constant=_reject_constant, object_pairs_hook=_object
        )
    except _Refused as exc:
        raise DossierError(f"{source} {exc}; {_FIX}.") from None
    except json.JSONDecodeError as exc:
        if raw.lstrip().startswith("{"):
            raise DossierError(
                f"{source} je poškozený nebo neúplný (chyba na řádku {exc.lineno}, sloupci {exc.colno}); {_FIX}."
            ) from None
        raise DossierError(f"{source} není dokument Dossier; vyberte soubor .dossier.") from None
    except (ValueError, RecursionError, MemoryError):
        if raw.lstrip().startswith("{"):
            raise DossierError(f"{source} je poškozený (příliš hluboko vnořená nebo neplatná data); {_FIX}.") from None
        raise DossierError(f"{source} není dokument Dossier; vyberte soubor .dossier.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise DossierError(f"{source} není dokument Dossier (chybí značka formátu); vyberte soubor .dossier.")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DossierError(f"{source} má neplatnou verzi formátu (pole schema_version); {_FIX}.")
    if version > SCHEMA_VERSION:
        raise DossierError(
            f"{source} byl uložen novější verzí aplikace (formát {clip(str(version), 12)}, tato zná nejvýše "
            f"{SCHEMA_VERSION}); aktualizujte aplikaci."
        )
    try:
        data = review_store.unpack(migrate(data, version), source)
        del data["format"], data["schema_version"]
        dossier = Dossier.model_validate(data)
    except ValidationError as exc:
        budget = 200 - len(f"{source} má chybu v ; {_FIX}.")
        raise DossierError(f"{source} má chybu v {describe_validation_error(exc, budget)}; {_FIX}.") from None
    except (RecursionError, MemoryError):
        raise DossierError(f"{source} je poškozený (příliš hluboko vnořená data); {_FIX}.") from None
    _refuse_duplicate_ids(dossier, source)
    return dossier


def _refuse_duplicate_ids(dossier: Dossier, source: str) -> None:
    seen: set[str] = set()
    for number, project in enumerate(dossier.projects, start=1):
        if project.id in seen:
            raise DossierError(
                f"{source} má dva projekty s označením „{clip(project.id, 20)}“ (druhý je "
                f"projekt {number}); označení musí být jedinečná, {_FIX}."
            )
        seen.add(project.id)


def load(path: str | Path) -> Dossier:
    """Read a ``.dossier`` file; every failure is a ``DossierError`` with a Czech message."""
    return load_with_state(path)[0]


def load_with_state(path: str | Path) -> tuple[Dossier, DiskState]:
    """The dossier and what exactly was read (size, time, hash), from one read of the file."""
    path = Path(path)
    name = file_label(path)
    info = check_regular(path, name)
    raw = read_input(path, name, MAX_FILE_BYTES, "je příliš velký na dokument Dossier")
    with collector_paused():  # parsing and validating make no cycles, only many objects (bulk.py)
        dossier = loads(raw, name)
    return dossier, state_of(raw, info)


def migrate(data: dict, version: int) -> dict:
    """Bring an older file up to ``SCHEMA_VERSION``, one step at a time."""
    if version == 1:
        data = _v1_to_v2(data)
    return data


def _v1_to_v2(data: dict) -> dict:
    # Version 1 kept the programme as one string ("2024-2") and called the unit price "price".
    data = dict(data)
    program = str(data.pop("program_year", ""))
    year, _, round_ = program.partition("-")
    if year.isascii() and year.isdigit() and len(year) <= 4:
        data["year"] = int(year)
        data["round"] = round_
    for project in data.get("projects", []) if isinstance(data.get("projects"), list) else []:
        if isinstance(project, dict):
            for line in project.get("budget", []) if isinstance(project.get("budget"), list) else []:
                if isinstance(line, dict) and "price" in line:
                    line["unit_price"] = line.pop("price")
    data["schema_version"] = 2
    return data
