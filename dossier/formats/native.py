"""The native ``.dossier`` file: pretty-printed UTF-8 JSON with a format marker and schema version.

Saving is deterministic (same model → same bytes, ``\\n`` line ends on every OS) so that
dossiers diff well and a save that changes nothing changes no byte.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from ..core.errors import DossierError
from ..core.model import Dossier
from ..core.validation_messages import describe_validation_error
from . import review_store
from .atomic import atomic_write_bytes
from .reading import read_input

FORMAT_MARKER = "cz.prevence-kriminality.dossier"
SCHEMA_VERSION = 3  # 3: review marks of list rows stored compactly (review_store.py)
#: A dossier is a few hundred kB; anything far larger is not one of ours.
MAX_FILE_BYTES = 200 * 1024 * 1024


def dumps(dossier: Dossier) -> bytes:
    data = {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION}
    data.update(review_store.pack(dossier.model_dump(mode="json")))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def save(dossier: Dossier, path: str | Path) -> None:
    """Write the dossier atomically (see ``atomic.py``); raises ``DossierError``."""
    atomic_write_bytes(Path(path), dumps(dossier))


def json_schema() -> dict:
    """JSON Schema of the file: the dossier model plus the format marker and schema version."""
    schema = Dossier.model_json_schema()
    schema["title"] = "Dossier (.dossier)"
    schema["properties"] = {
        "format": {"const": FORMAT_MARKER},
        "schema_version": {"const": SCHEMA_VERSION},
        **schema["properties"],
        review_store.KEY: review_store.JSON_SCHEMA,
    }
    schema["required"] = ["format", "schema_version", *schema.get("required", [])]
    return schema


def _reject_constant(name: str):
    raise ValueError(f"neplatná hodnota {name}")


def loads(raw: bytes | str, source: str = "soubor") -> Dossier:
    """Parse file content into a dossier, migrating older schema versions."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DossierError(f"{source} není dokument Dossier (není v kódování UTF-8).") from None
    try:
        # Decimal keeps amounts exact; NaN/Infinity are not JSON and are refused.
        data = json.loads(raw, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        if raw.lstrip().startswith("{"):
            raise DossierError(f"{source} je poškozený nebo neúplný (chyba JSON: {exc}).") from None
        raise DossierError(f"{source} není dokument Dossier.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise DossierError(f"{source} není dokument Dossier (chybí značka formátu).")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DossierError(f"{source} má neplatnou verzi formátu.")
    if version > SCHEMA_VERSION:
        raise DossierError(f"{source} byl uložen novější verzí aplikace (formát {version}, "
                           f"tato verze zná nejvýše {SCHEMA_VERSION}). Aktualizujte aplikaci.")
    data = review_store.unpack(migrate(data, version), source)
    del data["format"], data["schema_version"]
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        raise DossierError(f"{source} obsahuje neplatná data: {describe_validation_error(exc)}") from None


def load(path: str | Path) -> Dossier:
    """Read a ``.dossier`` file; every failure is a ``DossierError`` with a Czech message."""
    path = Path(path)
    name = f"Soubor „{path.name}“"
    raw = read_input(path, name, MAX_FILE_BYTES, "je příliš velký na dokument Dossier")
    return loads(raw, name)


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
    if year.isdigit():
        data["year"] = int(year)
        data["round"] = round_
    for project in data.get("projects", []) if isinstance(data.get("projects"), list) else []:
        if isinstance(project, dict):
            for line in project.get("budget", []) if isinstance(project.get("budget"), list) else []:
                if isinstance(line, dict) and "price" in line:
                    line["unit_price"] = line.pop("price")
    data["schema_version"] = 2
    return data
