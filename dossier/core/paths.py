"""Field paths: one string names one place in a dossier.

Checks report them, the review marks of a roll-forward are keyed by them, the editor jumps
to them and its undo commands address fields by them. Projects are addressed by id (stable
under reordering), other lists by index:

    applicant/ico
    applicant/statutory_representative/name
    projects/P2/title
    projects/P2/budget/3/unit_price
    projects/P3/mkds/camera_points/0/location
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .labels import (
    ANALYSIS_FIELDS,
    APPLICANT,
    APPLICANT_FIELDS,
    ATTACHMENT_FIELDS,
    BUDGET_FIELDS,
    METADATA_FIELDS,
    NESTED_FIELDS,
    PERSON_FIELDS,
    PROJECT_FIELDS,
    PROJECT_SUBFIELDS,
    SUBMITTED_FIELDS,
    TOP_FIELDS,
)
from .model import Dossier
from .submission import SUBMISSION_FIELDS

if TYPE_CHECKING:
    from .kinds import KindSpec


class PathError(KeyError):
    pass


def split(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def path_of(*parts: str | int) -> str:
    """A field path from its parts: ``path_of("projects", "P2", "budget", 3)`` → "projects/P2/budget/3".

    Build paths with this (or ``project_path``) rather than f-strings, so a path is assembled
    in one way everywhere; parts that are empty strings are left out.
    """
    return "/".join(str(part) for part in parts if part != "")


def project_path(project_id: str, *parts: str | int) -> str:
    """The path of a project or of a field in it: ``project_path("P2", "apk", "count")``."""
    return path_of("projects", project_id, *parts)


# Projects are addressed by id; scanning the list on every lookup made walking all fields of a
# large dossier quadratic. One remembered index, always verified against the list, keeps it linear.
_project_index: tuple[int, dict[str, int]] = (0, {})


def _project(projects: list[Any], project_id: str) -> Any:
    global _project_index
    list_id, index = _project_index
    position = index.get(project_id) if list_id == id(projects) else None
    if position is None or position >= len(projects) or projects[position].id != project_id:
        index = {p.id: i for i, p in enumerate(projects)}
        _project_index = (id(projects), index)
        position = index.get(project_id)
        if position is None:
            raise PathError(project_id)
    return projects[position]


def _step(node: Any, part: str, parent_key: str) -> Any:
    if isinstance(node, list):
        if parent_key == "projects":
            return _project(node, part)
        try:
            return node[int(part)]
        except (ValueError, IndexError):
            raise PathError(part) from None
    if isinstance(node, dict):
        return node[part]
    if isinstance(node, BaseModel) and part in type(node).model_fields:
        return getattr(node, part)
    raise PathError(part)


def get(dossier: Dossier, path: str) -> Any:
    node: Any = dossier
    previous = ""
    for part in split(path):
        node = _step(node, part, previous)
        previous = part
    return node


def set_value(dossier: Dossier, path: str, value: Any) -> None:
    """Assign ``value`` at ``path``; pydantic validates it (raises ``ValueError`` if it does not fit)."""
    parts = split(path)
    parent = get(dossier, "/".join(parts[:-1]))
    last = parts[-1]
    if isinstance(parent, list):
        if len(parts) >= 2 and parts[-2] == "projects":
            index = next(i for i, p in enumerate(parent) if p.id == last)
        else:
            index = int(last)
        parent[index] = value
    elif isinstance(parent, dict):
        parent[last] = value
    else:
        setattr(parent, last, value)


def project_id_of(path: str) -> str | None:
    parts = split(path)
    return parts[1] if len(parts) >= 2 and parts[0] == "projects" else None


def label(path: str) -> str:
    """A Czech name of the field for messages and undo texts ("Název projektu").

    A nested field is named with its section ("Kamerový systém – Počet kamer"), a list item by
    its list; every leaf path of the model has one (``tests/core/test_field_labels.py``).
    """
    parts = split(path)
    while len(parts) > 1 and parts[-1].isdigit():  # a list item: named by its list
        parts = parts[:-1]
    if not parts:
        return ""
    top, last = parts[0], parts[-1]
    if top == "submitted":
        if len(parts) >= 3 and parts[1] == "application":
            return f"{SUBMITTED_FIELDS['application']} – {label('/'.join(parts[2:]))}"
        return SUBMITTED_FIELDS.get(last, TOP_FIELDS[top])
    if len(parts) >= 3 and parts[:2] == ["applicant", "security_analysis"]:
        return ANALYSIS_FIELDS.get(last, ANALYSIS_FIELDS.get(parts[2], parts[2]))
    if len(parts) >= 4 and top == "projects" and parts[2] in PROJECT_SUBFIELDS:
        table = PROJECT_SUBFIELDS[parts[2]]
        return table.get(last, PROJECT_FIELDS[parts[2]])
    if len(parts) == 2 and top == "metadata":
        return METADATA_FIELDS.get(last, last)
    if len(parts) >= 2 and top == "applicant":
        section = APPLICANT_FIELDS.get(parts[1], parts[1])
        if len(parts) >= 3:  # a person, the address, the strategy document, the working group
            return f"{section} – {PERSON_FIELDS.get(last) or NESTED_FIELDS.get(last, last)}"
        return section
    if len(parts) >= 3 and top == "projects" and parts[2] == "grant":
        from .grant import grant_label  # grant.py imports the model, which paths imports too

        return grant_label(parts)
    if len(parts) >= 5 and top == "projects" and parts[2] == "budget":
        return BUDGET_FIELDS.get(parts[4], parts[4])
    if len(parts) >= 4 and top == "projects" and (spec := _kind_section(parts[2])) is not None:
        name = next((p for p in reversed(parts[3:]) if not p.isdigit()), "")
        field = spec.field_labels.get(name) or NESTED_FIELDS.get(name, name)
        section = PROJECT_FIELDS.get(parts[2], parts[2])
        # "Kamerový systém – Počet kamer"; a label that names its section already stays as it is.
        return field if field.startswith(f"{section} – ") else f"{section} – {field}"
    if len(parts) >= 4 and top == "projects":  # the multi-year span
        return f"{PROJECT_FIELDS.get(parts[2], parts[2])} – {NESTED_FIELDS.get(last, last)}"
    if len(parts) >= 3 and top == "projects":
        return PROJECT_FIELDS.get(parts[2], parts[2])
    if len(parts) >= 2 and top == "submission":
        return SUBMISSION_FIELDS.get("/".join(parts[1:3]), last)
    if len(parts) >= 2 and top == "attachments":
        return ATTACHMENT_FIELDS.get(last, last)
    return TOP_FIELDS.get(top, last)


def _kind_section(field: str) -> KindSpec | None:
    from .kinds import spec_of_section  # the kind modules build their paths here

    return spec_of_section(field)


def coerce(dossier: Dossier, path: str, value: Any) -> Any:
    """The value as the model would store it at ``path`` ("1 234,50" → Decimal), without storing it.

    Raises ``ValueError`` (pydantic's ``ValidationError``) with the Czech reason when it does not fit.
    """
    parts = split(path)
    parent = get(dossier, "/".join(parts[:-1]))
    if isinstance(parent, BaseModel):
        probe = parent.model_copy()  # shallow: validate_assignment runs on the copy only
        setattr(probe, parts[-1], value)
        return getattr(probe, parts[-1])
    return value


def place(dossier: Dossier, path: str) -> str:
    """Where a field is, for people: "Žadatel – IČO", "Projekt X – řádek 4 – Množství", "Žádost"."""
    parts = split(path)
    if not parts or path == "year":
        return "Žádost"
    if parts[0] == "projects" and len(parts) >= 2:
        try:
            title = get(dossier, project_path(parts[1])).title or parts[1]
        except (PathError, KeyError):
            title = parts[1]
        pieces = [title]
        if len(parts) >= 4 and parts[2] == "budget" and parts[3].isdigit():
            pieces.append(f"řádek {int(parts[3]) + 1}")
        if len(parts) > 2:
            pieces.append(label(path))
        return " – ".join(pieces)
    if parts[0] == "applicant":
        return f"{APPLICANT} – {label(path)}" if len(parts) > 1 else APPLICANT
    if parts[0] == "attachments":
        return "Přílohy"
    if parts[0] == "submission":
        return f"Podání – {label(path)}" if len(parts) > 1 else "Podání"
    return label(path)
