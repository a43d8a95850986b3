"""The editor's recovery copies encode only what changed, and load as the dossier they were taken of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dossier.bench.generate import make_dossier
from dossier.core.grant import freeze
from dossier.formats import native
from dossier.formats.dump_cache import DumpCache
from dossier.formats.rollover import rollover


@pytest.fixture
def encoded(monkeypatch):
    """The keys of the parts pydantic encoded since the last look."""
    seen: list[str] = []
    text = DumpCache._text

    def counting(self, key, value):
        kept = self._kept.get(key)
        if kept is None or kept[0] is not value:
            seen.append(key)
        return text(self, key, value)

    monkeypatch.setattr(DumpCache, "_text", counting)

    def take() -> set[str]:
        keys = set(seen)
        seen.clear()
        return keys

    return take


def _copy(cache: DumpCache, dossier):
    return native.loads(cache.snapshot(dossier).encode())


def test_the_copy_loads_as_the_dossier_and_only_changed_projects_are_encoded_again(sample_2021, encoded):
    cache = DumpCache()
    assert _copy(cache, sample_2021) == sample_2021
    assert sample_2021.submitted is not None  # the sample was submitted: its frozen copy is kept too
    assert encoded() == {p.id for p in sample_2021.projects} | {"/submitted"}

    sample_2021.projects[1].budget[0].text = 'nový text s "uvozovkami"\na zalomením'
    cache.changed("projects/P2/budget/0/text")
    sample_2021.applicant.name = "Město"  # the rest of the dossier is dumped anew every time
    assert _copy(cache, sample_2021) == sample_2021
    assert encoded() == {"P2"}
    assert _copy(cache, sample_2021) == sample_2021 and encoded() == set()

    removed = sample_2021.projects.pop(0)
    sample_2021.projects.append(removed.model_copy(deep=True))  # put back as a new object (undo)
    assert _copy(cache, sample_2021) == sample_2021 and encoded() == {removed.id}
    sample_2021.submitted = freeze(sample_2021, dt.datetime(2021, 3, 1, 10, 0))
    cache.changed("submitted")
    assert _copy(cache, sample_2021) == sample_2021 and encoded() == {"/submitted"}
    sample_2021.submitted = None
    assert _copy(cache, sample_2021) == sample_2021


def test_no_projects_and_the_review_marks_of_a_roll_forward():
    assert _copy(DumpCache(), make_dossier(0, 0)) == make_dossier(0, 0)
    rolled = rollover(make_dossier(3, 20, 2020), 2021).dossier
    assert rolled.review
    copy = _copy(DumpCache(), rolled)
    assert copy == rolled and list(copy.review) == list(rolled.review)


def test_the_snapshot_keeps_what_was_there_when_it_was_taken():
    dossier = make_dossier(2, 5)
    cache = DumpCache()
    dossier.projects[0].budget[0].unit_price = Decimal("777")
    cache.changed("projects/P1/budget/0/unit_price")
    snapshot = cache.snapshot(dossier)  # encoded on the writer's thread meanwhile…
    dossier.projects[0].budget[0].unit_price = Decimal("888")  # …while the editor goes on
    dossier.applicant.name = "Jiné"
    cache.changed("projects/P1/budget/0/unit_price")
    copy = native.loads(snapshot.encode())
    assert copy.projects[0].budget[0].unit_price == Decimal("777") and copy.applicant.name != "Jiné"
    assert _copy(cache, dossier) == dossier


def test_warming_up_encodes_everything_before_the_first_snapshot(encoded):
    dossier = make_dossier(30, 10)
    cache = DumpCache()
    assert not cache.warm(dossier, 0)  # out of time at once
    while not cache.warm(dossier, 0.005):
        pass
    assert len(encoded()) == 30
    assert _copy(cache, dossier) == dossier and encoded() == set()
