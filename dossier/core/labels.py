"""Czech labels for everything the user sees: field names, kinds, budget types, severities.

One table per layer (habit 5): the UI, the Word and the Excel export all read their labels here.
"""
from __future__ import annotations

from .model import ApplicantType, BudgetType, ProjectKind

APPLICANT_TYPES = {
    ApplicantType.KRAJ: "kraj",
    ApplicantType.OBEC: "obec",
    ApplicantType.DSO: "dobrovolný svazek obcí",
}

PROJECT_KINDS = {
    ProjectKind.APK: "Asistent prevence kriminality (APK)",
    ProjectKind.DOMOVNIK: "Domovník–preventista",
    ProjectKind.MKDS: "Městský kamerový dohlížecí systém (MKDS)",
    ProjectKind.FORENZNI_ZNACENI: "Forenzní značení",
    ProjectKind.KONFERENCE: "Konference",
    ProjectKind.VZDELAVANI: "Vzdělávání a informování",
    ProjectKind.SOCIALNI_PREVENCE: "Sociální prevence",
    ProjectKind.SITUACNI_PREVENCE: "Situační prevence",
    ProjectKind.OSTATNI: "Jiný projekt",
}

PROJECT_KINDS_SHORT = {
    ProjectKind.APK: "APK",
    ProjectKind.DOMOVNIK: "Domovník",
    ProjectKind.MKDS: "MKDS",
    ProjectKind.FORENZNI_ZNACENI: "Forenzní značení",
    ProjectKind.KONFERENCE: "Konference",
    ProjectKind.VZDELAVANI: "Vzdělávání",
    ProjectKind.SOCIALNI_PREVENCE: "Sociální prevence",
    ProjectKind.SITUACNI_PREVENCE: "Situační prevence",
    ProjectKind.OSTATNI: "Jiný",
}

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
}

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


def program_name(year: int, round_: str = "") -> str:
    """ "Program prevence kriminality na místní úrovni 2024 – 2. kolo"."""
    name = f"Program prevence kriminality na místní úrovni {year}"
    return f"{name} – {round_}. kolo" if round_ else name
