"""Plain-text descriptions of strategy links, indicators, documents and analysis figures.

Word, Excel and the screen print these the same way; this module only formats, it never decides.
"""

from __future__ import annotations

from .labels import DOCUMENT_STATUSES, PROPOSAL_MARK
from .model import Applicant, Indicator, Project
from .money import format_number
from .rules import RulePack
from .strategy import strategy_for


def national_link(project: Project, year: int) -> str:
    """ "4 – Komplexní přístup … (Strategie … 2016 až 2020)"; "" when no goal is chosen."""
    code = project.strategy.national.strip()
    if not code:
        return ""
    strategy = strategy_for(year)
    name = strategy.name_of(code) if strategy else None
    if strategy is None:
        return code
    if name is None:
        return f"{code} (není v číselníku: {strategy.title})"
    return f"{code} – {name} ({strategy.title})"


def indicator_row(indicator: Indicator) -> tuple[str, str, str]:
    return indicator.name, indicator.unit, format_number(indicator.target)


def document_rows(project: Project) -> list[tuple[str, str, str]]:
    return [(doc.name or doc.code, DOCUMENT_STATUSES[doc.status], doc.note) for doc in project.documents]


def crime_rate_rows(applicant: Applicant) -> list[tuple[str, str]]:
    rates = sorted(applicant.security_analysis.crime_rates, key=lambda r: r.year)
    return [(str(r.year), format_number(r.per_10k)) for r in rates]


def category_note(pack: RulePack) -> str:
    """Says the category list is a proposal when the pack marks it unverified; "" otherwise."""
    if not pack.categories.unverified:
        return ""
    return (
        f"Kategorie rozpočtu: {PROPOSAL_MARK} – seznam kategorií Zásady programu nezveřejňují, "
        "jde o návrh podle rozpočtové skladby."
    )
