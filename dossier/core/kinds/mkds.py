"""Městský kamerový dohlížecí systém (MKDS): camera points, round-the-clock monitoring, record keeping."""

from __future__ import annotations

from collections.abc import Iterator

from ..checks.base import CITE_MKDS, ERROR, WARNING, Context, Finding, where
from ..model import BudgetType, MkdsSection, Project, ProjectKind
from ..money import format_number
from ..paths import project_path
from .base import Column, KindBlock, KindSpec, Table

FIELD_LABELS = {
    "camera_points": "Kamerové body",
    "monitoring_regime": "Režim dohledu",
    "retention_days": "Doba uchovávání záznamů",
    "access_rules": "Pravidla přístupu k záznamům",
    "label": "Označení kamerového bodu",
    "location": "Umístění kamerového bodu",
    "camera_type": "Typ kamer",
    "cameras": "Počet kamer",
    "connection": "Připojení",
}
POINT_COLUMNS = (
    Column("Označení", 2.2),
    Column("Umístění", 4.4),
    Column("Typ kamer", 3.2),
    Column("Počet kamer", 1.9, True),
    Column("Připojení", 4.3),
)


def days(n: int) -> str:
    return f"{n} den" if n == 1 else f"{n} dny" if 2 <= n <= 4 else f"{format_number(n)} dní"


def block(project: Project) -> KindBlock:
    mkds = project.mkds
    assert mkds is not None  # KindSpec.block_of asks only when the section exists
    f = FIELD_LABELS
    retention = days(mkds.retention_days) if mkds.retention_days is not None else ""
    return KindBlock(
        facts=[(f["retention_days"], retention)],
        tables=[
            Table(
                f["camera_points"],
                POINT_COLUMNS,
                [
                    (p.label, p.location, p.camera_type, format_number(p.cameras), p.connection)
                    for p in mkds.camera_points
                ],
            )
        ],
        texts=[(f["monitoring_regime"], mkds.monitoring_regime), (f["access_rules"], mkds.access_rules)],
    )


def check_project(ctx: Context, p: Project) -> Iterator[Finding]:
    section = p.mkds
    if section is None or not section.camera_points:
        yield Finding(
            ERROR,
            "MKDS_NO_POINTS",
            project_path(p.id, "mkds", "camera_points"),
            f"{where(p)}: uveďte kamerové body a jejich umístění.",
            CITE_MKDS,
        )
    else:
        for i, point in enumerate(section.camera_points):
            if not point.location.strip():
                yield Finding(
                    ERROR,
                    "MKDS_POINT_LOCATION",
                    project_path(p.id, "mkds", "camera_points", i, "location"),
                    f"{where(p)}: kamerový bod {point.label or i + 1} nemá umístění.",
                    CITE_MKDS,
                )
    regime = section.monitoring_regime if section else ""
    if not regime.strip():
        yield Finding(
            ERROR,
            "MKDS_MONITORING",
            project_path(p.id, "mkds", "monitoring_regime"),
            f"{where(p)}: popište zajištění nepřetržitého dohledu obsluhou.",
            CITE_MKDS,
        )
    elif not any(mark in regime.lower() for mark in ("24", "nepřetržit")):
        yield Finding(
            WARNING,
            "MKDS_24_7",
            project_path(p.id, "mkds", "monitoring_regime"),
            f"{where(p)}: podmínky MKDS vyžadují nepřetržitý dohled (24 hodin denně).",
            CITE_MKDS,
        )
    if section is None or section.retention_days is None:
        yield Finding(
            ERROR,
            "MKDS_RETENTION",
            project_path(p.id, "mkds", "retention_days"),
            f"{where(p)}: uveďte dobu uchovávání záznamů.",
            CITE_MKDS,
        )
    if section is None or not section.access_rules.strip():
        yield Finding(
            ERROR,
            "MKDS_ACCESS",
            project_path(p.id, "mkds", "access_rules"),
            f"{where(p)}: popište pravidla přístupu k záznamům a jejich ochrany.",
            CITE_MKDS,
        )


KIND = KindSpec(
    ProjectKind.MKDS,
    "Městský kamerový dohlížecí systém (MKDS)",
    "MKDS",
    default_budget_type=BudgetType.INV,  # cameras and their network are investments
    section="mkds",
    section_model=MkdsSection,
    tab_title="Kamerový systém",
    field_labels=FIELD_LABELS,
    block=block,
    project_checks=(check_project,),
    rollover_rules=({"path": "projects/*/mkds", "action": "review", "reason": "kamerové body se každý rok mění"},),
)
