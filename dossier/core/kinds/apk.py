"""Asistent prevence kriminality (APK): assistants, their mentor, staffing and the cap on their number."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..checks.base import CITE_APK, ERROR, WARNING, Context, Finding, where
from ..model import ApkSection, Project, ProjectKind
from ..money import format_money, format_number
from ..paths import project_path
from .base import Column, KindBlock, KindSpec, Table

FIELD_LABELS = {
    "count": "Počet asistentů",
    "mentor": "Mentor",
    "mentor_fte": "Úvazek mentora",
    "localities": "Lokality působení",
    "staff": "Personální obsazení",
    "label": "Pozice",
    "fte": "Úvazek",
    "months": "Počet měsíců",
    "monthly_cost": "Měsíční náklady",
    "contract": "Pracovní smlouva",
}
STAFF_COLUMNS = (
    Column("Označení", 4.4),
    Column("Úvazek", 1.7, True),
    Column("Počet měsíců", 2.0, True),
    Column("Měsíční náklady", 3.0, True),
    Column("Pracovní smlouva", 4.9),
)


def block(project: Project) -> KindBlock:
    apk = project.apk
    assert apk is not None  # KindSpec.block_of asks only when the section exists
    mentor = apk.mentor
    if apk.mentor_fte:
        mentor = f"{mentor} (úvazek {format_number(apk.mentor_fte)})".strip()
    f = FIELD_LABELS
    return KindBlock(
        facts=[
            (f["count"], format_number(apk.count)),
            (f["mentor"], mentor),
            (f["localities"], "\n".join(apk.localities)),
        ],
        tables=[
            Table(
                f["staff"],
                STAFF_COLUMNS,
                [
                    (s.label, format_number(s.fte), format_number(s.months), format_money(s.monthly_cost), s.contract)
                    for s in apk.staff
                ],
            )
        ],
    )


def check_project(ctx: Context, p: Project) -> Iterator[Finding]:
    pack = ctx.pack
    if p.apk is None or p.apk.count == 0:
        yield Finding(
            ERROR,
            "APK_COUNT_MISSING",
            project_path(p.id, "apk", "count"),
            f"{where(p)}: uveďte počet asistentů.",
            CITE_APK,
        )
        return
    if not p.apk.mentor.strip():
        yield Finding(
            ERROR,
            "APK_MENTOR_MISSING",
            project_path(p.id, "apk", "mentor"),
            f"{where(p)}: APK musí mít určeného mentora.",
            CITE_APK,
        )
    if p.apk.staff and len(p.apk.staff) != p.apk.count:
        yield Finding(
            WARNING,
            "APK_STAFF_COUNT",
            project_path(p.id, "apk", "staff"),
            f"{where(p)}: počet asistentů ({p.apk.count}) neodpovídá počtu úvazků v tabulce ({len(p.apk.staff)}).",
            CITE_APK,
        )
    if p.date_from and p.date_to:
        months = (p.date_to.year - p.date_from.year) * 12 + p.date_to.month - p.date_from.month + 1
        for i, staff in enumerate(p.apk.staff):
            if staff.months > months:
                yield Finding(
                    WARNING,
                    "APK_MONTHS",
                    project_path(p.id, "apk", "staff", i, "months"),
                    f"{where(p)}: {staff.label or f'asistent {i + 1}'} má {staff.months} měsíců, "
                    f"projekt trvá {months}.",
                    CITE_APK,
                )
    monthly_cap = pack.apk_monthly_subsidy_cap
    person_months = sum(s.fte * s.months for s in p.apk.staff)
    if monthly_cap.value is not None and person_months:
        wages = sum((line.requested for line in p.budget if line.category == "OSOBNI_MZDY"), Decimal(0))
        allowed = monthly_cap.value * person_months
        if wages > allowed:
            yield Finding(
                WARNING,
                "APK_WAGE_CAP",
                project_path(p.id, "budget"),
                f"{where(p)}: dotace na mzdy {format_money(wages)} přesahuje "
                f"{format_money(monthly_cap.value)} × {person_months.normalize()} člověkoměsíců = {format_money(allowed)}.",
                monthly_cap.citation,
            )


def check_cap(ctx: Context) -> Iterator[Finding]:
    """The cap on assistants counts over all APK projects: a dossier-wide check."""
    pack = ctx.pack
    projects = [p for p in ctx.dossier.projects if p.kind == ProjectKind.APK]
    total_count = sum(p.apk.count for p in projects if p.apk)
    cap = pack.max_apk
    if cap.value is not None and total_count > cap.value and projects:
        limit = {
            "application": f"v roce {pack.key} lze nejvýše {cap.value}",
            "approval": f"v roce {pack.key} bylo při schvalování podpořeno nejvýše {cap.value}",
            "unconfirmed": f"pro rok {pack.key} není limit {cap.value} ověřen, ověřte jej v Zásadách",
        }[cap.applies_at]
        severity = ERROR if cap.applies_at == "application" else WARNING
        yield Finding(
            severity,
            "APK_COUNT_EXCEEDED",
            project_path(projects[0].id, "apk", "count"),
            f"Žádost počítá s {total_count} asistenty prevence kriminality; {limit}.",
            cap.citation,
        )


KIND = KindSpec(
    ProjectKind.APK,
    "Asistent prevence kriminality (APK)",
    "APK",
    multi_year=True,
    section="apk",
    section_model=ApkSection,
    tab_title="Asistenti prevence",
    field_labels=FIELD_LABELS,
    block=block,
    project_checks=(check_project,),
    dossier_checks=(check_cap,),
    rollover_rules=(
        {"path": "projects/*/apk", "action": "review", "transform": "apk_count_fit"},
        {"path": "projects/*/apk/staff/*/monthly_cost", "action": "review", "transform": "actual_apk_pay"},
    ),
)
