"""The programme year's deadlines as an iCalendar file (RFC 5545) for the office's calendar.

Written by hand (a few lines of text) rather than with a library: CRLF line ends, lines
folded at 75 octets without splitting a UTF-8 character, text escaped. Each event names its
source; the deadline carries reminders a week and a day before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from ..core.model import Dossier
from ..core.portal import Deadline, year_deadlines
from ..core.rules import rules_for
from .atomic import atomic_write_bytes

PRODID = "-//Dossier//Program prevence kriminality//CS"
NOTICE = (
    "Pracovní kalendář z aplikace Dossier – termíny převzaté z pravidel ročníku; "
    "ověřte je ve výzvě a Zásadách. Nejde o žádost o dotaci."
)


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces joined by CRLF + space (RFC 5545 §3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _uid(dossier: Dossier, event: Deadline) -> str:
    digest = hashlib.sha1(f"{dossier.applicant.ico}|{dossier.program_key}|{event.title}".encode()).hexdigest()[:16]
    return f"{digest}@dossier"


def _event(dossier: Dossier, event: Deadline, stamp: str) -> list[str]:
    end = (event.end or event.start) + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
    description = "\n".join(p for p in (event.note, f"Zdroj: {event.citation}", NOTICE) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(dossier, event)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
        f"DTEND;VALUE=DATE:{_date(end)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.end is None:
        for before in ("P7D", "P1D"):
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape(event.title)}",
                f"TRIGGER:-{before}",
                "END:VALARM",
            ]
    lines.append("END:VEVENT")
    return lines


def calendar_text(dossier: Dossier) -> str:
    pack = rules_for(dossier.year, dossier.round).pack
    # DTSTAMP from the dossier, so the same dossier gives the same file on any day.
    when = dossier.metadata.modified or dossier.metadata.created or dt.datetime(pack.year, 1, 1)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    name = f"{dossier.applicant.name or 'Žadatel'} – {pack.title}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape(name)}"]
    for event in year_deadlines(pack):
        lines += _event(dossier, event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def export_ics(dossier: Dossier, path: Path) -> None:
    """Write the calendar atomically; raises ``DossierError`` in Czech."""
    atomic_write_bytes(Path(path), calendar_text(dossier).encode("utf-8"), keep_backup=False)
