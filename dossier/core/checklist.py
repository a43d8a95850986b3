"""The submission checklist: what must be true before the application leaves by data box.

Derived from the rule pack, the portal map and the dossier; only the council approval, the
signature and the submission record are stored (``Dossier.submission``). ``today`` is a
parameter: the days left are the only place where today's date matters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import format_date
from .model import Dossier
from .portal import portal_map
from .rules import RulePack
from .submission import days_left, days_text

#: From how many days before the deadline ``check`` warns about an application not yet sent.
WARN_DAYS = 14


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    detail: str  # Czech: the value, or what is missing
    path: str = ""  # the field to jump to
    citation: str = ""


def checklist(dossier: Dossier, pack: RulePack, today: dt.date) -> list[ChecklistItem]:
    sub = dossier.submission
    deadline = pack.deadline.value
    pmap = portal_map(pack.key)
    items = []
    left = days_left(deadline, today)
    when = f"{format_date(deadline)} – " + ("podáno" if sub.is_submitted else days_text(deadline, today))
    items.append(
        ChecklistItem("deadline", "Termín podání", sub.is_submitted or left >= 0, when, "year", pack.deadline.citation)
    )
    council = sub.council
    approved = bool(council.resolution.strip()) and council.date is not None
    detail = (
        " ".join(
            p
            for p in (council.body, council.resolution, f"ze dne {format_date(council.date)}" if council.date else "")
            if p
        )
        if approved
        else "doplňte číslo a datum usnesení rady nebo zastupitelstva"
    )
    items.append(
        ChecklistItem(
            "council",
            "Schválení žádosti a spolufinancování radou/zastupitelstvem",
            approved,
            detail,
            "submission/council/resolution",
        )
    )
    rep = dossier.applicant.statutory_representative
    signer = ", ".join(p for p in (rep.name, rep.role) if p) or "statutární zástupce (nevyplněn)"
    items.append(
        ChecklistItem(
            "signed", "Žádost z portálu podepsána statutárním zástupcem", sub.signed, signer, "submission/signed"
        )
    )
    box = pmap.ministry_data_box
    items.append(
        ChecklistItem(
            "data_box",
            "Datová schránka ministerstva",
            box.value is not None,
            f"ID {box.value}" + (" (neověřeno – ověřte ve výzvě ročníku)" if box.unverified else "")
            if box.value
            else "ověřte ve výzvě ročníku",
            "",
            box.citation,
        )
    )
    # The year's required attachments (from the pack) and any the office marked required itself.
    done = {a.name for a in dossier.attachments if a.done}
    required = list(
        dict.fromkeys(
            [r.name for r in pack.attachments.value if r.required] + [a.name for a in dossier.attachments if a.required]
        )
    )
    missing = [name for name in required if name not in done]
    if missing:
        detail = f"chybí: {', '.join(missing)}"
    else:
        detail = f"hotovo {len(required)} z {len(required)}" if required else "pravidla ročníku žádné neuvádějí"
    items.append(
        ChecklistItem(
            "attachments", "Povinné přílohy ročníku", not missing, detail, "attachments", pack.attachments.citation
        )
    )
    record = sub.sent
    if sub.is_submitted:
        parts = [f"podáno {format_date(record.date)}"]
        if record.reference:
            parts.append(f"č. j. {record.reference}")
        if record.message_id:
            parts.append(f"ID datové zprávy {record.message_id}")
        detail = ", ".join(parts)
    else:
        detail = "po odeslání zapište datum, číslo jednací a ID datové zprávy"
    items.append(ChecklistItem("sent", "Záznam o podání", sub.is_submitted, detail, "submission/sent/date"))
    return items
