"""Pydantic's English validation errors as short Czech sentences (one table for the whole app).

``czech_reason`` says why a typed value was refused (the field is known to the form);
``describe_validation_error`` says where in a file and why, with the field's Czech label,
short enough for a one-sentence message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from .labels import APPLICANT_FIELDS, BUDGET_FIELDS, PROJECT_FIELDS
from .labels import ATTACHMENT_FIELDS as _ATTACHMENT
from .labels import METADATA_FIELDS as _METADATA
from .labels import NESTED_FIELDS as _NESTED
from .labels import TOP_FIELDS as _TOP

_TYPES = {
    "missing": "chybí povinná hodnota",
    "extra_forbidden": "neznámé pole",
    "int_parsing": "zadejte celé číslo",
    "int_type": "zadejte celé číslo",
    "int_from_float": "zadejte celé číslo",
    "string_type": "očekáván text",
    "bool_type": "očekáváno ano/ne",
    "bool_parsing": "očekáváno ano/ne",
    "date_from_datetime_parsing": "zadejte datum",
    "date_from_datetime_inexact": "zadejte datum bez času",
    "date_parsing": "zadejte datum",
    "date_type": "zadejte datum",
    "datetime_parsing": "zadejte datum a čas",
    "datetime_from_date_parsing": "zadejte datum a čas",
    "datetime_type": "zadejte datum a čas",
    "enum": "nepovolená hodnota",
    "literal_error": "nepovolená hodnota",
    "list_type": "očekáván seznam",
    "tuple_type": "očekáván seznam",
    "dict_type": "očekáván objekt",
    "model_type": "očekáván objekt",
    "model_attributes_type": "očekáván objekt",
    "string_too_long": "text je příliš dlouhý",
    "too_long": "hodnota je příliš dlouhá",
    "int_from_string_too_long": "číslo je příliš dlouhé",
    "recursion_loop": "data jsou příliš hluboko vnořená",
}

_BUDGET_LISTS = {"budget": "rozpočet, řádek"}
_SECTIONS = {
    "apk": "APK",
    "mkds": "MKDS",
    "domovnik": "Domovník",
    "conference": "Konference",
    "multi_year": "Víceletý projekt",
}
_SECTION_LISTS = {"staff": "pracovník", "camera_points": "kamerový bod", "buildings": "dům", "localities": "lokalita"}


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut with one "…"; control characters shown as "?"."""
    text = "".join(ch if ch.isprintable() else " " if ch.isspace() else "?" for ch in str(text))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_sentence(text: str) -> str:
    text = str(text).strip()
    head, dot, _rest = text.partition(". ")
    return (head if dot else text).rstrip(".")


def _reason(error: Mapping[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":  # our own validators (amounts) already speak Czech
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return message if not message.isascii() else "neplatná hodnota"
    if kind in ("greater_than_equal", "greater_than"):
        return f"hodnota musí být nejméně {clip(ctx.get('ge', ctx.get('gt', '')), 20)}"
    if kind in ("less_than_equal", "less_than"):
        return f"hodnota smí být nejvýše {clip(ctx.get('le', ctx.get('lt', '')), 20)}"
    if kind in ("string_too_long", "too_long") and ctx.get("max_length"):
        return f"text je delší než {ctx['max_length']} znaků"
    return _TYPES.get(kind, "neplatná hodnota")


def czech_reason(exc: Exception) -> str:
    """Why a value was rejected, without the field name ("zadejte celé číslo")."""
    if isinstance(exc, ValidationError):
        return _reason(exc.errors(include_url=False)[0])
    return str(exc).strip()


def _name(key: Any, table: Mapping[Any, str]) -> str:
    return table.get(key) or _NESTED.get(key) or clip(key, 24)


def field_place(loc: tuple[Any, ...]) -> tuple[str, str]:
    """(Czech field label, where it is) for a pydantic location such as ("projects", 1, "title")."""
    parts = list(loc)
    if not parts:
        return "", "celý dokument"
    top = parts[0]
    if top == "applicant":
        if len(parts) == 1:
            return "Žadatel", "žadatel"
        section = _name(parts[1], APPLICANT_FIELDS)
        if len(parts) == 2:
            return section, "žadatel"
        return _name(parts[-1], _NESTED), f"žadatel, {section}"
    if top == "projects":
        if len(parts) == 1 or not isinstance(parts[1], int):
            return "Projekty", "seznam projektů"
        where = f"projekt {parts[1] + 1}"
        rest = parts[2:]
        if not rest:
            return "Projekt", where
        field = rest[0]
        if field in _BUDGET_LISTS and len(rest) >= 2 and isinstance(rest[1], int):
            where += f", {_BUDGET_LISTS[field]} {rest[1] + 1}"
            if len(rest) == 2:
                return "Řádek rozpočtu", where
            return _name(rest[2], BUDGET_FIELDS), where
        label = _name(field, PROJECT_FIELDS)
        if len(rest) == 1:
            return label, where
        where += f", {_SECTIONS.get(field, label)}"
        inner = [p for p in rest[1:] if not isinstance(p, int)]
        numbers = [p for p in rest[1:] if isinstance(p, int)]
        if inner and inner[0] in _SECTION_LISTS and numbers:
            where += f", {_SECTION_LISTS[inner[0]]} {numbers[0] + 1}"
        return (_name(inner[-1], _NESTED) if inner else label), where
    if top == "attachments":
        if len(parts) >= 2 and isinstance(parts[1], int):
            return (_name(parts[2], _ATTACHMENT) if len(parts) >= 3 else "Příloha"), f"příloha {parts[1] + 1}"
        return "Přílohy", "seznam příloh"
    if top == "metadata":
        return (_name(parts[1], _METADATA) if len(parts) >= 2 else "Údaje o souboru"), "údaje o souboru"
    if top == "review":
        return "Převzaté údaje", "seznam převzatých údajů"
    return _name(top, _TOP), "žádost"


def describe_validation_error(exc: ValidationError, limit: int = 120) -> str:
    """Where and why, for a file that does not fit the model, in at most ``limit`` characters.

    ``poli „Cena za jednotku“ (projekt 2, rozpočet, řádek 4): Částka „x“ není číslo`` – never
    pydantic's English text; follows "má chybu v".
    """
    errors = exc.errors(include_url=False)
    label, where = field_place(tuple(errors[0]["loc"]))
    label, where = clip(label, 40), clip(where, 45)
    more = f" (a další chyby: {len(errors) - 1})" if len(errors) > 1 else ""
    head = f"poli „{label}“ ({where}): "
    reason = clip(_first_sentence(_reason(errors[0])), max(20, limit - len(head) - len(more)))
    return f"{head}{reason}{more}"
