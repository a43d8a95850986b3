"""What every check module shares: findings, the check context, the registry, rule citations."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from ..model import Dossier, Project
from ..rules import RuleChoice, RulePack

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
    #: Findings a check may keep between runs of one ``CheckRunner`` (keyed by the check's inputs).
    memo: dict = field(default_factory=dict, compare=False)

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
