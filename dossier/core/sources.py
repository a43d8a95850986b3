"""The public sources behind the rule packs (``resources/rules/sources.json``), cited readably.

A pack names its sources by code ("S9; S4") and may add a short plain-text remark; a
finding shows "Ministerstvo vnitra ČR: Informace o schválení projektů … (2021, mvcr.cz)"
instead, so a user can look the page up without knowing our codes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..resources import resource_path

_CODE = re.compile(r"^S\d+$")


@dataclass(frozen=True)
class Source:
    code: str
    issuer: str
    title: str
    date: str  # "2021", "2020-12" or "2020-12-10"; may be empty
    url: str

    @property
    def host(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")

    def cite(self) -> str:
        when = _czech_date(self.date)
        details = ", ".join(part for part in (when, self.host) if part)
        return f"{self.issuer}: {self.title}" + (f" ({details})" if details else "")


@lru_cache(maxsize=1)
def all_sources() -> dict[str, Source]:
    data = json.loads(resource_path("rules", "sources.json").read_text(encoding="utf-8"))
    return {code: Source(code, **fields) for code, fields in data["sources"].items()}


@lru_cache(maxsize=512)  # the sources never change; the checks cite a rule for every finding
def cite(source: str) -> str:
    """A pack's ``source`` text with every code replaced by the readable citation of its page."""
    known = all_sources()
    parts = [part.strip() for part in source.split(";") if part.strip()]
    return "; ".join(known[part].cite() if part in known else part for part in parts)


def urls(source: str) -> list[str]:
    """The addresses of the pages a ``source`` text names, for a tooltip or a link."""
    known = all_sources()
    return [known[p.strip()].url for p in source.split(";") if p.strip() in known and known[p.strip()].url]


def unknown_codes(source: str) -> list[str]:
    """Codes a pack names that ``sources.json`` lacks (a test keeps this empty)."""
    return [p.strip() for p in source.split(";") if _CODE.match(p.strip()) and p.strip() not in all_sources()]


def _czech_date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}. {int(parts[1])}. {parts[0]}"
    if len(parts) == 2:
        return f"{int(parts[1])}/{parts[0]}"
    return value
