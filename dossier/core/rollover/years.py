"""Moving years forward in short texts and dates, without touching years that describe the past.

A standalone year ("Senior akademie 2020") is the programme year and moves. A range
("2018–2020", "2019/2020") describes a period; it is only collapsed when the caller knows
the period is over (a multi-year project converted to a one-year one), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

# "2018–2020", "2018 - 2020", "2019/2020", "2019/20": a period, not the programme year.
_RANGE = re.compile(r"(?<![\d/])(\d{4})(?:\s*[–—-]\s*(\d{4})|/(\d{4}|\d{2}))(?![\d/])")
# A four-digit year not glued to other digits or to "/" ("12/2020" is a month, not a title year).
_STANDALONE = r"(?<![\d/]){year}(?![\d/])"
_FOUR_DIGITS = re.compile(r"\d{4}")


def _ranges(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first year, last year) of every year range in ``text``."""
    spans = []
    for m in _RANGE.finditer(text):
        first = int(m.group(1))
        last_text = m.group(2) or m.group(3)
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        spans.append((m.start(), m.end(), first, last))
    return spans


def bump_year(text: str, old_year: int, new_year: int) -> str:
    """Replace the standalone ``old_year`` with ``new_year``; ranges stay as they are."""
    if old_year == new_year or str(old_year) not in text:
        return text
    ranges = _ranges(text)
    pattern = re.compile(_STANDALONE.format(year=old_year))

    def replace(m: re.Match[str]) -> str:
        inside = any(start <= m.start() < end for start, end, _, _ in ranges)
        return m.group(0) if inside else str(new_year)

    return pattern.sub(replace, text)


def collapse_range(text: str, old_year: int, new_year: int) -> str:
    """Replace every range that contains ``old_year`` by ``new_year`` ("APK 2018–2020" → "APK 2021")."""
    out, pos = [], 0
    for start, end, first, last in _ranges(text):
        if first <= old_year <= last:
            out.append(text[pos:start])
            out.append(str(new_year))
            pos = end
    out.append(text[pos:])
    return "".join(out)


def names_past_year(text: str, old_year: int, new_year: int) -> bool:
    """True when the text still names ``old_year`` as something current: on its own, or in a range
    that does not reach ``new_year`` (a running period such as "2020–2022" in 2021 is fine)."""
    if not _FOUR_DIGITS.search(text):
        return False  # most budget lines: no year, no range
    ranges = _ranges(text)
    for m in re.finditer(rf"(?<!\d){old_year}(?!\d)", text):
        if not any(start <= m.start() < end for start, end, _, _ in ranges):
            return True
    return any(first <= old_year <= last and not first <= new_year <= last for _, _, first, last in ranges)


def shift_date(value: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)
