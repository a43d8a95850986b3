"""The Úpravy menu names every field in Czech: an edit of any field of the model gives an undo
entry "Úprava: <Czech label>" (never "Úprava: done" or a section's name for all its fields)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum

import pytest
from PySide6.QtWidgets import QApplication

from dossier.core import paths
from dossier.core.model import Dossier
from dossier.formats import native
from dossier.ui.document import Document
from tests.helpers.model_paths import filled, instance_paths, leaf_paths

#: Words that are both a model field name and a Czech word used in labels.
CZECH_TOO = {"kraj", "mentor", "data"}


def _identifier_words() -> set[str]:
    """Every word of the model's field names ("camera", "done", "monthly"…)."""
    words: set[str] = set()
    for path in leaf_paths():
        for part in paths.split(path):
            words.update(w for w in part.split("_") if len(w) > 2 and not w.isdigit())
    return words - CZECH_TOO


def _candidates(value):
    """Values to try that differ from ``value`` (the first the field accepts is used)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, Enum):
        return [m for m in type(value) if m != value]
    if isinstance(value, Decimal | int):
        return [value + 1, value - 1]
    if isinstance(value, dt.datetime):
        return [value + dt.timedelta(days=1)]
    if isinstance(value, dt.date):
        return [value + dt.timedelta(days=1), value - dt.timedelta(days=1)]
    if isinstance(value, str):
        return [value + "x", "12345678", "Nová hodnota", "1"]
    if isinstance(value, list):
        return [[*value, "Nová položka"], [*value, 2020]]
    if isinstance(value, dict):
        return [{**value, "applicant/name": "Nová poznámka"}]
    return [1, Decimal("1"), dt.date(2021, 5, 1), True, "Nová hodnota", "12345678"]  # None: the type is not known


@pytest.fixture
def document(sample_2021_path):
    QApplication.instance() or QApplication([])
    return Document(filled(native.load(sample_2021_path)))


def _edit(document: Document, path: str) -> bool:
    for value in _candidates(document.get(path)):
        try:
            document.set_value(path, value)
        except ValueError:
            continue
        return True
    return False


def test_every_field_edit_has_a_czech_undo_text(document):
    assert isinstance(document.dossier, Dossier)
    words = _identifier_words()
    stack = document.undo_stack
    edited, refused, english = 0, [], {}
    for path in instance_paths(document.dossier):
        if re.fullmatch(r"projects/[^/]+/id", path):
            continue  # a project's id moves its paths; the editor never edits it as a field
        before = stack.index()
        if not _edit(document, path):
            refused.append(path)
            continue
        assert stack.index() == before + 1, f"no undo entry for {path}"
        text = stack.undoText()
        assert text == f"Úprava: {paths.label(path)}", (path, text)
        stack.undo()  # back to the sample (an edited project id would move the other paths)
        leaked = set(re.findall(r"\w+", text.lower())) & words  # whole words: "Personální" is not "person"
        if leaked or "_" in text:
            english[path] = text
        edited += 1
    assert not english, f"undo texts with English field names: {english}"
    assert not refused, f"no test value fits these fields: {refused}"
    assert edited > 300  # a filled sample: every field of every project and list item
