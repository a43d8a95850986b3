"""Czech dates and the years that appear in titles and periods."""

from __future__ import annotations

import datetime as dt
import re

# A year standing alone ("2021") or a range ("2018–2020", "2016-2020"), not part of a longer number.
YEAR_OR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[–—-]\s*((?:19|20)\d{2}))?(?!\d)")


NBSP = "\u00a0"


def format_date(value: dt.date | None) -> str:
    """ "15. 2. 2021" as Czech documents print it (non-breaking spaces keep it on one line); "" for none."""
    return f"{value.day}.{NBSP}{value.month}.{NBSP}{value.year}" if value else ""


def format_moment(value: dt.datetime, *, seconds: bool = False) -> str:
    """ "15. 6. 2021 v 10:00", the way Czech messages name a moment."""
    return f"{format_date(value)} v {value:%H:%M:%S}" if seconds else f"{format_date(value)} v {value:%H:%M}"


def format_period(start: dt.date | None, end: dt.date | None, empty: str = "") -> str:
    """ "1. 1. 2021 – 31. 12. 2021"; one-sided periods read "od …" or "do …"."""
    if start and end:
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return f"od {format_date(start)}"
    if end:
        return f"do {format_date(end)}"
    return empty


def year_spans(text: str) -> list[tuple[int, int]]:
    """Every year or year range in a text as (first, last): "APK 2018–2020" → [(2018, 2020)]."""
    spans = []
    for match in YEAR_OR_RANGE.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        spans.append((first, last))
    return spans
