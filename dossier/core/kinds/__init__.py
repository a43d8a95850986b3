"""The project kinds: one module per kind, listed here once.

Adding a kind: write ``kinds/<kind>.py`` building a ``KindSpec`` (labels, default budget type,
section, printed block, checks, roll-forward rules), add one line to ``REGISTRY`` below, and
(for a kind with a form page) one line to ``ui/kind_forms.py``. The kind's value in
``model.ProjectKind`` and, for a new section, its field on ``Project`` are part of the file
format and stay in ``model.py``. ``tests/core/test_kinds.py`` fails when a kind lacks a piece.
"""
from __future__ import annotations

from ..model import Project, ProjectKind
from . import apk, domovnik, generic, konference, mkds
from .base import Column, KindBlock, KindSpec, Table

__all__ = ["REGISTRY", "Column", "KindBlock", "KindSpec", "Table", "all_kinds", "block_of", "spec_of"]

#: Every kind in the order menus and lists show them.
REGISTRY: dict[ProjectKind, KindSpec] = {spec.kind: spec for spec in (
    apk.KIND,
    domovnik.KIND,
    mkds.KIND,
    generic.FORENZNI_ZNACENI,
    konference.KIND,
    generic.VZDELAVANI,
    generic.SOCIALNI_PREVENCE,
    generic.SITUACNI_PREVENCE,
    generic.OSTATNI,
)}


def spec_of(kind: ProjectKind | str) -> KindSpec:
    return REGISTRY[ProjectKind(kind)]


def all_kinds() -> list[KindSpec]:
    return list(REGISTRY.values())


def section_fields() -> set[str]:
    """Project fields that hold a kind's section ("apk", "mkds", …)."""
    return {spec.section for spec in REGISTRY.values() if spec.section}


def block_of(project: Project) -> KindBlock | None:
    """The kind's part of a project to print, or ``None``."""
    return spec_of(project.kind).block_of(project)
