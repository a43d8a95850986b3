"""Every field path of the model has a Czech label (messages, undo texts, review tooltips)."""

from __future__ import annotations

import re
from collections import defaultdict

from dossier.core import paths
from tests.helpers.model_paths import leaf_paths

#: Fields the walk must reach: if it found nothing, the checks below would pass vacuously.
EXPECTED = {
    "year",
    "applicant/statutory_representative/phone",
    "applicant/security_analysis/crime_rates/0/per_10k",
    "projects/P1/mkds/camera_points/0/cameras",
    "projects/P1/apk/staff/0/fte",
    "projects/P1/budget/0/unit_price",
    "projects/P1/grant/payments/0/date",
    "projects/P1/grant/award/amount",
    "submission/sent/date",
    "attachments/0/done",
    "metadata/app_version",
    "submitted/frozen_at",
}


def _english(label: str, path: str) -> bool:
    """A label that is really an identifier: a path segment, snake_case, or empty."""
    return not label.strip() or "_" in label or label in paths.split(path) or bool(re.fullmatch(r"[a-z0-9]+", label))


def test_the_walk_reaches_every_part_of_the_model():
    found = set(leaf_paths())
    assert found >= EXPECTED, EXPECTED - found
    assert len(found) > 120


def test_every_leaf_path_has_a_czech_label():
    english = {path: paths.label(path) for path in leaf_paths() if _english(paths.label(path), path)}
    assert not english, f"fields without a Czech label: {english}"


def test_fields_of_one_section_have_different_labels():
    # "Úprava: Kamerový systém" for every camera field did not say which field changed.
    by_parent: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in leaf_paths():
        by_parent[path.rsplit("/", 1)[0] if "/" in path else ""][paths.label(path)].append(path)
    shared = {label: group for fields in by_parent.values() for label, group in fields.items() if len(group) > 1}
    assert not shared, f"one label for several fields: {shared}"


def test_a_list_item_is_named_by_its_list():
    assert paths.label("projects/P1/apk/localities/2") == paths.label("projects/P1/apk/localities")
    assert paths.label("projects/P1/apk/localities") == "Asistenti prevence kriminality – Lokality působení"


def test_the_submitted_copy_is_labelled_as_such():
    assert paths.label("submitted/application/projects/P1/title") == "Podaná verze žádosti – Název projektu"


def test_no_label_names_its_section_twice():
    # "Konference – Konference – zahájení": the field's own label already named the section.
    doubled = {}
    for path in leaf_paths():
        label = paths.label(path)
        words = label.split(" – ")
        if len(words) != len(set(words)):
            doubled[path] = label
    assert not doubled
