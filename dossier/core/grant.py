"""The grant year after the application: the award, the spending ledger and the frozen application.

These models hang on the dossier with two optional fields (``Project.grant``,
``Dossier.submitted``), so files without them load unchanged and save the way they did.

Payments name their budget line by index (``Payment.line``, 0-based, ``None`` = not assigned).
The budget list commands call ``follow_budget_change`` so a payment stays with its line when lines
are inserted, moved or removed (a removed line's payments become unassigned; undo restores them).
An index keeps ``BudgetLine`` and the ``.dossier`` output of a budget line as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import cast

from pydantic import Field

from .model import Dossier, Model, Money, Project, Quantity, ShortText, Text

#: Czech names of the grant fields (field paths "projects/P1/grant/…"), for messages and undo texts.
GRANT_FIELDS = {
    "grant": "Dotace a čerpání",
    "award": "Rozhodnutí o dotaci",
    "amount": "Částka",
    "decision_number": "Číslo rozhodnutí",
    "decision_date": "Datum rozhodnutí",
    "conditions": "Podmínky",
    "use_by": "Použít do",
    "note": "Poznámka",
    "payments": "Platby",
    "line": "Řádek rozpočtu",
    "date": "Datum",
    "supplier": "Dodavatel",
    "document": "Doklad",
    "quantity": "Množství",
    "source": "Zdroj",
    "achieved": "Dosažené výsledky",
    "report": "Průběh realizace",
}


def grant_label(parts: list[str]) -> str:
    """ "Platby – Datum" for projects/P1/grant/payments/3/date."""
    if parts[3:5] == ["award", "amount"]:
        return "Přiznaná dotace"
    names = [GRANT_FIELDS[p] for p in parts[2:] if p in GRANT_FIELDS and p != "grant"] or [GRANT_FIELDS["grant"]]
    if parts[3:4] == ["award"] and len(names) > 1:
        names = names[1:]
    return " – ".join(names[:1] + names[-1:] if len(names) > 1 else names)


class FundingSource(str, Enum):
    SUBSIDY = "dotace"
    OWN = "vlastni"


class Award(Model):
    """The ministry's decision for one project (Rozhodnutí o poskytnutí dotace)."""

    amount: Money | None = None  # awarded subsidy; None = not decided yet
    decision_number: ShortText = ""
    decision_date: dt.date | None = None
    conditions: Text = ""
    use_by: dt.date | None = None  # deadline for using the subsidy
    note: ShortText = ""  # e.g. "rozdělení mezi projekty je VYMYŠLENÉ"


class Payment(Model):
    """One paid invoice or payroll item charged to a budget line."""

    line: int | None = Field(default=None, ge=0, le=1_000_000)
    date: dt.date | None = None
    supplier: ShortText = ""
    document: ShortText = ""  # číslo dokladu
    amount: Money = Decimal("0")
    #: Units of the line paid for (e.g. 4 person-months of wages), when known: gives the actual unit cost.
    quantity: Quantity | None = None
    source: FundingSource = FundingSource.SUBSIDY
    note: ShortText = ""


class ProjectGrant(Model):
    award: Award = Field(default_factory=Award)
    payments: list[Payment] = Field(default_factory=list)
    #: What the project achieved, for the final report (goals and indicators planned vs achieved).
    achieved: Text = ""
    #: The final report's narrative of how the project went.
    report: Text = ""


class FrozenApplication(Model):
    """The application exactly as it was submitted; re-budgeting never touches it."""

    frozen_at: dt.datetime | None = None
    application: Dossier


Project.model_rebuild(_types_namespace={"ProjectGrant": ProjectGrant})
Dossier.model_rebuild(_types_namespace={"FrozenApplication": FrozenApplication})


def freeze(dossier: Dossier, when: dt.datetime | None = None) -> FrozenApplication:
    """A deep copy of the application part of ``dossier`` (no grant data, no earlier snapshot)."""
    copy = dossier.model_copy(deep=True)
    copy.submitted = None
    for project in copy.projects:
        project.grant = None
    return FrozenApplication(frozen_at=when, application=copy)


def submitted_application(dossier: Dossier) -> Dossier:
    """The frozen application; ``DossierError`` in Czech when the dossier has none."""
    if dossier.submitted is None:
        from .errors import DossierError

        raise DossierError(
            "Žádost nemá uloženou podanou verzi. Uložte ji na kartě Dotace a čerpání "
            "(Uložit podanou verzi žádosti) a exportujte znovu."
        )
    return dossier.submitted.application


def budget_project_id(list_path: str) -> str | None:
    """ "projects/P2/budget" → "P2"; any other list → None."""
    parts = [p for p in list_path.split("/") if p]
    return parts[1] if len(parts) == 3 and parts[0] == "projects" and parts[2] == "budget" else None


def follow_budget_change(
    dossier: Dossier, list_path: str, new_index: Callable[[int], int | None]
) -> list[int | None] | None:
    """Re-point payments after a budget list changed shape; returns the old line numbers for undo."""
    project_id = budget_project_id(list_path)
    if project_id is None:
        return None
    try:
        grant = dossier.project(project_id).grant
    except KeyError:
        return None
    if grant is None or not grant.payments:
        return None
    before = [payment.line for payment in grant.payments]
    for payment in grant.payments:
        if payment.line is not None:
            payment.line = new_index(payment.line)
    return before


def restore_budget_change(dossier: Dossier, list_path: str, before: list[int | None] | None) -> None:
    if before is None:
        return
    grant = dossier.project(cast(str, budget_project_id(list_path))).grant
    assert grant is not None  # ``before`` was taken from this grant
    for payment, line in zip(grant.payments, before):
        payment.line = line
