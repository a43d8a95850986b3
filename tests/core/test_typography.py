"""Czech typography: one-letter words and amounts are tied to what follows with a NBSP."""

from __future__ import annotations

import pytest

from dossier.core.typography import NBSP, tie_amounts, tie_short_words, typeset


@pytest.mark.parametrize("word", list("vszkouaiVSZKOUAI"))
def test_every_one_letter_word_is_tied(word):
    assert tie_short_words(f"slovo {word} další") == f"slovo {word}{NBSP}další"


def test_consecutive_one_letter_words_and_start_of_text():
    assert tie_short_words("V Plzni a v okolí") == f"V{NBSP}Plzni a{NBSP}v{NBSP}okolí"


def test_letters_inside_words_and_abbreviations_are_left_alone():
    assert tie_short_words("firma s. r. o. má dům") == "firma s. r. o. má dům"
    assert tie_short_words("ú x konec v") == "ú x konec v"  # ú, x are no prepositions; nothing follows the v


def test_amounts_never_wrap():
    assert tie_amounts("celkem 1 234 567 Kč a 15 %") == f"celkem 1{NBSP}234{NBSP}567{NBSP}Kč a 15{NBSP}%"
    assert tie_amounts("rok 2021 a 12 osob") == "rok 2021 a 12 osob"  # not an amount: no grouping


def test_typeset_is_idempotent():
    once = typeset("Projekt v Plzni s rozpočtem 100 000 000 Kč a i další")
    assert typeset(once) == once
    assert " v " not in once and "Kč" in once
