"""Text measurement for row heights: neither Excel nor LibreOffice fits a row to wrapped text
when opening a generated workbook, so we size rows ourselves.

Advance widths are Calibri's (identical in Carlito, its metric twin), in thousandths of an em.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

_GROUPS = {
    221: "'",
    226: " ",
    229: "il",
    239: "j",
    250: ",.",
    252: "I",
    268: ":;",
    303: "()[]",
    305: "f",
    306: "-",
    319: "J",
    326: "!",
    335: "t",
    349: "r",
    386: "/",
    391: "s",
    395: "z",
    401: '"',
    420: "L",
    423: "c",
    433: "x",
    452: "v",
    453: "y",
    455: "k",
    459: "FS",
    463: "?",
    468: "Z",
    471: "g",
    479: "a",
    487: "TY",
    488: "E",
    498: "e–",
    507: "0123456789+=<>*#$_",
    517: "P",
    519: "X",
    520: "K",
    525: "bdhnpqu",
    527: "o",
    533: "C",
    543: "R",
    544: "B",
    567: "V",
    579: "A",
    615: "D",
    623: "H",
    631: "G",
    642: "U",
    646: "N",
    662: "O",
    673: "Q",
    682: "&",
    715: "w%",
    799: "m",
    855: "M",
    890: "W",
}
_WIDTHS = {char: width for width, chars in _GROUPS.items() for char in chars}
_UNKNOWN = 550
_WIDE = 1000  # CJK, emoji and other full-width symbols


@cache
def _char_width(char: str) -> int:
    width = _WIDTHS.get(char)
    if width is None:
        base = unicodedata.normalize("NFD", char)[0]  # "ř" measures as "r"
        width = _WIDTHS.get(base)
    if width is None:
        width = _WIDE if unicodedata.east_asian_width(char) in "WF" else _UNKNOWN
    return width


def text_points(text: str, size: float) -> float:
    return sum(map(_char_width, text)) * size / 1000


def column_points(width_chars: float) -> float:
    """Usable text width of a column: Excel's pixel rule at 96 dpi, less the cell padding."""
    return (int(width_chars * 7 + 5)) * 0.75 - 4


@lru_cache(maxsize=4096)  # category names and units repeat on every line
def lines_needed(text: str, width_chars: float, *, size: float = 10, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a column ``width_chars`` wide."""
    room = column_points(width_chars) / (1.05 if bold else 1.0)
    space = text_points(" ", size)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if text_points(paragraph, size) <= room:
            continue
        used = 0.0
        for word in paragraph.split():
            need = text_points(word, size)
            if used and used + space + need <= room:
                used += space + need
                continue
            if used:
                lines += 1
            while need > room:  # a word wider than the column breaks inside
                lines += 1
                need -= room
            used = need
    return lines
