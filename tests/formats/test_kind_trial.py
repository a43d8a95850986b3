"""A trial kind added through its module and one registry entry shows up in the labels, the
checks, the new-project defaults, the roll-forward and the Word, PDF-source and Excel exports."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from dossier.core import kinds, labels
from dossier.core.checks import run_checks
from dossier.core.model import BudgetType, Dossier, ProjectKind
from dossier.core.rollover.policy import load_policy
from dossier.core.rules import rules_for
from dossier.formats.docx_export import export_docx
from dossier.formats.print_document import project_section
from dossier.formats.rollover import rollover
from dossier.formats.xlsx_export import export_xlsx
from tests.helpers import trial_kind

KIND = ProjectKind.FORENZNI_ZNACENI


@pytest.fixture
def trial(monkeypatch):
    """The one line a new kind adds to ``core/kinds/__init__.py``."""
    monkeypatch.setitem(kinds.REGISTRY, KIND, trial_kind.KIND)


@pytest.fixture
def dossier(trial) -> Dossier:
    d = Dossier(year=2021)
    project = kinds.new_project(d, KIND)
    project.locality = "Nádraží\nRadnice\nKoupaliště"
    d.projects.append(project)
    d.projects.append(kinds.new_project(d, KIND))  # a second one without places
    return d


def test_trial_kind_in_labels_and_new_projects(dossier):
    assert labels.PROJECT_KINDS[KIND] == trial_kind.LABEL
    assert dossier.projects[0].title == "Zkušební 2021"
    assert dossier.projects[0].budget_type == BudgetType.INV


def test_trial_kind_checks(dossier):
    flagged = [f.path for f in run_checks(dossier) if f.code == "TRIAL_NO_PLACES"]
    assert flagged == ["projects/P2/locality"]


def test_trial_kind_rollover_rules(dossier):
    assert any(r.reason == "místa značení se mění" for r in load_policy().rules)
    new = rollover(dossier, 2022).dossier
    assert "projects/P1/locality" in new.review


def test_trial_kind_in_word(dossier, tmp_path):
    out = tmp_path / "trial.docx"
    export_docx(dossier, out)
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Značení jízdních kol" in paragraphs and trial_kind.MARKED in paragraphs
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Počet označených míst", "3", "Radnice", trial_kind.LABEL} <= cells


def test_trial_kind_in_the_printed_document(dossier):
    html = project_section(dossier.projects[0], rules_for(2021).pack)
    assert "Značení jízdních kol" in html and "Koupaliště" in html


def test_trial_kind_in_excel(dossier, tmp_path):
    out = tmp_path / "trial.xlsx"
    export_xlsx(dossier, out)
    book = openpyxl.load_workbook(out)
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("P1"))
    values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"Počet označených míst", "3", trial_kind.LABEL} <= values


def test_without_the_trial_the_kind_is_plain_again():
    assert labels.PROJECT_KINDS[KIND] == "Forenzní značení"
    assert kinds.spec_of(KIND).block is None
