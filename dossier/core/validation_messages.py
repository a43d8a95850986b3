"""Pydantic's English validation errors as short Czech sentences (one table for the whole app)."""
from __future__ import annotations

from pydantic import ValidationError

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
    "date_parsing": "zadejte datum",
    "date_type": "zadejte datum",
    "datetime_parsing": "zadejte datum a čas",
    "enum": "nepovolená hodnota",
    "list_type": "očekáván seznam",
    "dict_type": "očekáván objekt",
    "model_type": "očekáván objekt",
    "string_too_long": "text je příliš dlouhý",
}


def _reason(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":  # our own validators (amounts) already speak Czech
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "greater_than_equal":
        return f"hodnota musí být nejméně {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"hodnota smí být nejvýše {ctx.get('le')}"
    return _TYPES.get(kind, "neplatná hodnota")


def czech_reason(exc: Exception) -> str:
    """Why a value was rejected, without the field name ("zadejte celé číslo")."""
    if isinstance(exc, ValidationError):
        return _reason(exc.errors(include_url=False)[0])
    return str(exc).strip()


def describe_validation_error(exc: ValidationError) -> str:
    """Where and why, for a file that does not fit the model ("pole projects/0/title: …")."""
    errors = exc.errors(include_url=False)
    where = "/".join(str(part) for part in errors[0]["loc"]) or "dokument"
    more = f" (a další chyby: {len(errors) - 1})" if len(errors) > 1 else ""
    return f"pole {where}: {_reason(errors[0])}{more}."
