"""Review marks follow their budget rows through insert, remove and move, and undo restores them."""

import pytest
from PySide6.QtWidgets import QApplication

from dossier.core.model import BudgetLine
from dossier.formats import native
from dossier.ui.document import Document

NOTE = "převzato z roku 2020 – nezkontrolováno"


@pytest.fixture
def document(sample_2021_path):
    QApplication.instance() or QApplication([])
    doc = Document(native.load(sample_2021_path))
    doc.dossier.review = {
        "projects/P3/budget/1/unit_price": NOTE,
        "projects/P3/budget/3/requested": NOTE,
        "projects/P2/title": NOTE,
        "applicant/statutory_representative": NOTE,
    }
    return doc


def marks(doc):
    return sorted(doc.dossier.review)


def test_insert_shifts_marks_below(document):
    before = marks(document)
    document.insert("projects/P3/budget", 2, BudgetLine(text="Nový"))
    assert "projects/P3/budget/1/unit_price" in document.dossier.review
    assert "projects/P3/budget/4/requested" in document.dossier.review
    document.undo_stack.undo()
    assert marks(document) == before


def test_remove_drops_the_row_mark_and_shifts_the_rest(document):
    before = dict(document.dossier.review)
    document.remove("projects/P3/budget", 1)
    assert "projects/P3/budget/1/unit_price" not in document.dossier.review
    assert "projects/P3/budget/2/requested" in document.dossier.review
    document.undo_stack.undo()
    assert document.dossier.review == before  # same marks, same order


def test_move_carries_the_mark_with_its_row(document):
    document.move("projects/P3/budget", 1, 4)
    assert "projects/P3/budget/4/unit_price" in document.dossier.review
    assert "projects/P3/budget/2/requested" in document.dossier.review
    document.undo_stack.undo()
    assert "projects/P3/budget/1/unit_price" in document.dossier.review
    assert "projects/P3/budget/3/requested" in document.dossier.review


def test_removing_a_project_drops_its_marks_until_undo(document):
    index = [p.id for p in document.dossier.projects].index("P2")
    document.remove("projects", index)
    assert "projects/P2/title" not in document.dossier.review
    assert "applicant/statutory_representative" in document.dossier.review
    document.undo_stack.undo()
    assert "projects/P2/title" in document.dossier.review
