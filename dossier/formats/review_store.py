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


def _row_of(row_path: str) -> tuple[str, int] | None:
    """(list, row) of a list row's path ("projects/P1/budget/3"), else None (also for a row that would
    not come back the same or not load again: "03", a row beyond ``MAX_ROW``)."""
    list_path, slash, row = row_path.rpartition("/")
    if slash and list_path and row.isascii() and row.isdigit() and (row == "0" or not row.startswith("0")):
        number = int(row)
        return (list_path, number) if number < MAX_ROW else None
    return None


def pack(data: dict) -> dict:
    """``data`` (a dumped dossier) with its row marks moved from ``review`` to ``review_rows``."""
    review = data.get("review")
    if not isinstance(review, dict) or not review:
        return data
    # (list, note) → row → fields of its marks, in the order the marks come. A mark's path is
    # "{list}/{row}/{field}" again.
    by_list: dict[tuple[str, str], dict[int, list[str]]] = {}
    plain: set[str] = set()  # marks that are no field of a row (or of a row that would not come back)
    keys, notes = list(review), list(review.values())
    at = 0
    while at < len(keys):
        path, note = keys[at], notes[at]
        row_path, _, field = path.rpartition("/")
        found = _row_of(row_path) if field.isascii() and field.isidentifier() else None  # not "…/text\n"
        if found is None:
            plain.add(path)
            at += 1
            continue
        fields = [field]  # the marks of the row with the note that come together: looked up once
        at += 1
        while at < len(keys) and notes[at] == note:
            next_row, _, field = keys[at].rpartition("/")
            if next_row != row_path or not (field.isascii() and field.isidentifier()):
                break
            fields.append(field)
            at += 1
        rows = by_list.setdefault((found[0], note), {})
        rows.setdefault(found[1], []).extend(fields)
        at = _repeated_rows(keys, notes, at, found, fields, note, rows)
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


def _repeated_rows(
    keys: list[str], notes: list[str], at: int, row: tuple[str, int], fields: list[str], note: str, rows: dict
) -> int:
    """Where the marks end that, from ``at`` on, repeat the ``fields`` of ``row`` with ``note`` in the
    rows that follow it (the amounts of every line of a budget); each such row is added to ``rows``.
    Compared a block of rows at a time rather than mark by mark."""
    list_path, number = row
    size = 1
    while size:
        first, end = number + 1, at + size * len(fields)
        last_key = f"{list_path}/{first + size - 1}/{fields[-1]}"
        if (
            end <= len(keys)
            and first + size <= MAX_ROW
            and keys[end - 1] == last_key
            and keys[at:end] == [f"{list_path}/{n}/{field}" for n in range(first, first + size) for field in fields]
            and notes[at:end].count(note) == end - at
        ):
            for n in range(first, first + size):
                rows.setdefault(n, []).extend(fields)
            at, number, size = end, number + size, size * 2
        else:
            size //= 2
    return at


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
