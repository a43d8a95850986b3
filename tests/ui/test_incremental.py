"""Big dossiers stay instant: one edit recomputes one project, a multi-row step is one reset,
checks re-run only for the changed project, review marks of a roll-forward are grouped."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from dossier.bench.generate import make_dossier
from dossier.core import totals
from dossier.core.model import BudgetLine
from dossier.formats.rollover import rollover
from dossier.ui.budget_model import BudgetTableModel
from dossier.ui.check_panel import CheckPanel
from dossier.ui.document import Document
from dossier.ui.grand_total import GrandTotalGroup, GrandTotalLabel
from dossier.ui.navigator import Navigator


def _nav_text(navigator: Navigator, project_id: str) -> str:
    return navigator._items[project_id].text(0)


def test_an_edit_in_one_project_recomputes_only_its_totals(qtbot):
    document = Document(make_dossier(5, 20))
    navigator = Navigator(document)
    qtbot.addWidget(navigator)
    announced = []
    document.projectChanged.connect(announced.append)
    before_p4 = _nav_text(navigator, "P4")
    document.totals_computed = 0
    document.set_value("projects/P2/budget/3/unit_price", Decimal("123456"))
    assert announced == ["P2"]
    assert document.totals_computed == 1, "only P2's totals are computed again"
    total = sum(line.quantity * line.unit_price for line in document.dossier.project("P2").budget)
    assert f"{int(total):,}".replace(",", "\u00a0") in _nav_text(navigator, "P2")
    assert _nav_text(navigator, "P4") == before_p4
    document.project_totals("P2")
    document.project_totals("P4")
    assert document.totals_computed == 1, "the navigator's result is the cached one for everybody"


def test_an_edit_adds_the_projects_up_once_for_every_view(qtbot, monkeypatch):
    document = Document(make_dossier(5, 10))
    views = [GrandTotalLabel(document), GrandTotalGroup(document)]
    for view in views:
        qtbot.addWidget(view)
    combined = []
    combine = totals.combine
    monkeypatch.setattr(totals, "combine", lambda projects: combined.append(1) or combine(projects))
    document.set_value("projects/P2/budget/3/unit_price", Decimal("123456"))
    assert len(combined) == 1, "the status bar and the Žadatel page share one sum"
    shown = document.dossier_totals()
    document.remove("projects", 1)
    assert len(combined) == 2 and len(document.dossier_totals().projects) == 4
    document.undo_stack.undo()  # the project comes back as a new object
    assert len(combined) == 3
    assert document.dossier_totals() == shown == totals.dossier_totals(document.dossier)


def test_a_multi_row_step_is_one_reset_and_one_recomputation(qtbot):
    document = Document(make_dossier(3, 50))
    navigator = Navigator(document)
    qtbot.addWidget(navigator)
    model = BudgetTableModel(document)
    model.set_project("P1")
    resets, announced = [], []
    model.modelReset.connect(lambda: resets.append(1))
    document.projectChanged.connect(announced.append)
    document.totals_computed = 0
    with document.macro("Vložit řádky"):
        for i in range(200):
            document.insert("projects/P1/budget", 50 + i, BudgetLine(text=f"x{i}", quantity=1, unit_price=10))
    assert (len(resets), announced, document.totals_computed) == (1, ["P1"], 1)
    assert model.rowCount() == 250
    document.undo_stack.undo()
    assert (len(resets), announced, document.totals_computed) == (2, ["P1", "P1"], 2)
    assert model.rowCount() == 50

    # Removing many rows, and replacing the whole list at once (what a paste command does).
    with document.macro("Odstranit řádky"):
        for _ in range(30):
            document.remove("projects/P1/budget", 0)
    assert (len(resets), model.rowCount(), document.totals_computed) == (3, 20, 3)
    lines = [BudgetLine(text=f"n{i}", quantity=1, unit_price=1) for i in range(1000)]
    document.set_value("projects/P1/budget", lines)
    assert (len(resets), model.rowCount(), document.totals_computed) == (4, 1000, 4)
    assert _nav_text(navigator, "P1").endswith("1\u00a0000\u00a0Kč")


def test_checks_rerun_only_for_the_changed_project(qtbot):
    document = Document(make_dossier(6, 10))
    panel = CheckPanel(document)
    qtbot.addWidget(panel)
    panel.refresh()
    runs = panel.runner.project_runs
    document.set_value("projects/P3/budget/0/text", "")
    panel.refresh()
    assert panel.runner.project_runs == runs + 1
    assert any(f.code == "LINE_TEXT_MISSING" and f.path == "projects/P3/budget/0/text" for f in panel.findings)

    def rows():
        items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
        # Findings about P5 may name its title; every other row must survive the edit as it was.
        return [item for item in items if not (item.data(0, Qt.ItemDataRole.UserRole) or "").startswith("projects/P5")]

    rows_before = rows()
    document.set_value("projects/P5/title", "Jiný název 2021")
    panel.refresh()
    assert panel.runner.project_runs == runs + 2
    assert rows() == rows_before, "unchanged findings keep their rows (updated, not rebuilt)"


def test_review_marks_of_a_roll_forward_are_grouped_and_jump_to_the_field(qtbot):
    rolled = rollover(make_dossier(3, 40, 2020), 2021).dossier
    marks = len(rolled.review)
    document = Document(rolled)
    panel = CheckPanel(document)
    qtbot.addWidget(panel)
    panel.refresh()
    review = [f for f in panel.findings if f.code == "REVIEW"]
    assert len(review) == marks > 3 * 40 * 3
    groups = panel.group_rows()
    assert len(groups) <= 3 * 4 + 1
    # The 360 review marks fold into the groups; the other rows are the few findings of other kinds.
    others = len([f for f in panel.findings if f.code != "REVIEW"])
    assert panel.tree.topLevelItemCount() <= len(groups) + others + 1 < 60  # + the applicant's group
    budget = next(g for g in groups if g.text(1).endswith("– Rozpočet") and "č. 2" in g.text(1))
    assert budget.text(2).startswith("120 převzatých údajů")
    assert budget.childCount() == 0, "children are made when the group is opened"
    budget.setExpanded(True)
    assert budget.childCount() == 120
    jumped = []
    panel.jumpRequested.connect(jumped.append)
    panel.tree.itemActivated.emit(budget.child(4), 0)
    assert jumped == [budget.child(4).data(0, Qt.ItemDataRole.UserRole)]
    assert jumped[0].startswith("projects/P2/budget/1/")

    # Confirming one mark updates the count in place; the open group shows one field less.
    document.dossier.review.pop(jumped[0])
    document.valueChanged.emit("review/" + jumped[0])
    panel.refresh()
    assert budget in panel.group_rows() and budget.text(2).startswith("119 ")
    assert budget.childCount() == 119


def test_the_budget_model_finds_its_project_after_moves_and_id_changes(qtbot):
    document = Document(make_dossier(4, 3))
    model = BudgetTableModel(document)
    model.set_project("P3")
    assert model.project() is document.dossier.project("P3")
    document.move("projects", 2, 0)
    assert model.project() is document.dossier.project("P3") is document.dossier.projects[0]
    document.move("projects", 0, 3)
    document.set_value("projects/P1/id", "P3")  # the same id earlier in the list: the first one counts
    assert model.project() is document.dossier.project("P3") is document.dossier.projects[0]


def test_an_open_group_keeps_the_users_row_when_its_members_change(qtbot):
    document = Document(rollover(make_dossier(2, 10, 2020), 2021).dossier)
    panel = CheckPanel(document)
    qtbot.addWidget(panel)
    panel.refresh()
    budget = next(g for g in panel.group_rows() if g.text(1).endswith("– Rozpočet"))
    budget.setExpanded(True)
    row = budget.child(6)
    panel.tree.setCurrentItem(row)
    path, first = row.data(0, Qt.ItemDataRole.UserRole), budget.child(0).data(0, Qt.ItemDataRole.UserRole)
    document.dossier.review.pop(first)  # another mark of the group is confirmed
    document.valueChanged.emit("review/" + first)
    panel.refresh()
    current = panel.tree.currentItem()
    assert current is not budget and current.parent() is budget
    assert current.data(0, Qt.ItemDataRole.UserRole) == path
