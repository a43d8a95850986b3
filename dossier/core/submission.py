"""What happens after the dossier is checked: the portal transfer ticks, the council approval,
the signature and the record of the submission by data box.

Only metadata of the submission is kept here; the application itself is typed into the
ministry's portal (RISPF) and sent from there. These fields are reset when the dossier is
rolled forward into a new year (``resources/rules/rollover-policy.json``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .text import clean_text

# The same bounds as model.ShortText/Text; defined here because model.py imports this module.
_ShortText = Annotated[str, AfterValidator(clean_text), Field(max_length=2_000)]
_Text = Annotated[str, AfterValidator(clean_text), Field(max_length=20_000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class CouncilApproval(_Model):
    """The council's resolution approving the application and the city's co-financing."""

    body: _ShortText = ""  # "Rada města", "Zastupitelstvo města"
    resolution: _ShortText = ""  # "usnesení č. 123"
    date: dt.date | None = None


class SubmissionRecord(_Model):
    """The application as sent: by whom is not needed, when and under which numbers is."""

    date: dt.date | None = None
    reference: _ShortText = ""  # reference number the portal or the ministry gave the application
    message_id: _ShortText = ""  # ID of the data-box message


class Submission(_Model):
    #: Portal field ids ticked "přeneseno" on the Podání page (see resources/rules/portal.json).
    portal_done: list[_ShortText] = Field(default_factory=list, max_length=10_000)
    council: CouncilApproval = Field(default_factory=CouncilApproval)
    #: Where the city's co-financing comes from in the city budget (for the council material).
    cofinancing_source: _Text = ""
    #: The generated Žádost is signed by the statutory representative.
    signed: bool = False
    sent: SubmissionRecord = Field(default_factory=SubmissionRecord)

    @property
    def is_submitted(self) -> bool:
        return self.sent.date is not None


#: What every file the app writes is, said once for the exports (issue: working documents, not the application).
WORKING_DOCUMENT_NOTE = (
    "Pracovní dokument a příloha žádosti z aplikace Dossier, nikoli žádost: žádost se vyplňuje "
    "v portálu RISPF, podepisuje ji statutární zástupce a odesílá se datovou schránkou ministerstvu."
)

#: Czech names of the fields, for undo texts, check messages and exports.
SUBMISSION_FIELDS = {
    "portal_done": "Přeneseno do portálu",
    "council": "Schválení radou/zastupitelstvem",
    "council/body": "Orgán města",
    "council/resolution": "Číslo usnesení",
    "council/date": "Datum usnesení",
    "cofinancing_source": "Zdroj spolufinancování v rozpočtu města",
    "signed": "Podepsáno statutárním zástupcem",
    "sent": "Záznam o podání",
    "sent/date": "Datum podání",
    "sent/reference": "Číslo jednací / evidenční číslo žádosti",
    "sent/message_id": "ID datové zprávy",
}


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Whole days from ``today`` to the deadline (0 on the day, negative after it)."""
    return (deadline - today).days


def days_text(deadline: dt.date, today: dt.date) -> str:
    """ "zbývá 12 dní", "dnes je poslední den", "termín uplynul před 3 dny" (Czech plurals)."""
    n = days_left(deadline, today)
    if n == 0:
        return "dnes je poslední den"
    if n > 0:
        if n == 1:
            return "zbývá 1 den"
        return f"zbývají {n} dny" if n < 5 else f"zbývá {n} dní"
    n = -n
    return "termín uplynul včera" if n == 1 else f"termín uplynul před {n} dny"
