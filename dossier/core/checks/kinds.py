"""Kind-specific checks (§6 points 14–17): APK, multi-year projects, Domovník, MKDS, conferences."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..dates import format_date
from ..model import Project, ProjectKind
from ..money import format_money
from .base import (
    CITE_APK,
    CITE_DOMOVNIK,
    CITE_MKDS,
    CITE_PERIOD,
    CITE_PROJECT,
    ERROR,
    WARNING,
    Context,
    Finding,
    check,
    project_check,
    where,
)


@project_check
def apk(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.kind != ProjectKind.APK:
        return
    pack = ctx.pack
    base = f"projects/{p.id}"
    if p.apk is None or p.apk.count == 0:
        yield Finding(ERROR, "APK_COUNT_MISSING", f"{base}/apk/count", f"{where(p)}: uveďte počet asistentů.", CITE_APK)
        return
    if not p.apk.mentor.strip():
        yield Finding(ERROR, "APK_MENTOR_MISSING", f"{base}/apk/mentor",
                      f"{where(p)}: APK musí mít určeného mentora.", CITE_APK)
    if p.apk.staff and len(p.apk.staff) != p.apk.count:
        yield Finding(WARNING, "APK_STAFF_COUNT", f"{base}/apk/staff",
                      f"{where(p)}: počet asistentů ({p.apk.count}) neodpovídá počtu úvazků v tabulce ({len(p.apk.staff)}).",
                      CITE_APK)
    if p.date_from and p.date_to:
        months = (p.date_to.year - p.date_from.year) * 12 + p.date_to.month - p.date_from.month + 1
        for i, staff in enumerate(p.apk.staff):
            if staff.months > months:
                yield Finding(WARNING, "APK_MONTHS", f"{base}/apk/staff/{i}/months",
                              f"{where(p)}: {staff.label or f'asistent {i + 1}'} má {staff.months} měsíců, "
                              f"projekt trvá {months}.", CITE_APK)
    monthly_cap = pack.apk_monthly_subsidy_cap
    person_months = sum(s.fte * s.months for s in p.apk.staff)
    if monthly_cap.value is not None and person_months:
        wages = sum((line.requested for line in p.budget if line.category == "OSOBNI_MZDY"), Decimal(0))
        allowed = monthly_cap.value * person_months
        if wages > allowed:
            yield Finding(WARNING, "APK_WAGE_CAP", f"{base}/budget",
                          f"{where(p)}: dotace na mzdy {format_money(wages)} přesahuje "
                          f"{format_money(monthly_cap.value)} × {person_months.normalize()} člověkoměsíců = {format_money(allowed)}.",
                          monthly_cap.citation)


@check
def apk_cap(ctx: Context) -> Iterator[Finding]:
    """The cap on assistants counts over all APK projects: a dossier-wide check."""
    pack = ctx.pack
    projects = [p for p in ctx.dossier.projects if p.kind == ProjectKind.APK]
    total_count = sum(p.apk.count for p in projects if p.apk)
    cap = pack.max_apk
    if cap.value is not None and total_count > cap.value and projects:
        limit = {"application": f"v roce {pack.key} lze nejvýše {cap.value}",
                 "approval": f"v roce {pack.key} bylo při schvalování podpořeno nejvýše {cap.value}",
                 "unconfirmed": f"pro rok {pack.key} není limit {cap.value} ověřen, ověřte jej v Zásadách"}[cap.applies_at]
        severity = ERROR if cap.applies_at == "application" else WARNING
        yield Finding(severity, "APK_COUNT_EXCEEDED", f"projects/{projects[0].id}/apk/count",
                      f"Žádost počítá s {total_count} asistenty prevence kriminality; {limit}.", cap.citation)


@project_check
def multi_year(ctx: Context, p: Project) -> Iterator[Finding]:
    allowed = ctx.pack.multi_year_allowed
    if p.multi_year is None:
        return
    path = f"projects/{p.id}/multi_year"
    if not allowed.value:
        yield Finding(ERROR, "MULTI_YEAR_NOT_ALLOWED", path,
                      f"{where(p)}: víceleté projekty nejsou v roce {ctx.pack.key} přípustné; projekt musí být jednoletý.",
                      allowed.citation)
    elif p.kind not in (ProjectKind.APK, ProjectKind.DOMOVNIK):
        yield Finding(WARNING, "MULTI_YEAR_KIND", path,
                      f"{where(p)}: víceleté mohou být jen projekty APK a Domovník–preventista.", allowed.citation)
    elif not p.multi_year.from_year <= ctx.year <= p.multi_year.to_year:
        yield Finding(ERROR, "MULTI_YEAR_RANGE", path,
                      f"{where(p)}: rok {ctx.year} neleží v období projektu "
                      f"{p.multi_year.from_year}–{p.multi_year.to_year}.", allowed.citation)


@project_check
def domovnik(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.kind != ProjectKind.DOMOVNIK:
        return
    base = f"projects/{p.id}/domovnik"
    if p.domovnik is None or not p.domovnik.buildings:
        yield Finding(ERROR, "DOMOVNIK_NO_BUILDINGS", f"{base}/buildings",
                      f"{where(p)}: uveďte domy, ve kterých domovník působí.", CITE_DOMOVNIK)
        return
    for i, building in enumerate(p.domovnik.buildings):
        if not building.owned_by_municipality:
            yield Finding(ERROR, "DOMOVNIK_OWNERSHIP", f"{base}/buildings/{i}/owned_by_municipality",
                          f"{where(p)}: dům {building.address or i + 1} musí být ve vlastnictví obce.", CITE_DOMOVNIK)


@project_check
def mkds(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.kind != ProjectKind.MKDS:
        return
    base = f"projects/{p.id}/mkds"
    section = p.mkds
    if section is None or not section.camera_points:
        yield Finding(ERROR, "MKDS_NO_POINTS", f"{base}/camera_points",
                      f"{where(p)}: uveďte kamerové body a jejich umístění.", CITE_MKDS)
    else:
        for i, point in enumerate(section.camera_points):
            if not point.location.strip():
                yield Finding(ERROR, "MKDS_POINT_LOCATION", f"{base}/camera_points/{i}/location",
                              f"{where(p)}: kamerový bod {point.label or i + 1} nemá umístění.", CITE_MKDS)
    regime = section.monitoring_regime if section else ""
    if not regime.strip():
        yield Finding(ERROR, "MKDS_MONITORING", f"{base}/monitoring_regime",
                      f"{where(p)}: popište zajištění nepřetržitého dohledu obsluhou.", CITE_MKDS)
    elif not any(mark in regime.lower() for mark in ("24", "nepřetržit")):
        yield Finding(WARNING, "MKDS_24_7", f"{base}/monitoring_regime",
                      f"{where(p)}: podmínky MKDS vyžadují nepřetržitý dohled (24 hodin denně).", CITE_MKDS)
    if section is None or section.retention_days is None:
        yield Finding(ERROR, "MKDS_RETENTION", f"{base}/retention_days",
                      f"{where(p)}: uveďte dobu uchovávání záznamů.", CITE_MKDS)
    if section is None or not section.access_rules.strip():
        yield Finding(ERROR, "MKDS_ACCESS", f"{base}/access_rules",
                      f"{where(p)}: popište pravidla přístupu k záznamům a jejich ochrany.", CITE_MKDS)


@project_check
def conference(ctx: Context, p: Project) -> Iterator[Finding]:
    if p.kind != ProjectKind.KONFERENCE:
        return
    base = f"projects/{p.id}/conference"
    c = p.conference
    if c is None or c.date_from is None:
        yield Finding(WARNING, "CONFERENCE_DATES", f"{base}/date_from",
                      f"{where(p)}: uveďte termín konference.", CITE_PROJECT)
    elif c.date_from.year != ctx.year:
        yield Finding(ERROR, "CONFERENCE_YEAR", f"{base}/date_from",
                      f"{where(p)}: konference {format_date(c.date_from)} není v roce {ctx.year}.", CITE_PERIOD)
    if c is None or not (c.venue.strip() or c.platform.strip()):
        yield Finding(WARNING, "CONFERENCE_VENUE", f"{base}/venue",
                      f"{where(p)}: uveďte místo konání nebo platformu.", CITE_PROJECT)
