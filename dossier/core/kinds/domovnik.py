"""Domovník–preventista: caretakers in houses the municipality owns."""

from __future__ import annotations

from collections.abc import Iterator

from ..checks.base import CITE_DOMOVNIK, ERROR, Context, Finding, where
from ..model import DomovnikSection, Project, ProjectKind
from ..money import format_number
from ..paths import project_path
from .base import Column, KindBlock, KindSpec, Table

YES, NO = "ano", "ne"
FIELD_LABELS = {
    "count": "Počet domovníků–preventistů",
    "hours_per_month": "Hodin měsíčně",
    "buildings": "Domy",
    "address": "Adresa domu",
    "owner": "Vlastník domu",
    "owned_by_municipality": "Dům ve vlastnictví obce",
}
BUILDING_COLUMNS = (Column("Adresa domu", 7.5), Column("Vlastník", 5.5), Column("Ve vlastnictví obce", 3.0))


def block(project: Project) -> KindBlock:
    dom = project.domovnik
    assert dom is not None  # KindSpec.block_of asks only when the section exists
    f = FIELD_LABELS
    return KindBlock(
        facts=[(f["count"], format_number(dom.count)), (f["hours_per_month"], format_number(dom.hours_per_month))],
        tables=[
            Table(
                f["buildings"],
                BUILDING_COLUMNS,
                [(b.address, b.owner, YES if b.owned_by_municipality else NO) for b in dom.buildings],
            )
        ],
    )


def check_project(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.domovnik is None or not p.domovnik.buildings:
        yield Finding(
            ERROR,
            "DOMOVNIK_NO_BUILDINGS",
            project_path(p.id, "domovnik", "buildings"),
            f"{where(p)}: uveďte domy, ve kterých domovník působí.",
            CITE_DOMOVNIK,
        )
        return
    for i, building in enumerate(p.domovnik.buildings):
        if not building.owned_by_municipality:
            yield Finding(
                ERROR,
                "DOMOVNIK_OWNERSHIP",
                project_path(p.id, "domovnik", "buildings", i, "owned_by_municipality"),
                f"{where(p)}: dům {building.address or i + 1} musí být ve vlastnictví obce.",
                CITE_DOMOVNIK,
            )


KIND = KindSpec(
    ProjectKind.DOMOVNIK,
    "Domovník–preventista",
    "Domovník",
    multi_year=True,
    section="domovnik",
    section_model=DomovnikSection,
    tab_title="Domovník–preventista",
    field_labels=FIELD_LABELS,
    block=block,
    project_checks=(check_project,),
    rollover_rules=({"path": "projects/*/domovnik", "action": "review"},),
)
