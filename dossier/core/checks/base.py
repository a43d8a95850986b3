"""What every check module shares: findings, the check context, the registry, rule citations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Dossier, Project
from ..rules import RuleChoice, RulePack
from ..severity import Severity
from ..sources import cite

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Citations of checks that do not come from a year's pack; codes are resources/rules/sources.json.
CITE_FORMAL = "Podmínky programu – " + cite("S9")
CITE_SIGNATURE = "Žádost podepisuje statutární zástupce – " + cite("S5")
CITE_ICO = "IČO – kontrolní číslice modulo 11"
CITE_ACCOUNT = "Vyhláška ČNB č. 169/2011 Sb. (kontrolní součet čísla účtu)"
CITE_CNB = "Účty obcí u ČNB pro dotace MV – " + cite("S39")
CITE_DATA_BOX = "Podání datovou schránkou – " + cite("S4")
CITE_ANALYSIS = "Metodika bezpečnostních analýz (data nejméně za 2 roky) – " + cite("S38")
CITE_PROJECT = "Náležitosti projektu – " + cite("S40")
CITE_PERIOD = "Dotaci je nutno vyčerpat v kalendářním roce – " + cite("S5")
CITE_BUDGET = "Rozpočet projektu – " + cite("S5; S13")
CITE_INELIGIBLE = "Neuznatelné náklady – " + cite("S48")
CITE_APK = "Metodika APK – " + cite("S60")
CITE_DOMOVNIK = "Domovník–preventista: dům ve vlastnictví obce – " + cite("S68")
CITE_MKDS = "Rozšiřující podmínky MKDS – " + cite("S42")
CITE_REVIEW = "Převzato z loňské žádosti – údaj je třeba zkontrolovat pro nový ročník"
CITE_YEAR = "Název a termíny projektu odpovídají roku programu – " + cite("S5")


@dataclass(frozen=True)
class Finding:
    severity: Severity  # a plain "error" given by older code becomes Severity.ERROR
    code: str
    path: str  # "applicant/ico", "projects/P2/budget/3/requested" (``paths.path_of``)
    message: str
    citation: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Context:
    dossier: Dossier
    choice: RuleChoice
    #: The date the deadline checks count from; injectable so that tests do not depend on the clock.
    today: dt.date = dt.date.min
    #: Findings a check may keep between runs of one ``CheckRunner`` (keyed by the check's inputs).
    memo: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def pack(self) -> RulePack:
        return self.choice.pack

    @property
    def year(self) -> int:
        return self.dossier.year


CheckFn = Callable[[Context], Iterator[Finding]]
ProjectCheckFn = Callable[[Context, Project], Iterator[Finding]]
#: Dossier-wide checks (cheap: the applicant, the list of projects, caps over all projects).
REGISTRY: list[CheckFn] = []
#: Checks of one project: they read nothing but the project, the year and the rule pack, so
#: after an edit only the changed project's are re-run (``incremental.CheckRunner``).
PROJECT_CHECKS: list[ProjectCheckFn] = []
#: Both kinds in the order they were registered: the order findings are reported in.
ORDER: list[tuple[str, int]] = []


def check(fn: CheckFn) -> CheckFn:
    ORDER.append(("dossier", len(REGISTRY)))
    REGISTRY.append(fn)
    return fn


def project_check(fn: ProjectCheckFn) -> ProjectCheckFn:
    ORDER.append(("project", len(PROJECT_CHECKS)))
    PROJECT_CHECKS.append(fn)
    return fn


def where(project: Project) -> str:
    return f"Projekt „{project.title or project.id}“"
