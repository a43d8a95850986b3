"""Czech typesetting rules for printed text (pure functions, no Qt, no docx).

Czech typography forbids a line ending with a one-letter preposition or conjunction
("v", "s", "z", "k", "o", "u", "a", "i") and splitting an amount ("1 234 567 Kč") over two
lines. Both are fixed by replacing the ordinary space with a non-breaking one (U+00A0);
Word, LibreOffice and Qt all honour it.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# A one-letter word (not the end of a longer word or number)
# followed by ordinary spaces or tabs: "v Plzni", "(a dále", "– i když".
_ONE_LETTER = re.compile(r"(?<!\w)([vszkouaiVSZKOUAI]) +(?=\S)")
# Digit groups of an amount typed with plain spaces: "1 234 567", and the currency after a number.
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_CURRENCY = re.compile(r"(?<=\d) +(?=(?:Kč|CZK|%)(?!\w))")


def tie_short_words(text: str) -> str:
    """Non-breaking space after every one-letter Czech preposition or conjunction."""
    # Repeat: "a v Plzni" has two overlapping matches the single pass would skip.
    previous = None
    while previous != text:
        previous, text = text, _ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)
    return text


def tie_amounts(text: str) -> str:
    """Amounts never wrap: NBSP between digit groups and between the number and "Kč"/"%"."""
    return _CURRENCY.sub(NBSP, _DIGIT_GROUPS.sub(NBSP, text))


def typeset(text: str) -> str:
    """Both rules; safe to apply twice (idempotent) and to any text, including empty."""
    if not text or " " not in text:
        return text
    return tie_amounts(tie_short_words(text))
