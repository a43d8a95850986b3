"""Synthetic dossiers of a chosen size for the benchmarks (deterministic, rule-consistent)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from ..core.model import ApkSection, BudgetLine, BudgetType, Dossier, Project, ProjectKind
from ..formats import native
from ..resources import resource_path

_CATEGORIES = ("SLUZBY", "OPPP", "MATERIAL", "VZDELAVANI", "CESTOVNE_UBYTOVANI")
_TEXT = ("Popis potřebnosti projektu navazuje na bezpečnostní analýzu města a na zkušenosti z předchozích let. ") * 6


def make_dossier(projects: int, lines: int, year: int = 2021) -> Dossier:
    base = native.load(resource_path("examples", "plzen-2021.dossier"))
    dossier = Dossier(
        year=year,
        applicant=copy.deepcopy(base.applicant),
        attachments=copy.deepcopy(base.attachments),
        metadata=copy.deepcopy(base.metadata),
    )
    for i in range(projects):
        budget = []
        for j in range(lines):
            price = Decimal(1000 + (i * 37 + j * 11) % 9000)
            quantity = Decimal(1 + j % 5)
            budget.append(
                BudgetLine(
                    text=f"Položka {j + 1} – služby a materiál",
                    category=_CATEGORIES[j % len(_CATEGORIES)],
                    unit="ks",
                    quantity=quantity,
                    unit_price=price,
                    requested=(price * quantity * 8 // 1000) * 100,
                    justification="Nezbytné pro realizaci aktivit projektu.",
                )
            )
        kind = ProjectKind.APK if i == 0 else ProjectKind.VZDELAVANI
        dossier.projects.append(
            Project(
                id=f"P{i + 1}",
                title=f"Projekt prevence č. {i + 1} {year}",
                kind=kind,
                budget_type=BudgetType.NEINV,
                priority="1",
                target_group="Obyvatelé města",
                locality="Plzeň",
                implementing_body="Město",
                problem=_TEXT,
                goals=_TEXT,
                activities=_TEXT,
                outputs=_TEXT,
                evaluation=_TEXT,
                date_from=dt.date(year, 1, 1),
                date_to=dt.date(year, 12, 31),
                apk=ApkSection(count=1, mentor="strážník MP") if kind == ProjectKind.APK else None,
                budget=budget,
            )
        )
    return dossier
