"""The project-kind registry: every kind has every piece it needs (labels, section, form page,
printed block, checks, roll-forward rules), and nothing kind-specific is left outside it."""

from __future__ import annotations

import typing

import pytest

from dossier.core import kinds, labels, paths
from dossier.core.kinds import KindBlock, KindSpec
from dossier.core.model import BudgetType, Dossier, Model, Project, ProjectKind
from dossier.core.rollover.policy import covers, field_patterns, load_policy

SPECS = kinds.all_kinds()


def _section_fields_of_model() -> set[str]:
    """Fields of ``Project`` that hold a kind's section (their model is named ``…Section``)."""
    out = set()
    for name, info in Project.model_fields.items():
        for arg in typing.get_args(info.annotation) or (info.annotation,):
            if isinstance(arg, type) and issubclass(arg, Model) and arg.__name__.endswith("Section"):
                out.add(name)
    return out


def _model_fields(model: type[Model]) -> set[str]:
    """Field names of a section and of the items of its lists."""
    out = set()
    for name, info in model.model_fields.items():
        out.add(name)
        for arg in typing.get_args(info.annotation):
            if isinstance(arg, type) and issubclass(arg, Model):
                out |= _model_fields(arg)
    return out


def test_every_kind_of_the_file_format_has_a_module():
    assert set(kinds.REGISTRY) == set(ProjectKind)
    assert all(key == spec.kind for key, spec in kinds.REGISTRY.items())


def test_every_section_of_the_model_belongs_to_a_kind():
    assert kinds.section_fields() == _section_fields_of_model()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_kind_has_every_piece(spec: KindSpec):
    from dossier.ui.kind_forms import FORMS

    assert spec.label.strip() and spec.short.strip()
    assert labels.PROJECT_KINDS[spec.kind] == spec.label
    assert labels.PROJECT_KINDS_SHORT[spec.kind] == spec.short
    assert isinstance(spec.default_budget_type, BudgetType)
    if not spec.section:
        assert spec.section_model is None and spec.kind not in FORMS, "a kind without a section has no form page"
        return
    missing = [
        piece
        for piece, present in (
            ("section model", spec.section_model is not None),
            ("tab title", bool(spec.tab_title.strip())),
            ("printed block", spec.block is not None),
            ("checks", bool(spec.project_checks or spec.dossier_checks)),
            ("roll-forward rules", bool(spec.rollover_rules)),
            ("form page (ui/kind_forms.py)", spec.kind in FORMS),
        )
        if not present
    ]
    assert not missing, f"{spec.kind.value} lacks: {', '.join(missing)}"
    # The section's field on Project holds the section model the kind names.
    assert spec.section_model in typing.get_args(Project.model_fields[spec.section].annotation)
    # Every field of the section has a Czech label (undo texts, check places).
    unlabelled = _model_fields(spec.section_model) - set(spec.field_labels)
    assert not unlabelled, f"{spec.kind.value}: no Czech label for {sorted(unlabelled)}"
    # The roll-forward rules speak about every field of the section.
    rules = [r.path for r in load_policy().rules]
    fields = [f for f in field_patterns() if f.startswith(f"projects/*/{spec.section}")]
    assert fields and all(any(covers(r, f) for r in rules) for f in fields)
    # The block prints an empty section without failing.
    project = Project(id="P1", kind=spec.kind, **{spec.section: spec.new_section()})
    assert isinstance(spec.block_of(project), KindBlock)
    assert spec.heading.strip()


@pytest.mark.parametrize("spec", [s for s in SPECS if s.section], ids=lambda s: s.kind.value)
def test_new_project_of_a_kind_has_its_section_and_budget_type(spec: KindSpec):
    dossier = Dossier(year=2021)
    project = kinds.new_project(dossier, spec.kind)
    assert project.budget_type == spec.default_budget_type
    assert isinstance(spec.section_of(project), spec.section_model)
    assert project.title.startswith(spec.short)


def test_section_paths_read_in_czech():
    # The kind's own label for the field, after its section: "Kamerový systém – Počet kamer".
    assert paths.label("projects/P1/apk/staff/0/months") == "Asistenti prevence kriminality – Počet měsíců"
    assert paths.label("projects/P1/mkds/camera_points/2/location").endswith(" – Umístění kamerového bodu")
    assert paths.label("projects/P1/domovnik/buildings/0/owned_by_municipality").endswith(" – Dům ve vlastnictví obce")


def test_kind_checks_run_only_for_their_kind():
    from dossier.core.checks import run_checks

    dossier = Dossier(
        year=2021, projects=[Project(id="P1", kind=ProjectKind.MKDS), Project(id="P2", kind=ProjectKind.VZDELAVANI)]
    )
    codes = {(f.code, paths.project_id_of(f.path)) for f in run_checks(dossier)}
    assert ("MKDS_NO_POINTS", "P1") in codes
    assert not any(code.startswith("MKDS_") and pid == "P2" for code, pid in codes)
