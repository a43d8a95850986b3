"""``clean_text`` returns clean text untouched and cleans everything else as the plain recipe does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.text import clean_text

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _reference(value: str) -> str:
    return _INVALID.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


@given(st.text(st.characters(codec=None, exclude_categories=[]), max_size=40))
def test_cleans_as_the_plain_recipe(value: str) -> None:
    assert clean_text(value) == _reference(value)


@given(st.text(st.sampled_from("a č\n\t\r\x00\x0b\x1f\u00a0\u2028\ud800\udfff\ufffe\uffff\ufeff\x7f\x85"), max_size=30))
def test_cleans_control_and_odd_characters_as_the_plain_recipe(value: str) -> None:
    assert clean_text(value) == _reference(value)


@pytest.mark.parametrize("value", ["", "Plzeň", "řádek 1\nřádek 2\tdál", "1\u00a0234\u00a0Kč", "\x7f\x85"])
def test_clean_text_comes_back_as_the_same_object(value: str) -> None:
    assert clean_text(value) is value


@pytest.mark.parametrize(
    ("value", "expected"), [("a\r\nb\rc", "a\nb\nc"), ("x\x00y\x0b\x0cz", "xyz"), ("\ud800\ufffe\uffff", "")]
)
def test_dirty_text_is_cleaned(value: str, expected: str) -> None:
    assert clean_text(value) == expected


def test_model_text_limit_counts_the_cleaned_text() -> None:
    """One validator cleans and measures: a text over the limit only by its ``\\r`` still fits."""
    from pydantic import ValidationError

    from dossier.core.model import Person

    assert Person(name="x" * 1999 + "\r\n").name == "x" * 1999 + "\n"
    with pytest.raises(ValidationError) as caught:
        Person(name="x" * 2000 + "\r\n")
    (error,) = caught.value.errors(include_url=False)
    assert error["type"] == "too_long"
    assert error["ctx"] == {"field_type": "Value", "max_length": 2000, "actual_length": 2001}


def test_model_text_limit_stays_in_the_json_schema() -> None:
    from dossier.core.model import Person

    assert Person.model_json_schema()["properties"]["name"] == {
        "default": "",
        "maxLength": 2000,
        "title": "Name",
        "type": "string",
    }
