from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.model import BudgetLine, BudgetType, Dossier, Project
from dossier.core.totals import dossier_totals, line_total, project_totals, totals_json


def test_sample_2021_totals_match_the_published_figures(sample_2021):
    totals = dossier_totals(sample_2021)
    assert totals.requested == Decimal(2511000)
    assert totals.total == Decimal(3063000)
    assert totals.own == Decimal(552000)
    assert totals.by_budget_type[BudgetType.NEINV].requested == Decimal(1800000)
    assert totals.by_budget_type[BudgetType.INV].requested == Decimal(711000)
    p1 = totals.projects[0]
    assert (p1.total, p1.eligible, p1.requested, p1.own) == (907000, 812000, 730000, 177000)


def test_totals_equal_the_sums_of_the_lines(sample_2021):
    for project in sample_2021.projects:
        assert project_totals(project).total == sum(line_total(line) for line in project.budget)
        assert project_totals(project).requested == sum(line.requested for line in project.budget)


def test_line_total_rounds_half_up_to_haler():
    line = BudgetLine(quantity=Decimal("0.3333"), unit_price=Decimal("100.05"))
    assert line_total(line) == Decimal("33.35")


def test_rate_is_none_without_eligible_costs():
    project = Project(id="P1", budget=[BudgetLine(unit_price=Decimal(100), eligible=False)])
    assert project_totals(project).rate is None


def test_totals_json_uses_ints_for_whole_crowns(sample_2021):
    data = totals_json(sample_2021)
    assert data["requested"] == 2511000 and isinstance(data["requested"], int)
    assert [p["id"] for p in data["projects"]] == ["P1", "P2", "P3"]


amounts = st.decimals(min_value=0, max_value=Decimal("10000000"), places=2)
lines = st.builds(
    BudgetLine,
    quantity=st.decimals(min_value=0, max_value=1000, places=4),
    unit_price=amounts,
    requested=amounts,
    eligible=st.booleans(),
)
projects = st.lists(st.lists(lines, max_size=8), max_size=6)


@settings(max_examples=60, deadline=None)
@given(projects, st.lists(st.sampled_from(list(BudgetType)), min_size=6, max_size=6))
def test_requested_plus_own_is_total_and_dossier_sums_projects(budgets, types):
    dossier = Dossier(
        year=2021, projects=[Project(id=f"P{i}", budget=b, budget_type=types[i]) for i, b in enumerate(budgets)]
    )
    totals = dossier_totals(dossier)
    for pt in totals.projects:
        assert pt.requested + pt.own == pt.total
    assert totals.total == sum((pt.total for pt in totals.projects), Decimal(0))
    assert totals.requested == sum((pt.requested for pt in totals.projects), Decimal(0))
    assert totals.requested + totals.own == totals.total
    split = totals.by_budget_type
    assert split[BudgetType.NEINV].total + split[BudgetType.INV].total == totals.total
