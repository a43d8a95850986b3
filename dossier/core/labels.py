"""Czech labels for everything the user sees: field names, kinds, budget types, severities.

One table per layer (habit 5): the UI, the Word and the Excel export all read their labels here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .model import ApplicantType, BudgetType, DocumentStatus, ProjectKind

APPLICANT_TYPES = {
    ApplicantType.KRAJ: "kraj",
    ApplicantType.OBEC: "obec",
    ApplicantType.DSO: "dobrovolný svazek obcí",
}


class _KindLabels(Mapping[Any, str]):
    """Kind → its label, read from the kind's module (``core/kinds``) at the time of use."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def _registry(self) -> dict[ProjectKind, Any]:
        from .kinds import REGISTRY  # the kind modules import labels: read the registry late

        return REGISTRY

    def __getitem__(self, kind: object) -> str:
        try:
            return str(getattr(self._registry()[ProjectKind(kind)], self._attribute))
        except ValueError:
            raise KeyError(kind) from None

    def __iter__(self) -> Iterator[Any]:
        return iter(self._registry())

    def __len__(self) -> int:
        return len(self._registry())


#: "Asistent prevence kriminality (APK)", in the order menus list the kinds.
PROJECT_KINDS: Mapping[ProjectKind, str] = _KindLabels("label")
#: "APK": navigator, summary tables.
PROJECT_KINDS_SHORT: Mapping[ProjectKind, str] = _KindLabels("short")

BUDGET_TYPES = {
    BudgetType.NEINV: "neinvestiční",
    BudgetType.INV: "investiční",
}

SEVERITIES = {"error": "Chyba", "warning": "Upozornění", "info": "Informace"}

APPLICANT_FIELDS = {
    "name": "Název žadatele",
    "type": "Typ žadatele",
    "ico": "IČO",
    "dic": "DIČ",
    "address": "Adresa sídla",
    "kraj": "Kraj",
    "population": "Počet obyvatel",
    "statutory_representative": "Statutární zástupce",
    "crime_prevention_manager": "Manažer prevence kriminality",
    "contact_person": "Kontaktní osoba",
    "bank_account": "Bankovní účet (u ČNB)",
    "data_box_id": "ID datové schránky",
    "local_strategy": "Strategický dokument PK",
    "security_analysis": "Bezpečnostní analýza",
    "working_group": "Pracovní skupina PK",
}

PROJECT_FIELDS = {
    "id": "Označení",
    "title": "Název projektu",
    "kind": "Druh projektu",
    "budget_type": "Typ rozpočtu",
    "priority": "Priorita programu",
    "area": "Oblast prevence",
    "residential": "Pobytová akce",
    "target_group": "Cílová skupina",
    "target_group_size": "Počet osob v cílové skupině",
    "locality": "Místo realizace",
    "implementing_body": "Realizátor",
    "external_implementer": "Realizátor je jiný subjekt než žadatel",
    "partners": "Partneři",
    "problem": "Popis problému a zdůvodnění potřebnosti",
    "goals": "Cíle projektu",
    "activities": "Popis aktivit",
    "date_from": "Zahájení",
    "date_to": "Ukončení",
    "staffing": "Personální zajištění",
    "outputs": "Výstupy a měřitelné indikátory",
    "evaluation": "Způsob vyhodnocení",
    "sustainability": "Udržitelnost a návaznost",
    "previous_funding": "Předchozí podpora",
    "multi_year": "Víceletý projekt",
    "apk": "Asistenti prevence kriminality",
    "mkds": "Kamerový systém",
    "domovnik": "Domovník–preventista",
    "conference": "Konference",
    "budget": "Rozpočet",
    "strategy": "Vazba na strategie prevence kriminality",
    "indicators": "Indikátory",
    "documents": "Dokumenty způsobilosti",
}

#: Parts of a project's strategy links, indicators and eligibility documents (paths below them).
STRATEGY_FIELDS = {
    "national": "Cíl / opatření Strategie prevence kriminality ČR",
    "local_measure": "Opatření místní strategie prevence kriminality",
}
INDICATOR_FIELDS = {"name": "Indikátor", "unit": "Jednotka indikátoru", "target": "Cílová hodnota"}
DOCUMENT_FIELDS = {
    "code": "Kód dokumentu",
    "name": "Dokument",
    "status": "Stav dokumentu",
    "note": "Poznámka k dokumentu",
}
DOCUMENT_STATUSES = {
    DocumentStatus.NEEDED: "potřeba",
    DocumentStatus.ATTACHED: "přiloženo",
    DocumentStatus.NOT_NEEDED: "nepotřeba",
}
#: Parts of the applicant's security analysis.
ANALYSIS_FIELDS = {
    "date": "Datum bezpečnostní analýzy",
    "data_years": "Roky dat bezpečnostní analýzy",
    "locality": "Lokalita bezpečnostní analýzy",
    "crime_rates": "Trestné činy na 10 000 obyvatel",
    "year": "Rok údajů o kriminalitě",
    "per_10k": "Trestné činy na 10 000 obyvatel",
}
#: The dossier's own record (not user-edited except the sample mark).
METADATA_FIELDS = {
    "sample": "Ukázková data",
    "note": "Poznámka",
    "rolled_from": "Převzato z",
    "created": "Vytvořeno",
    "modified": "Změněno",
    "app_version": "Verze aplikace",
}
#: The top level of a dossier.
TOP_FIELDS = {
    "year": "Ročník programu",
    "round": "Kolo výzvy",
    "applicant": "Žadatel",
    "projects": "Projekty",
    "attachments": "Přílohy",
    "review": "Převzaté údaje",
    "metadata": "Údaje o souboru",
    "submission": "Podání žádosti",
    "submitted": "Podaná verze žádosti",
}
#: Terms many screens, exports and messages share.
APPLICANT = TOP_FIELDS["applicant"]  # "Žadatel"
UNTITLED = "(bez názvu)"  # a project or budget line without a name
DOSSIER_TOTAL = "Žádost celkem"  # the sums of the whole application
#: The frozen copy of the application as submitted (``submitted/...``).
SUBMITTED_FIELDS = {"frozen_at": "Okamžik podání (zmrazení žádosti)", "application": "Podaná verze žádosti"}
#: A person's fields where they differ from NESTED_FIELDS ("name" is a person's name, not a title).
PERSON_FIELDS = {"name": "Jméno"}
#: One attachment of the application.
ATTACHMENT_FIELDS = {
    "name": "Název přílohy",
    "required": "Povinná příloha",
    "path": "Soubor přílohy",
    "done": "Příloha hotova",
}
#: Fields nested in the applicant's sections (people, address, strategy, working group) and in
#: the kind-specific project sections (APK, MKDS, Domovník, Konference, Víceletý projekt).
NESTED_FIELDS = {
    "street": "Ulice",
    "number": "Číslo domu",
    "city": "Obec",
    "psc": "PSČ",
    "name": "Název",
    "role": "Funkce",
    "phone": "Telefon",
    "email": "E-mail",
    "title": "Název",
    "period": "Období",
    "resolution": "Usnesení",
    "date": "Datum",
    "data_years": "Roky dat",
    "established": "Ustavena",
    "members": "Členové",
    "count": "Počet",
    "staff": "Pracovníci",
    "mentor": "Mentor",
    "mentor_fte": "Úvazek mentora",
    "localities": "Lokality",
    "label": "Označení",
    "fte": "Úvazek",
    "months": "Počet měsíců",
    "monthly_cost": "Měsíční náklady",
    "contract": "Smlouva",
    "camera_points": "Kamerové body",
    "location": "Umístění",
    "camera_type": "Typ kamery",
    "cameras": "Počet kamer",
    "connection": "Připojení",
    "monitoring_regime": "Režim sledování",
    "retention_days": "Doba uchování záznamů",
    "access_rules": "Přístup k záznamům",
    "hours_per_month": "Hodin měsíčně",
    "buildings": "Domy",
    "address": "Adresa",
    "owner": "Vlastník",
    "owned_by_municipality": "Ve vlastnictví obce",
    "venue": "Místo konání",
    "platform": "Platforma",
    "expected_participants": "Počet účastníků",
    "date_from": "Od",
    "date_to": "Do",
    "from_year": "Od roku",
    "to_year": "Do roku",
}

#: Project sub-structures whose parts have labels of their own.
PROJECT_SUBFIELDS = {"strategy": STRATEGY_FIELDS, "indicators": INDICATOR_FIELDS, "documents": DOCUMENT_FIELDS}

#: How a list or limit that is only a proposal (``unverified`` in the pack) is marked on screen and in exports.
PROPOSAL_MARK = "návrh – neověřeno"
#: The mark of a bundled sample on screen and in exports.
SAMPLE_MARK = "Ukázková data – vymyšlené údaje jsou uvedeny v poznámce"

BUDGET_FIELDS = {
    "text": "Položka",
    "category": "Kategorie",
    "unit": "Jednotka",
    "quantity": "Množství",
    "unit_price": "Cena za jednotku",
    "total": "Celkem",
    "requested": "Z toho dotace",
    "own": "Z toho vlastní podíl",
    "eligible": "Uznatelný",
    "justification": "Zdůvodnění",
}

TOTALS = {
    "total": "Celkové náklady",
    "eligible": "Uznatelné náklady",
    "requested": "Požadovaná dotace",
    "own": "Vlastní podíl",
    "rate": "Podíl dotace",
}


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Czech form for a count: 1 řádek, 2–4 řádky, 0 or 5+ řádků."""
    return one if n == 1 else few if 2 <= n <= 4 else many


def program_name(year: int, round_: str = "") -> str:
    """ "Program prevence kriminality na místní úrovni 2024 – 2. kolo"."""
    name = f"Program prevence kriminality na místní úrovni {year}"
    return f"{name} – {round_}. kolo" if round_ else name
