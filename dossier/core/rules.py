"""Rule packs: the programme's rules for one year (and round), read from ``resources/rules``.

A pack is data: adding a programme year means adding a JSON file, not changing code. The
pack is chosen by the dossier's year and round, never by today's date.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..resources import resource_path
from .model import BudgetType, ProjectKind
from .sources import cite

#: How an unverified rule or list is marked wherever it is shown (panel, exports, CLI).
UNVERIFIED_MARK = " (neověřeno)"

T = TypeVar("T")


class Rule(BaseModel, Generic[T]):
    """One rule with where it comes from; ``unverified`` when the Zásady text was not read."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: T
    source: str
    unverified: bool = False
    note: str = ""
    #: "approval" when the sources show the rule only in how grants were approved, not as a
    #: condition of the application; "unconfirmed" when newer reports cast doubt on it. A check
    #: of such a rule warns instead of refusing.
    applies_at: Literal["application", "approval", "unconfirmed"] = "application"

    @property
    def citation(self) -> str:
        return cite(self.source) + (UNVERIFIED_MARK if self.unverified else "")


class CodeItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    name: str
    budget_type: BudgetType | None = None


class CodeList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    items: list[CodeItem]
    source: str
    unverified: bool = False

    def name_of(self, code: str) -> str | None:
        return next((item.name for item in self.items if item.code == code), None)

    @property
    def codes(self) -> list[str]:
        return [item.code for item in self.items]

    @property
    def citation(self) -> str:
        return cite(self.source) + (UNVERIFIED_MARK if self.unverified else "")


class AttachmentRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    required: bool = True


class DocumentRule(BaseModel):
    """A document a project needs to be eligible, and for which projects (kinds, implementing body)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    name: str
    #: Project kinds it applies to; empty = every project. A misspelt kind stops the pack from loading.
    kinds: list[ProjectKind] = Field(default_factory=list)
    #: "always", or "external_implementer" when needed only if another body implements the project.
    condition: Literal["always", "external_implementer"] = "always"
    source: str
    unverified: bool = False
    note: str = ""

    @property
    def citation(self) -> str:
        return cite(self.source) + (UNVERIFIED_MARK if self.unverified else "")


#: A pack that names no eligibility documents requires none (older packs load unchanged).
NO_DOCUMENTS = Rule[list[DocumentRule]](value=[], source="Pravidla ročníku dokumenty neuvádějí", unverified=True)
#: Without a pack value: the MV methodology wants current data; the age limit itself is not published.
DEFAULT_ANALYSIS_AGE = Rule[int | None](
    value=24,
    source="S38",
    unverified=True,
    note="Stáří bezpečnostní analýzy k termínu podání nejvýše 24 měsíců (odhad, Zásady limit neuvádějí).",
)


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    format: str = Field(pattern="^dossier-rules$")
    key: str
    year: int
    round: str = ""
    title: str
    call_published: Rule[dt.date | None]
    deadline: Rule[dt.date]
    allowed_applicant_types: Rule[list[str]]
    max_subsidy_rate: Rule[Decimal]
    max_subsidy_rate_residential: Rule[Decimal]
    max_apk: Rule[int | None]
    multi_year_allowed: Rule[bool]
    investment_allowed: Rule[bool]
    amount_multiple: Rule[int]
    apk_monthly_subsidy_cap: Rule[Decimal | None]
    oppp_hourly_cap: Rule[Decimal | None]
    text_limits: Rule[dict[str, int]]
    priorities: CodeList
    categories: CodeList
    attachments: Rule[list[AttachmentRule]]
    #: Documents deciding each project's eligibility, by project kind (police opinion, contract, …).
    eligibility_documents: Rule[list[DocumentRule]] = NO_DOCUMENTS
    #: Oldest acceptable security analysis, in months before the application deadline.
    security_analysis_max_age_months: Rule[int | None] = DEFAULT_ANALYSIS_AGE
    #: After the award (optional; ``grant_deadlines`` supplies unverified defaults).
    settlement_deadline: Rule[dt.date] | None = None
    final_report_deadline: Rule[dt.date] | None = None


#: Defaults when a pack has no source for the deadlines after the award: 15 February of the next
#: year, the date by which municipalities hand in the settlement with the state budget.
DEFAULT_SETTLEMENT_SOURCE = "Vyhláška č. 367/2015 Sb., o zásadách a lhůtách finančního vypořádání (termín 15. 2.)"
DEFAULT_FINAL_REPORT_SOURCE = "Termín podle rozhodnutí o poskytnutí dotace (obvykle s vyúčtováním)"


def grant_deadlines(pack: RulePack) -> tuple[Rule[dt.date], Rule[dt.date]]:
    """(settlement, final report) deadlines of the pack's year; defaults are marked unverified."""
    default = dt.date(pack.year + 1, 2, 15)
    settlement = pack.settlement_deadline or Rule[dt.date](
        value=default, source=DEFAULT_SETTLEMENT_SOURCE, unverified=True
    )
    report = pack.final_report_deadline or Rule[dt.date](
        value=default, source=DEFAULT_FINAL_REPORT_SOURCE, unverified=True
    )
    return settlement, report


class RulesError(Exception):
    """A rule pack that cannot be read: a broken installation, reported in Czech."""


@dataclass(frozen=True)
class RuleChoice:
    pack: RulePack
    #: Czech notice when the dossier's year has no pack of its own and another one is used.
    fallback_notice: str = ""

    @property
    def is_fallback(self) -> bool:
        return bool(self.fallback_notice)


@lru_cache(maxsize=1)
def all_packs() -> dict[str, RulePack]:
    """Every pack in ``resources/rules``, keyed "2021" or "2024-2"."""
    packs: dict[str, RulePack] = {}
    for path in sorted(resource_path("rules").glob("pk-*.json")):
        try:
            pack = RulePack.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError) as exc:
            raise RulesError(f"Pravidla {path.name} nelze načíst: {exc}") from exc
        packs[pack.key] = pack
    if not packs:
        raise RulesError("Nenalezena žádná pravidla programu (resources/rules).")
    return packs


def rules_for(year: int, round: str = "") -> RuleChoice:
    """The pack for a programme year and round; else the nearest older one, flagged."""
    packs = all_packs()
    key = f"{year}-{round}" if round else str(year)
    if key in packs:
        return RuleChoice(packs[key])
    regular = sorted((p for p in packs.values() if not p.round), key=lambda p: p.year)
    older = [p for p in regular if p.year <= year]
    pack = older[-1] if older else regular[0]
    what = f"ročník {year}" + (f", {round}. kolo" if round else "")
    return RuleChoice(
        pack,
        f"Pro {what} nejsou k dispozici pravidla programu; "
        f"použita pravidla roku {pack.key}. Ověřte je podle Zásad daného roku.",
    )


def next_year() -> int:
    """The programme year after the newest pack's: an office starts it before its rules are out."""
    return max(p.year for p in all_packs().values() if not p.round) + 1


def programme_keys() -> list[str]:
    """Keys a dossier can be started for, newest first: the year after the newest pack, then every pack."""
    packs = sorted(all_packs().values(), key=lambda p: (p.year, p.round), reverse=True)
    return [str(next_year())] + [p.key for p in packs]


def rules_for_key(key: str) -> RuleChoice:
    """``rules_for`` of a key such as "2027" or "2024-2"."""
    year, _, round_ = key.partition("-")
    return rules_for(int(year), round_)


def programme_label(key: str) -> str:
    """ "2024 – 2. kolo" for a choice list; a year without rules of its own says which rules stand in."""
    choice = rules_for_key(key)
    year, _, round_ = key.partition("-")
    if choice.is_fallback:
        return f"{year} (pravidla zatím nejsou k dispozici – použijí se pravidla {choice.pack.key})"
    return f"{year} – {round_}. kolo" if round_ else year


@lru_cache(maxsize=1)
def priority_mappings() -> dict[tuple[str, str], dict[str, str]]:
    """Mapping tables between priority code lists: (from list, to list) → {old code: new code}."""
    data = json.loads(resource_path("rules", "priority-map.json").read_text(encoding="utf-8"))
    return {(m["from"], m["to"]): m["map"] for m in data["mappings"]}
