"""Review marks in the ``.dossier`` file, stored compactly.

In memory ``dossier.review`` maps every marked field to its note. A roll-forward of 50 × 100
marks three amounts of every budget line with one and the same note: 15 000 copies of the
note grew the file from 1.8 MB to 3.2 MB. In the file, marks on rows of a list that share a
note and a set of fields are one entry with a row range and the note once::

    "review": {"applicant/population": "převzato z roku 2020 – nezkontrolováno"},
    "review_rows": [{"list": "projects/P1/budget", "rows": "0-99",
                     "fields": ["quantity", "unit_price", "requested"],
                     "note": "převzato z roku 2020 – nezkontrolováno"}]

``pack`` writes that form, ``unpack`` reads it back (files without ``review_rows`` — all files
before schema version 3 — load unchanged). Both keep the order of the marks, so a dossier saved,
loaded and saved again gives the same bytes.
"""

from __future__ import annotations

from ..core.errors import DossierError
from ..core.model import Dossier
from ..core.paths import path_of

KEY = "review_rows"
#: A row index or the number of marks beyond these is not a dossier of ours.
MAX_ROW = 1_000_000
MAX_MARKS = 5_000_000
#: JSON Schema of the ``review_rows`` entry, for ``native.json_schema``.
JSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["list", "rows", "fields", "note"],
        "properties": {
            "list": {"type": "string", "description": "field path of the list, e.g. projects/P1/budget"},
            "rows": {"type": "string", "description": "row indexes from 0: 0-99,105,110-112"},
            "fields": {"type": "array", "items": {"type": "string"}},
            "note": {"type": "string"},
        },
    },
}


def dump(dossier: Dossier) -> dict:
    """``pack(dossier.model_dump(mode="json"))``, the marks taken as they are (texts both, nothing to
    convert) rather than dumped first: a roll-forward of 300 × 100 leaves 90 000 of them."""
    rest = dossier.model_dump(mode="json", exclude={"review"})
    fields = list(type(dossier).model_fields)
    before = set(fields[: fields.index("review")])
    data = {key: value for key, value in rest.items() if key in before}
    data["review"] = dossier.review  # only read
    data.update(rest)  # the fields after the marks, in their order
    return pack(data)


def pack(data: dict) -> dict:
    """``data`` (a dumped dossier) with its row marks moved from ``review`` to ``review_rows``."""
    review = data.get("review")
    if not isinstance(review, dict) or not review:
        return data
    # (list, note) → row → fields of its marks, in the order the marks come; the marks of a row come
    # together, so the row is looked up once for them. A mark's path is "{list}/{row}/{field}" again.
    by_list: dict[tuple[str, str], dict[int, list[str]]] = {}
    plain: set[str] = set()  # marks that are no field of a row (or of a row that would not come back)
    fields: list[str] | None = None
    last_row, last_note = "", ""
    for path, note in review.items():
        row_path, _, field = path.rpartition("/")
        if not (field.isascii() and field.isidentifier()):  # not a field of a row (nor "…/text\n": "…/text")
            plain.add(path)
            continue
        if row_path != last_row or note != last_note:
            last_row, last_note = row_path, note
            list_path, slash, row = row_path.rpartition("/")
            # Not "03" (it would come back as "3"), nor a row beyond ``MAX_ROW`` (it would not load).
            if slash and list_path and row.isascii() and row.isdigit() and (row == "0" or row[0] != "0"):
                number = int(row)
                fields = by_list.setdefault((list_path, note), {}).setdefault(number, []) if number < MAX_ROW else None
            else:
                fields = None
        if fields is None:
            plain.add(path)
        else:
            fields.append(field)
    grouped: list[dict] = []
    for (list_path, note), rows in by_list.items():
        by_fields: dict[tuple[str, ...], list[int]] = {}
        for row, row_fields in rows.items():
            by_fields.setdefault(tuple(row_fields), []).append(row)
        for field_names, row_list in by_fields.items():
            if len(field_names) * len(row_list) < 2 or row_list != sorted(row_list):
                # One mark, or rows out of order: plain entries keep the order exactly.
                plain.update(f"{list_path}/{row}/{field}" for row in row_list for field in field_names)
                continue
            grouped.append(
                {"list": list_path, "rows": _format_rows(row_list), "fields": list(field_names), "note": note}
            )
    if not grouped:
        return data
    data = dict(data)
    data["review"] = {path: note for path, note in review.items() if path in plain}
    data[KEY] = grouped
    return data


def unpack(data: dict, source: str = "Soubor") -> dict:
    """``data`` read from a file with ``review_rows`` expanded back into ``review``; ``DossierError`` if broken."""
    if KEY not in data:
        return data
    data = dict(data)
    entries = data.pop(KEY)
    review = data.get("review", {})
    if not isinstance(entries, list) or not isinstance(review, dict):
        raise _broken(source)
    review = dict(review)
    for entry in entries:
        if not (
            isinstance(entry, dict)
            and set(entry) == {"list", "rows", "fields", "note"}
            and isinstance(entry["list"], str)
            and isinstance(entry["note"], str)
            and isinstance(entry["rows"], str)
            and isinstance(entry["fields"], list)
            and all(isinstance(f, str) and f and "/" not in f for f in entry["fields"])
        ):
            raise _broken(source)
        rows = _parse_rows(entry["rows"], source)
        if len(review) + len(rows) * len(entry["fields"]) > MAX_MARKS:
            raise _broken(source)
        for row in rows:
            for field in entry["fields"]:
                review[path_of(entry["list"], row, field)] = entry["note"]
    data["review"] = review
    return data


def _format_rows(rows: list[int]) -> str:
    """Sorted row indexes as ranges: [0, 1, 2, 5, 7, 8] → "0-2,5,7-8"."""
    parts: list[str] = []
    start: int | None = rows[0]
    following: list[int | None] = [*rows[1:], None]
    for previous, row in zip(rows, following):
        if row != previous + 1 if row is not None else True:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = row
    return ",".join(parts)


def _parse_rows(text: str, source: str) -> list[int]:
    rows: list[int] = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise _broken(source)
        low, high = int(first), int(last) if dash else int(first)
        if high < low or high >= MAX_ROW or (rows and low <= rows[-1]) or len(rows) + high - low >= MAX_MARKS:
            raise _broken(source)
        rows.extend(range(low, high + 1))
    return rows


def _broken(source: str) -> DossierError:
    return DossierError(
        f"{source} má poškozený seznam převzatých údajů ke kontrole (review_rows); "
        "otevřete zálohu souboru (.bak) nebo jej uložte znovu z aplikace, ve které vznikl."
    )
