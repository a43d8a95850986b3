"""What the assessment of each project relies on: strategy links, indicators, eligibility documents,
and the figures of the applicant's security analysis (§1.2–1.4, §6 points 4, 5, 13, 18).

Every check looks at one project (``@project_check``: re-run only when that project changes) or
at the applicant only. A rule marked unverified in the pack
(or a list known to be incomplete) warns instead of refusing the application.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import format_date
from ..documents import required_documents
from ..labels import DOCUMENT_STATUSES
from ..model import DocumentStatus, Project
from ..money import format_number
from ..paths import path_of, project_path
from ..severity import Severity
from ..strategy import strategy_for
from .base import (
    CITE_ANALYSIS,
    CITE_FORMAL,
    CITE_PROJECT,
    ERROR,
    WARNING,
    Context,
    Finding,
    check,
    project_check,
    where,
)


def _severity(verified: bool) -> Severity:
    return ERROR if verified else WARNING


@project_check
def strategy_links(ctx: Context, p: Project) -> Iterator[Finding]:
    strategy = strategy_for(ctx.year)
    base = project_path(p.id, "strategy")
    code = p.strategy.national.strip()
    if strategy is not None:
        if not code:
            yield Finding(
                WARNING,
                "STRATEGY_LINK_MISSING",
                path_of(base, "national"),
                f"{where(p)}: vyberte cíl nebo opatření Strategie prevence kriminality, které projekt naplňuje.",
                strategy.citation,
            )
        elif code not in strategy.codes:
            yield Finding(
                WARNING,
                "STRATEGY_CODE_UNKNOWN",
                path_of(base, "national"),
                f"{where(p)}: kód „{code}“ není v číselníku strategie platné pro rok {ctx.year} "
                f"({strategy.title}); vyberte kód ze seznamu.",
                strategy.citation,
            )
    if not p.strategy.local_measure.strip():
        yield Finding(
            WARNING,
            "LOCAL_MEASURE_MISSING",
            path_of(base, "local_measure"),
            f"{where(p)}: uveďte opatření místní strategie prevence kriminality, ze kterého projekt vychází.",
            CITE_FORMAL,
        )


@project_check
def indicators(ctx: Context, p: Project) -> Iterator[Finding]:
    base = project_path(p.id, "indicators")
    if not p.indicators:
        yield Finding(
            WARNING,
            "INDICATORS_MISSING",
            base,
            f"{where(p)}: doplňte aspoň jeden měřitelný indikátor (název, jednotka, cílová hodnota).",
            CITE_PROJECT,
        )
        return
    for i, indicator in enumerate(p.indicators):
        row = f"{where(p)}, indikátor {i + 1}"
        if not indicator.name.strip():
            yield Finding(
                WARNING, "INDICATOR_NAME", path_of(base, i, "name"), f"{row}: chybí název indikátoru.", CITE_PROJECT
            )
        if not indicator.unit.strip():
            yield Finding(
                WARNING,
                "INDICATOR_UNIT",
                path_of(base, i, "unit"),
                f"{row}: uveďte jednotku (např. osob, hodin, kamer).",
                CITE_PROJECT,
            )
        if indicator.target <= 0:
            yield Finding(
                WARNING,
                "INDICATOR_TARGET",
                path_of(base, i, "target"),
                f"{row}: uveďte kladnou cílovou hodnotu.",
                CITE_PROJECT,
            )


@project_check
def eligibility_documents(ctx: Context, p: Project) -> Iterator[Finding]:
    listed = {doc.code: i for i, doc in enumerate(p.documents) if doc.code}
    for rule in required_documents(p, ctx.pack):
        severity = _severity(not rule.unverified)
        index = listed.get(rule.code)
        if index is None:
            yield Finding(
                severity,
                "DOCUMENT_MISSING",
                project_path(p.id, "documents"),
                f"{where(p)}: v seznamu dokumentů chybí „{rule.name}“; doplňte jej na záložce "
                "Strategie a indikátory tlačítkem Doplnit dokumenty podle pravidel.",
                rule.citation,
            )
            continue
        status = p.documents[index].status
        path = project_path(p.id, "documents", index, "status")
        if status == DocumentStatus.NEEDED:
            yield Finding(
                severity,
                "DOCUMENT_NOT_ATTACHED",
                path,
                f"{where(p)}: dokument „{rule.name}“ je ve stavu „{DOCUMENT_STATUSES[status]}“; "
                "přiložte jej a označte jako přiložený.",
                rule.citation,
            )
        elif status == DocumentStatus.NOT_NEEDED:
            yield Finding(
                severity,
                "DOCUMENT_DECLINED",
                path,
                f"{where(p)}: pravidla roku {ctx.pack.key} dokument „{rule.name}“ u tohoto projektu "
                "vyžadují, je však označen jako nepotřebný.",
                rule.citation,
            )


def _months_before(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@check
def security_analysis_figures(ctx: Context) -> Iterator[Finding]:
    a, year = ctx.dossier.applicant, ctx.year
    analysis = a.security_analysis
    base = path_of("applicant", "security_analysis")
    if a.population is None or a.population == 0:
        yield Finding(
            WARNING,
            "POPULATION_MISSING",
            "applicant/population",
            "Uveďte počet obyvatel; bezpečnostní analýza z něj počítá trestné činy na 10 000 obyvatel.",
            CITE_ANALYSIS,
        )
    if not analysis.locality.strip():
        yield Finding(
            WARNING,
            "ANALYSIS_LOCALITY_MISSING",
            path_of(base, "locality"),
            "Uveďte lokalitu, kterou bezpečnostní analýza popisuje (obec, městský obvod, rizikové lokality).",
            CITE_ANALYSIS,
        )
    rates = analysis.crime_rates
    years = [r.year for r in rates]
    for i, rate in enumerate(rates):
        if rate.per_10k < 0:
            yield Finding(
                ERROR,
                "CRIME_RATE_NEGATIVE",
                path_of(base, "crime_rates", i, "per_10k"),
                f"Bezpečnostní analýza, rok {rate.year}: počet trestných činů na 10 000 obyvatel nemůže být záporný.",
                CITE_ANALYSIS,
            )
        if years.count(rate.year) > 1 and years.index(rate.year) != i:
            yield Finding(
                WARNING,
                "CRIME_RATE_DUPLICATE",
                path_of(base, "crime_rates", i, "year"),
                f"Bezpečnostní analýza: rok {rate.year} je v tabulce kriminality uveden vícekrát.",
                CITE_ANALYSIS,
            )
    if len(set(years)) < 2:
        yield Finding(
            WARNING,
            "CRIME_RATES_MISSING",
            path_of(base, "crime_rates"),
            "Doplňte počet trestných činů na 10 000 obyvatel aspoň za poslední dva roky.",
            CITE_ANALYSIS,
        )
    elif max(years) < year - 2:
        yield Finding(
            WARNING,
            "CRIME_RATES_OLD",
            path_of(base, "crime_rates"),
            f"Nejnovější údaj o kriminalitě je z roku {max(years)}; pro rok {year} doplňte aspoň rok {year - 2}.",
            CITE_ANALYSIS,
        )
    yield from _analysis_age(ctx)


def _analysis_age(ctx: Context) -> Iterator[Finding]:
    date = ctx.dossier.applicant.security_analysis.date
    rule = ctx.pack.security_analysis_max_age_months
    deadline = ctx.pack.deadline.value
    path = "applicant/security_analysis/date"
    if date is None or deadline is None:
        return  # a missing date is reported by the preconditions check
    if date > deadline:
        yield Finding(
            WARNING,
            "ANALYSIS_AFTER_DEADLINE",
            path,
            f"Bezpečnostní analýza je datována {format_date(date)}, až po termínu podání "
            f"{format_date(deadline)}; opravte datum.",
            CITE_ANALYSIS,
        )
    elif rule.value is not None and date < (cutoff := _months_before(deadline, rule.value)):
        severity = _severity(not rule.unverified and rule.applies_at == "application")
        yield Finding(
            severity,
            "ANALYSIS_TOO_OLD",
            path,
            f"Bezpečnostní analýza z {format_date(date)} je k termínu podání {format_date(deadline)} starší "
            f"než {format_number(rule.value)} měsíců (nejstarší přípustné datum {format_date(cutoff)}); "
            "aktualizujte ji.",
            rule.citation,
        )
