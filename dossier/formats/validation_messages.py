"""Turn pydantic's English validation errors into one short Czech sentence."""
from __future__ import annotations

from pydantic import ValidationError

_TYPES = {
    "missing": "chybí povinná hodnota",
    "extra_forbidden": "neznámé pole",
    "int_parsing": "očekáváno celé číslo",
    "int_type": "očekáváno celé číslo",
    "string_type": "očekáván text",
    "bool_type": "očekáváno ano/ne",
    "bool_parsing": "očekáváno ano/ne",
    "date_from_datetime_parsing": "očekáváno datum",
    "date_parsing": "očekáváno datum",
    "date_type": "očekáváno datum",
    "datetime_parsing": "očekáváno datum a čas",
    "enum": "nepovolená hodnota",
    "list_type": "očekáván seznam",
    "dict_type": "očekáván objekt",
    "model_type": "očekáván objekt",
    "string_too_long": "text je příliš dlouhý",
    "greater_than_equal": "hodnota je příliš malá",
    "less_than_equal": "hodnota je příliš velká",
}


def describe_validation_error(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = "/".join(str(part) for part in first["loc"]) or "dokument"
    kind = first["type"]
    reason = _TYPES.get(kind)
    if reason is None:
        # Our own validators (amounts) already speak Czech.
        msg = str(first.get("msg", ""))
        reason = msg.removeprefix("Value error, ") if kind == "value_error" else "neplatná hodnota"
    more = f" (a další chyby: {len(errors) - 1})" if len(errors) > 1 else ""
    return f"pole {where}: {reason}{more}."
