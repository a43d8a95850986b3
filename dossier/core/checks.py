"""Checks: dossier → findings (severity, code, field path, Czech message, rule citation).

Each check is a small generator registered with ``@check``; ``run_checks`` runs them all
against the rule pack of the dossier's own year and round. The numbers in comments refer to
program-pk.md §6, the list of what an MV reviewer looks at.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from decimal import ROUND_FLOOR, Decimal

from . import paths
from .dates import format_date, year_spans
from .identifiers import (
    CNB_BANK_CODE,
    account_checksum_ok,
    data_box_valid,
    ico_valid,
    parse_account,
)
from .labels import APPLICANT_TYPES, PROJECT_FIELDS
from .model import (
    NARRATIVE_FIELDS,
    ApplicantType,
    BudgetType,
    Dossier,
    Project,
    ProjectKind,
)
from .money import format_money, format_percent
from .rules import RuleChoice, RulePack, rules_for
from .totals import line_total, project_totals

ERROR, WARNING, INFO = "error", "warning", "info"

# Citations of checks that do not come from a year's pack (program-pk.md §8 sources).
CITE_FORMAL = "Podmínky programu – S9 https://www.mvcr.cz/clanek/informace-o-schvaleni-projektu-programu-prevence-kriminality-na-mistni-urovni-na-rok-2021.aspx"
CITE_SIGNATURE = "Žádost podepisuje statutární zástupce – S5 https://www.mvcr.cz/clanek/narodni-dotacni-titul-prevence-kriminality.aspx"
CITE_ICO = "IČO – kontrolní číslice modulo 11"
CITE_ACCOUNT = "Vyhláška ČNB č. 169/2011 Sb. (kontrolní součet čísla účtu)"
CITE_CNB = "Účty obcí u ČNB pro dotace MV – S39 https://www.mvcr.cz/clanek/bankovni-ucty-obci-pro-dotaci-ministerstva-vnitra-v-souvislosti-s-epidemii-covid-19.aspx"
CITE_DATA_BOX = "Podání datovou schránkou – S4 https://www.mvcr.cz/clanek/vyhlaseni-programu-prevence-kriminality-na-mistni-urovni-na-rok-2019.aspx"
CITE_ANALYSIS = "Metodika bezpečnostních analýz (data nejméně za 2 roky) – S38 https://adoc.pub/metodika-pro-tvorbu-bezpenostnich-analyz-a-koncepci-prevence.html"
CITE_PROJECT = "Náležitosti projektu – S40 https://prevencekriminality.cz/poslat-projekt/"
CITE_PERIOD = "Dotaci je nutno vyčerpat v kalendářním roce – S5 https://www.mvcr.cz/clanek/narodni-dotacni-titul-prevence-kriminality.aspx"
CITE_BUDGET = "Rozpočet projektu – program-pk.md §2 a §6 body 8–12"
CITE_INELIGIBLE = "Neuznatelné náklady – S48 https://www.kyjovske-slovacko.com/cs/informace/vyhlaseni-programu-prevence-kriminality-na-mistni-urovni-na-rok-2020"
CITE_APK = "Metodika APK – S60 http://praha9.cz/o-praze-9/socialni-oblast/aktuality-v-socialni-oblasti/zavazne-pokyny-pro-obce-realizatory-preventivniho-projektu-mv-cr-asistent-prevence-kriminality"
CITE_DOMOVNIK = "Domovník–preventista: dům ve vlastnictví obce – S68 https://www.moderniobec.cz/uz-jen-do-15-brezna-lze-zadat-o-dotaci-z-programu-prevence-kriminality-i-na-cinnost-domovniku-preventistu/"
CITE_MKDS = "Rozšiřující podmínky MKDS – S42 https://www.mvcr.cz/clanek/rozsirujici-podminky-pro-zpracovani-projektu-mkds-na-rok-2012.aspx"
CITE_REVIEW = "Převzato z loňské žádosti – údaj je třeba zkontrolovat (program-pk.md §6 bod 19)"
CITE_YEAR = "Název a termíny projektu odpovídají roku programu (program-pk.md §6 bod 19)"


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    code: str
    path: str  # "applicant/ico", "projects/P2/budget/3/requested"
    message: str
    citation: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Context:
    dossier: Dossier
    choice: RuleChoice

    @property
    def pack(self) -> RulePack:
        return self.choice.pack

    @property
    def year(self) -> int:
        return self.dossier.year


CheckFn = Callable[[Context], Iterator[Finding]]
_CHECKS: list[CheckFn] = []


def check(fn: CheckFn) -> CheckFn:
    _CHECKS.append(fn)
    return fn


def run_checks(dossier: Dossier) -> list[Finding]:
    """All findings for the dossier, errors first, in the order of the dossier."""
    ctx = Context(dossier, rules_for(dossier.year, dossier.round))
    findings = [f for fn in _CHECKS for f in fn(ctx)]
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])  # stable: keeps dossier order within a severity


def counts(findings: list[Finding]) -> dict[str, int]:
    return {sev: sum(f.severity == sev for f in findings) for sev in (ERROR, WARNING, INFO)}


def _where(project: Project) -> str:
    return f"Projekt „{project.title or project.id}“"


# --- rule pack and review marks ---------------------------------------------------------------

@check
def rule_pack(ctx: Context) -> Iterator[Finding]:
    if ctx.choice.is_fallback:
        yield Finding(WARNING, "RULES_FALLBACK", "year", ctx.choice.fallback_notice, "resources/rules")
    deadline = ctx.pack.deadline
    yield Finding(INFO, "DEADLINE", "year",
                  f"Termín podání žádosti: {format_date(deadline.value)} (datovou schránkou).", deadline.citation)


@check
def review_marks(ctx: Context) -> Iterator[Finding]:
    for path, note in ctx.dossier.review.items():
        yield Finding(WARNING, "REVIEW", path, f"{paths.label(path)}: {note}", CITE_REVIEW)


# --- applicant (§6 body 1–4) -------------------------------------------------------------------

@check
def applicant_identity(ctx: Context) -> Iterator[Finding]:
    a = ctx.dossier.applicant
    if not a.name.strip():
        yield Finding(ERROR, "APPLICANT_NAME_MISSING", "applicant/name", "Chybí název žadatele.", CITE_FORMAL)
    allowed = ctx.pack.allowed_applicant_types
    if a.type.value not in allowed.value:
        names = ", ".join(APPLICANT_TYPES[ApplicantType(t)] for t in allowed.value)
        yield Finding(ERROR, "APPLICANT_TYPE", "applicant/type",
                      f"Žadatelem může být v roce {ctx.pack.key} jen: {names}.", allowed.citation)
    if not a.ico.strip():
        yield Finding(ERROR, "ICO_MISSING", "applicant/ico", "Chybí IČO žadatele.", CITE_ICO)
    elif not ico_valid(a.ico.strip()):
        yield Finding(ERROR, "ICO_INVALID", "applicant/ico",
                      f"IČO „{a.ico}“ není platné (8 číslic s kontrolní číslicí).", CITE_ICO)
    if not a.statutory_representative.name.strip():
        yield Finding(ERROR, "STATUTORY_MISSING", "applicant/statutory_representative/name",
                      "Chybí statutární zástupce, který žádost podepisuje.", CITE_SIGNATURE)
    if not a.crime_prevention_manager.name.strip():
        yield Finding(ERROR, "MANAGER_MISSING", "applicant/crime_prevention_manager/name",
                      "Chybí manažer prevence kriminality (podmínka programu).", CITE_FORMAL)


@check
def bank_account(ctx: Context) -> Iterator[Finding]:
    account = ctx.dossier.applicant.bank_account.strip()
    path = "applicant/bank_account"
    if not account:
        yield Finding(ERROR, "ACCOUNT_MISSING", path, "Chybí bankovní účet žadatele.", CITE_CNB)
        return
    parts = parse_account(account)
    if parts is None:
        yield Finding(ERROR, "ACCOUNT_FORMAT", path,
                      f"Číslo účtu „{account}“ nemá tvar předčíslí-číslo/kód banky (např. 94-1234567/0710).", CITE_ACCOUNT)
        return
    if not account_checksum_ok(account):
        yield Finding(ERROR, "ACCOUNT_CHECKSUM", path,
                      f"Číslo účtu „{account}“ nevyhovuje kontrolnímu součtu – zřejmě překlep.", CITE_ACCOUNT)
    if parts[2] != CNB_BANK_CODE:
        obec = ctx.dossier.applicant.type == ApplicantType.OBEC
        yield Finding(ERROR if obec else WARNING, "ACCOUNT_NOT_CNB", path,
                      f"Účet pro státní dotaci musí být vedený u ČNB (kód banky {CNB_BANK_CODE}), ne {parts[2]}.", CITE_CNB)


@check
def data_box(ctx: Context) -> Iterator[Finding]:
    box = ctx.dossier.applicant.data_box_id.strip()
    if not box:
        yield Finding(WARNING, "DATA_BOX_MISSING", "applicant/data_box_id",
                      "Chybí ID datové schránky žadatele; žádost se podává datovou schránkou.", CITE_DATA_BOX)
    elif not data_box_valid(box):
        yield Finding(ERROR, "DATA_BOX_INVALID", "applicant/data_box_id",
                      f"ID datové schránky „{box}“ má mít 7 znaků (malá písmena a číslice).", CITE_DATA_BOX)


@check
def preconditions(ctx: Context) -> Iterator[Finding]:
    a, year = ctx.dossier.applicant, ctx.year
    if not a.local_strategy.title.strip():
        yield Finding(ERROR, "STRATEGY_MISSING", "applicant/local_strategy/title",
                      "Chybí víceletý strategický dokument prevence kriminality (podmínka programu).", CITE_FORMAL)
    spans = year_spans(a.local_strategy.period)
    if not spans:
        yield Finding(ERROR, "STRATEGY_PERIOD_MISSING", "applicant/local_strategy/period",
                      "Uveďte období platnosti strategického dokumentu (např. 2021–2025).", CITE_FORMAL)
    elif not any(first <= year <= last for first, last in spans):
        yield Finding(ERROR, "STRATEGY_PERIOD", "applicant/local_strategy/period",
                      f"Strategický dokument ({a.local_strategy.period}) nepokrývá rok {year}.", CITE_FORMAL)
    analysis = a.security_analysis
    if analysis.date is None:
        yield Finding(ERROR, "ANALYSIS_MISSING", "applicant/security_analysis/date",
                      "Chybí datum bezpečnostní analýzy (podmínka programu).", CITE_FORMAL)
    if len(set(analysis.data_years)) < 2:
        yield Finding(WARNING, "ANALYSIS_YEARS", "applicant/security_analysis/data_years",
                      "Bezpečnostní analýza má obsahovat data nejméně za 2 roky.", CITE_ANALYSIS)
    elif max(analysis.data_years) < year - 2:
        yield Finding(WARNING, "ANALYSIS_STALE", "applicant/security_analysis/data_years",
                      f"Nejnovější data bezpečnostní analýzy jsou z roku {max(analysis.data_years)}; "
                      f"pro rok {year} očekávejte aspoň data z roku {year - 2}.", CITE_ANALYSIS)
    if a.working_group.established is None and not a.working_group.members.strip():
        yield Finding(ERROR, "WORKING_GROUP_MISSING", "applicant/working_group",
                      "Chybí údaje o pracovní skupině prevence kriminality (podmínka programu).", CITE_FORMAL)


@check
def attachments(ctx: Context) -> Iterator[Finding]:
    for i, att in enumerate(ctx.dossier.attachments):
        if att.required and not att.done:
            yield Finding(WARNING, "ATTACHMENT_MISSING", f"attachments/{i}/done",
                          f"Povinná příloha „{att.name}“ není označena jako hotová.", ctx.pack.attachments.citation)


# --- projects (§6 body 5–7, 18, 19) ---------------------------------------------------------------

@check
def project_list(ctx: Context) -> Iterator[Finding]:
    if not ctx.dossier.projects:
        yield Finding(ERROR, "NO_PROJECTS", "projects", "Žádost neobsahuje žádný projekt.", CITE_FORMAL)
    seen: set[str] = set()
    for p in ctx.dossier.projects:
        if p.id in seen:
            yield Finding(ERROR, "DUPLICATE_ID", f"projects/{p.id}/id", f"Označení projektu {p.id} se opakuje.", CITE_FORMAL)
        seen.add(p.id)


@check
def project_basics(ctx: Context) -> Iterator[Finding]:
    pack = ctx.pack
    for p in ctx.dossier.projects:
        base = f"projects/{p.id}"
        if not p.title.strip():
            yield Finding(ERROR, "TITLE_MISSING", f"{base}/title", f"Projekt {p.id} nemá název.", CITE_PROJECT)
        if not p.priority:
            yield Finding(ERROR, "PRIORITY_MISSING", f"{base}/priority",
                          f"{_where(p)}: vyberte prioritu programu.", pack.priorities.citation)
        elif p.priority not in pack.priorities.codes:
            yield Finding(ERROR, "PRIORITY_UNKNOWN", f"{base}/priority",
                          f"{_where(p)}: priorita „{p.priority}“ není v seznamu priorit roku {pack.key}.",
                          pack.priorities.citation)
        if p.budget_type == BudgetType.INV and not pack.investment_allowed.value:
            yield Finding(ERROR, "INVESTMENT_NOT_ALLOWED", f"{base}/budget_type",
                          f"{_where(p)}: v roce {pack.key} program nepodporuje investiční projekty.",
                          pack.investment_allowed.citation)
        for name in ("target_group", "locality", "implementing_body"):
            if not getattr(p, name).strip():
                yield Finding(WARNING, "FIELD_MISSING", f"{base}/{name}",
                              f"{_where(p)}: vyplňte pole {PROJECT_FIELDS[name]}.", CITE_PROJECT)


@check
def narrative(ctx: Context) -> Iterator[Finding]:
    limits = ctx.pack.text_limits
    for p in ctx.dossier.projects:
        for name in ("problem", "goals", "activities", "outputs", "evaluation"):
            if not getattr(p, name).strip():
                yield Finding(WARNING, "NARRATIVE_MISSING", f"projects/{p.id}/{name}",
                              f"{_where(p)}: chybí {PROJECT_FIELDS[name].lower()}.", CITE_PROJECT)
        for name in NARRATIVE_FIELDS:
            limit = limits.value.get(name)
            length = len(getattr(p, name))
            if limit and length > limit:
                yield Finding(WARNING, "TEXT_TOO_LONG", f"projects/{p.id}/{name}",
                              f"{_where(p)}: {PROJECT_FIELDS[name]} má {length} znaků, limit je {limit}.",
                              limits.citation)


@check
def period(ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    for p in ctx.dossier.projects:
        base = f"projects/{p.id}"
        if p.date_from is None or p.date_to is None:
            yield Finding(WARNING, "PERIOD_MISSING", f"{base}/date_from",
                          f"{_where(p)}: uveďte termín realizace (od–do).", CITE_PERIOD)
            continue
        if p.date_from > p.date_to:
            yield Finding(ERROR, "PERIOD_ORDER", f"{base}/date_to",
                          f"{_where(p)}: konec realizace je před jejím začátkem.", CITE_PERIOD)
        for name, value in (("date_from", p.date_from), ("date_to", p.date_to)):
            if value.year != year and p.multi_year is None:
                yield Finding(ERROR, "PERIOD_OUTSIDE_YEAR", f"{base}/{name}",
                              f"{_where(p)}: datum {format_date(value)} nespadá do roku {year}.", CITE_PERIOD)


@check
def title_year(ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    for p in ctx.dossier.projects:
        for first, last in year_spans(p.title):
            if (first, last) != (year, year) and not (p.multi_year and first <= year <= last):
                shown = str(first) if first == last else f"{first}–{last}"
                yield Finding(WARNING, "TITLE_YEAR", f"projects/{p.id}/title",
                              f"{_where(p)}: název uvádí rok {shown}, žádost je na rok {year}.", CITE_YEAR)


# --- budget (§6 body 8–12) ---------------------------------------------------------------------

@check
def budget_lines(ctx: Context) -> Iterator[Finding]:
    categories = ctx.pack.categories
    by_code = {item.code: item for item in categories.items}
    oppp_cap = ctx.pack.oppp_hourly_cap
    for p in ctx.dossier.projects:
        if not p.budget:
            yield Finding(ERROR, "BUDGET_EMPTY", f"projects/{p.id}/budget", f"{_where(p)}: rozpočet je prázdný.", CITE_BUDGET)
        for i, line in enumerate(p.budget):
            base = f"projects/{p.id}/budget/{i}"
            row = f"{_where(p)}, řádek {i + 1}"
            if not line.text.strip():
                yield Finding(ERROR, "LINE_TEXT_MISSING", f"{base}/text", f"{row}: chybí název položky.", CITE_BUDGET)
            item = by_code.get(line.category)
            if item is None:
                yield Finding(ERROR, "CATEGORY_UNKNOWN", f"{base}/category",
                              f"{row}: kategorie „{line.category or '–'}“ není v seznamu roku {ctx.pack.key}.",
                              categories.citation)
            elif item.budget_type and item.budget_type != p.budget_type:
                yield Finding(WARNING, "CATEGORY_BUDGET_TYPE", f"{base}/category",
                              f"{row}: kategorie „{item.name}“ patří do jiného typu rozpočtu než projekt.",
                              categories.citation)
            for name in ("quantity", "unit_price", "requested"):
                if getattr(line, name) < 0:
                    yield Finding(ERROR, "NEGATIVE_AMOUNT", f"{base}/{name}", f"{row}: záporná hodnota.", CITE_BUDGET)
            total = line_total(line)
            if line.requested > total >= 0:
                yield Finding(ERROR, "REQUESTED_OVER_TOTAL", f"{base}/requested",
                              f"{row}: dotace {format_money(line.requested)} je vyšší než náklady {format_money(total)}.",
                              CITE_BUDGET)
            if not line.eligible and line.requested > 0:
                yield Finding(ERROR, "INELIGIBLE_REQUESTED", f"{base}/requested",
                              f"{row}: na neuznatelný náklad nelze žádat dotaci.", CITE_INELIGIBLE)
            if (oppp_cap.value is not None and line.category == "OPPP"
                    and line.unit.strip().lower().rstrip(".") in {"h", "hod", "hodina", "hodin"}
                    and line.unit_price > oppp_cap.value):
                yield Finding(ERROR, "OPPP_HOURLY_CAP", f"{base}/unit_price",
                              f"{row}: sazba {format_money(line.unit_price)}/h překračuje limit "
                              f"{format_money(oppp_cap.value)}/h.", oppp_cap.citation)


@check
def budget_totals(ctx: Context) -> Iterator[Finding]:
    pack = ctx.pack
    multiple = pack.amount_multiple
    for p in ctx.dossier.projects:
        totals = project_totals(p)
        path = f"projects/{p.id}/budget"
        rule = pack.max_subsidy_rate_residential if p.residential else pack.max_subsidy_rate
        limit = (rule.value * totals.eligible).to_integral_value(rounding=ROUND_FLOOR)
        if totals.requested > limit:
            yield Finding(ERROR, "RATE_EXCEEDED", path,
                          f"{_where(p)}: dotace {format_money(totals.requested)} je {format_percent(totals.rate)} "
                          f"uznatelných nákladů; nejvýše lze {format_percent(rule.value, 0)}, tj. {format_money(limit)}.",
                          rule.citation)
        if totals.requested != totals.requested.to_integral_value():
            yield Finding(ERROR, "NOT_WHOLE_CZK", path,
                          f"{_where(p)}: požadovaná dotace {format_money(totals.requested)} není v celých korunách.",
                          multiple.citation)
        elif multiple.value and totals.requested % multiple.value:
            yield Finding(WARNING, "NOT_ROUNDED", path,
                          f"{_where(p)}: požadovaná dotace {format_money(totals.requested)} není zaokrouhlena "
                          f"na celé {multiple.value} Kč.", multiple.citation)


# --- kind-specific (§6 body 14–17) ---------------------------------------------------------------

@check
def apk(ctx: Context) -> Iterator[Finding]:
    pack = ctx.pack
    projects = [p for p in ctx.dossier.projects if p.kind == ProjectKind.APK]
    total_count = sum(p.apk.count for p in projects if p.apk)
    cap = pack.max_apk
    for p in projects:
        base = f"projects/{p.id}"
        if p.apk is None or p.apk.count == 0:
            yield Finding(ERROR, "APK_COUNT_MISSING", f"{base}/apk/count", f"{_where(p)}: uveďte počet asistentů.", CITE_APK)
            continue
        if not p.apk.mentor.strip():
            yield Finding(ERROR, "APK_MENTOR_MISSING", f"{base}/apk/mentor",
                          f"{_where(p)}: APK musí mít určeného mentora.", CITE_APK)
        if p.apk.staff and len(p.apk.staff) != p.apk.count:
            yield Finding(WARNING, "APK_STAFF_COUNT", f"{base}/apk/staff",
                          f"{_where(p)}: počet asistentů ({p.apk.count}) neodpovídá počtu úvazků v tabulce ({len(p.apk.staff)}).",
                          CITE_APK)
        if p.date_from and p.date_to:
            months = (p.date_to.year - p.date_from.year) * 12 + p.date_to.month - p.date_from.month + 1
            for i, staff in enumerate(p.apk.staff):
                if staff.months > months:
                    yield Finding(WARNING, "APK_MONTHS", f"{base}/apk/staff/{i}/months",
                                  f"{_where(p)}: {staff.label or f'asistent {i + 1}'} má {staff.months} měsíců, "
                                  f"projekt trvá {months}.", CITE_APK)
        monthly_cap = pack.apk_monthly_subsidy_cap
        person_months = sum(s.fte * s.months for s in p.apk.staff)
        if monthly_cap.value is not None and person_months:
            wages = sum((line.requested for line in p.budget if line.category == "OSOBNI_MZDY"), Decimal(0))
            allowed = monthly_cap.value * person_months
            if wages > allowed:
                yield Finding(WARNING, "APK_WAGE_CAP", f"{base}/budget",
                              f"{_where(p)}: dotace na mzdy {format_money(wages)} přesahuje "
                              f"{format_money(monthly_cap.value)} × {person_months.normalize()} člověkoměsíců = {format_money(allowed)}.",
                              monthly_cap.citation)
    if cap.value is not None and total_count > cap.value and projects:
        yield Finding(ERROR, "APK_COUNT_EXCEEDED", f"projects/{projects[0].id}/apk/count",
                      f"Žádost počítá s {total_count} asistenty prevence kriminality; v roce {pack.key} lze nejvýše {cap.value}.",
                      cap.citation)


@check
def multi_year(ctx: Context) -> Iterator[Finding]:
    allowed = ctx.pack.multi_year_allowed
    for p in ctx.dossier.projects:
        if p.multi_year is None:
            continue
        path = f"projects/{p.id}/multi_year"
        if not allowed.value:
            yield Finding(ERROR, "MULTI_YEAR_NOT_ALLOWED", path,
                          f"{_where(p)}: víceleté projekty nejsou v roce {ctx.pack.key} přípustné; projekt musí být jednoletý.",
                          allowed.citation)
        elif p.kind not in (ProjectKind.APK, ProjectKind.DOMOVNIK):
            yield Finding(WARNING, "MULTI_YEAR_KIND", path,
                          f"{_where(p)}: víceleté mohou být jen projekty APK a Domovník–preventista.", allowed.citation)
        elif not p.multi_year.from_year <= ctx.year <= p.multi_year.to_year:
            yield Finding(ERROR, "MULTI_YEAR_RANGE", path,
                          f"{_where(p)}: rok {ctx.year} neleží v období projektu "
                          f"{p.multi_year.from_year}–{p.multi_year.to_year}.", allowed.citation)


@check
def domovnik(ctx: Context) -> Iterator[Finding]:
    for p in ctx.dossier.projects:
        if p.kind != ProjectKind.DOMOVNIK:
            continue
        base = f"projects/{p.id}/domovnik"
        if p.domovnik is None or not p.domovnik.buildings:
            yield Finding(ERROR, "DOMOVNIK_NO_BUILDINGS", f"{base}/buildings",
                          f"{_where(p)}: uveďte domy, ve kterých domovník působí.", CITE_DOMOVNIK)
            continue
        for i, building in enumerate(p.domovnik.buildings):
            if not building.owned_by_municipality:
                yield Finding(ERROR, "DOMOVNIK_OWNERSHIP", f"{base}/buildings/{i}/owned_by_municipality",
                              f"{_where(p)}: dům {building.address or i + 1} musí být ve vlastnictví obce.", CITE_DOMOVNIK)


@check
def mkds(ctx: Context) -> Iterator[Finding]:
    for p in ctx.dossier.projects:
        if p.kind != ProjectKind.MKDS:
            continue
        base = f"projects/{p.id}/mkds"
        section = p.mkds
        if section is None or not section.camera_points:
            yield Finding(ERROR, "MKDS_NO_POINTS", f"{base}/camera_points",
                          f"{_where(p)}: uveďte kamerové body a jejich umístění.", CITE_MKDS)
        else:
            for i, point in enumerate(section.camera_points):
                if not point.location.strip():
                    yield Finding(ERROR, "MKDS_POINT_LOCATION", f"{base}/camera_points/{i}/location",
                                  f"{_where(p)}: kamerový bod {point.label or i + 1} nemá umístění.", CITE_MKDS)
        regime = section.monitoring_regime if section else ""
        if not regime.strip():
            yield Finding(ERROR, "MKDS_MONITORING", f"{base}/monitoring_regime",
                          f"{_where(p)}: popište zajištění nepřetržitého dohledu obsluhou.", CITE_MKDS)
        elif not any(mark in regime.lower() for mark in ("24", "nepřetržit")):
            yield Finding(WARNING, "MKDS_24_7", f"{base}/monitoring_regime",
                          f"{_where(p)}: podmínky MKDS vyžadují nepřetržitý dohled (24 hodin denně).", CITE_MKDS)
        if section is None or section.retention_days is None:
            yield Finding(ERROR, "MKDS_RETENTION", f"{base}/retention_days",
                          f"{_where(p)}: uveďte dobu uchovávání záznamů.", CITE_MKDS)
        if section is None or not section.access_rules.strip():
            yield Finding(ERROR, "MKDS_ACCESS", f"{base}/access_rules",
                          f"{_where(p)}: popište pravidla přístupu k záznamům a jejich ochrany.", CITE_MKDS)


@check
def conference(ctx: Context) -> Iterator[Finding]:
    for p in ctx.dossier.projects:
        if p.kind != ProjectKind.KONFERENCE:
            continue
        base = f"projects/{p.id}/conference"
        c = p.conference
        if c is None or c.date_from is None:
            yield Finding(WARNING, "CONFERENCE_DATES", f"{base}/date_from",
                          f"{_where(p)}: uveďte termín konference.", CITE_PROJECT)
        elif c.date_from.year != ctx.year:
            yield Finding(ERROR, "CONFERENCE_YEAR", f"{base}/date_from",
                          f"{_where(p)}: konference {format_date(c.date_from)} není v roce {ctx.year}.", CITE_PERIOD)
        if c is None or not (c.venue.strip() or c.platform.strip()):
            yield Finding(WARNING, "CONFERENCE_VENUE", f"{base}/venue",
                          f"{_where(p)}: uveďte místo konání nebo platformu.", CITE_PROJECT)
