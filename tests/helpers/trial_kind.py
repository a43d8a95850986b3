"""A trial project kind, written as a real kind module would be (``dossier/core/kinds/<kind>.py``).

It takes the place of "Forenzní značení" (a kind without a section of its own) in the tests
that show a new kind needs only its module and its line in the registry.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossier.core.checks.base import CITE_PROJECT, WARNING, Context, Finding, where
from dossier.core.kinds import Column, KindBlock, KindSpec, Table
from dossier.core.model import BudgetType, Project, ProjectKind
from dossier.core.paths import project_path

LABEL = "Zkušební značení jízdních kol"
MARKED = "Označená místa"


def block(project: Project) -> KindBlock:
    places = [p for p in project.locality.splitlines() if p.strip()]
    return KindBlock(
        facts=[("Počet označených míst", str(len(places)))],
        tables=[Table(MARKED, (Column("Místo", 16.0),), [(p,) for p in places])],
    )


def check_project(ctx: Context, p: Project) -> Iterator[Finding]:
    if not p.locality.strip():
        yield Finding(
            WARNING,
            "TRIAL_NO_PLACES",
            project_path(p.id, "locality"),
            f"{where(p)}: uveďte místa, kde se kola značí.",
            CITE_PROJECT,
        )


KIND = KindSpec(
    ProjectKind.FORENZNI_ZNACENI,
    LABEL,
    "Zkušební",
    default_budget_type=BudgetType.INV,
    block=block,
    block_title="Značení jízdních kol",
    project_checks=(check_project,),
    rollover_rules=({"path": "projects/*/locality", "action": "review", "reason": "místa značení se mění"},),
)
