"""The project kinds: one module per kind, listed here once.

Adding a kind: write ``kinds/<kind>.py`` building a ``KindSpec`` (labels, default budget type,
section, printed block, checks, roll-forward rules), add one line to ``REGISTRY`` below, and
(for a kind with a form page) one line to ``ui/kind_forms.py``. The kind's value in
``model.ProjectKind`` and, for a new section, its field on ``Project`` are part of the file
format and stay in ``model.py``. ``tests/core/test_kinds.py`` fails when a kind lacks a piece.
"""

from __future__ import annotations

import datetime as dt

from ..model import Dossier, Project, ProjectKind
from . import apk, domovnik, generic, konference, mkds
from .base import Column, KindBlock, KindSpec, Table

__all__ = ["REGISTRY", "Column", "KindBlock", "KindSpec", "Table", "all_kinds", "block_of", "new_project", "spec_of"]

#: Every kind in the order menus and lists show them.
REGISTRY: dict[ProjectKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        apk.KIND,
        domovnik.KIND,
        mkds.KIND,
        generic.FORENZNI_ZNACENI,
        konference.KIND,
        generic.VZDELAVANI,
        generic.SOCIALNI_PREVENCE,
        generic.SITUACNI_PREVENCE,
        generic.OSTATNI,
    )
}


def spec_of(kind: ProjectKind | str) -> KindSpec:
    return REGISTRY[ProjectKind(kind)]


def all_kinds() -> list[KindSpec]:
    return list(REGISTRY.values())


def section_fields() -> set[str]:
    """Project fields that hold a kind's section ("apk", "mkds", …)."""
    return {spec.section for spec in REGISTRY.values() if spec.section}


def spec_of_section(field: str) -> KindSpec | None:
    """The kind whose section a project field is ("apk" → APK), or ``None``."""
    return next((spec for spec in REGISTRY.values() if spec.section and spec.section == field), None)


def block_of(project: Project) -> KindBlock | None:
    """The kind's part of a project to print, or ``None``."""
    return spec_of(project.kind).block_of(project)


def new_project(dossier: Dossier, kind: ProjectKind) -> Project:
    """A new project of ``kind`` for ``dossier`` (not added to it): a free id, a title, the kind's
    budget type and empty section, the programme year's dates."""
    spec = spec_of(kind)
    year = dossier.year
    project = Project(
        id=dossier.new_project_id(),
        title=f"{spec.short} {year}",
        kind=spec.kind,
        budget_type=spec.default_budget_type,
        date_from=dt.date(year, 1, 1),
        date_to=dt.date(year, 12, 31),
    )
    if spec.section:
        setattr(project, spec.section, spec.new_section())
    return project
