"""Comparing dossiers: pairing of projects and budget lines, deltas from the one totals module."""

import copy
from decimal import Decimal

from dossier.core.compare import compare
from dossier.core.totals import dossier_totals
from dossier.formats.rollover import rollover


def test_rolled_forward_dossier_pairs_every_project_by_id(sample_2020):
    new = rollover(sample_2020, 2021).dossier
    result = compare(sample_2020, new)
    assert result.added == [] and result.dropped == []
    assert {p.matched_by for p in result.kept} == {"označení"}
    assert all(d.status == "same" for p in result.kept for d in p.lines)


def test_deltas_follow_a_changed_line_and_a_removed_project(sample_2021):
    new = copy.deepcopy(sample_2021)
    line = new.project("P2").budget[0]
    line.unit_price += Decimal(1000)
    new.projects = [p for p in new.projects if p.id != "P1"]
    result = compare(sample_2021, new)
    assert [p.title for p in result.dropped] == [sample_2021.project("P1").title]
    kept = next(p for p in result.kept if p.new.id == "P2")
    changed = [d for d in kept.lines if d.status == "changed"]
    assert len(changed) == 1 and changed[0].total.change == line.quantity * Decimal(1000)
    assert result.totals.total.old == dossier_totals(sample_2021).total
    assert result.totals.total.new == dossier_totals(new).total


def test_same_dossier_has_no_changes(sample_2021):
    result = compare(sample_2021, sample_2021)
    assert result.applicant == [] and all(p.texts == [] for p in result.projects)
    assert result.totals.status == "same"
