"""Review marks of a roll-forward are stored compactly; older files still load."""

from __future__ import annotations

import json

import pytest

from dossier.bench.generate import make_dossier
from dossier.core.errors import DossierError
from dossier.formats import native, review_store
from dossier.formats.rollover import rollover


@pytest.fixture(scope="module")
def rolled():
    return rollover(make_dossier(8, 60, 2020), 2021).dossier


def test_roll_forward_grows_the_file_by_at_most_ten_percent(tmp_path):
    last = make_dossier(20, 100, 2020)
    native.save(last, tmp_path / "2020.dossier")
    new = rollover(native.load(tmp_path / "2020.dossier"), 2021).dossier
    assert len(new.review) > 20 * 100 * 3  # every amount of every line is marked
    native.save(new, tmp_path / "2021.dossier")
    before, after = (tmp_path / "2020.dossier").stat().st_size, (tmp_path / "2021.dossier").stat().st_size
    assert after <= before * 1.10
    note_copies = (tmp_path / "2021.dossier").read_text(encoding="utf-8").count("nezkontrolováno")
    assert note_copies < len(new.review) / 20


def test_compact_marks_survive_save_and_load_byte_for_byte(rolled, tmp_path):
    path = tmp_path / "rolled.dossier"
    native.save(rolled, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == native.SCHEMA_VERSION == 3
    budget = [e for e in data["review_rows"] if e["list"] == "projects/P3/budget"]
    assert budget == [
        {
            "list": "projects/P3/budget",
            "rows": "0-59",
            "fields": ["quantity", "unit_price", "requested"],
            "note": rolled.review["projects/P3/budget/0/quantity"],
        }
    ]
    again = native.load(path)
    assert again.review == rolled.review
    assert again == rolled
    native.save(again, tmp_path / "again.dossier")
    assert (tmp_path / "again.dossier").read_bytes() == path.read_bytes()


def test_a_schema_2_file_with_every_mark_spelled_out_still_loads(rolled):
    data = json.loads(native.dumps(rolled))
    assert "review_rows" in data
    old = {**data, "schema_version": 2, "review": dict(rolled.review)}
    del old["review_rows"]
    loaded = native.loads(json.dumps(old, ensure_ascii=False).encode("utf-8"))
    assert loaded.review == rolled.review


def test_gaps_odd_fields_and_single_marks_keep_their_place():
    review = {
        "applicant/population": "a",
        "projects/P1/budget/0/text": "b",
        "projects/P1/budget/2/text": "b",
        "projects/P1/budget/3/text": "b",
        "projects/P1/budget/3/unit": "c",
        "attachments/1/done": "d",
    }
    packed = review_store.pack({"review": review})
    assert packed["review"] == {
        "applicant/population": "a",
        "projects/P1/budget/3/unit": "c",
        "attachments/1/done": "d",
    }
    assert packed["review_rows"] == [{"list": "projects/P1/budget", "rows": "0,2-3", "fields": ["text"], "note": "b"}]
    expected = {**packed["review"], **{k: v for k, v in review.items() if v == "b"}}
    assert review_store.unpack(packed)["review"] == expected


@pytest.mark.parametrize(
    "odd",
    ["projects/P1/budget/03/text", "projects/P1/budget/1000000/text", "projects/P1/budget/4/text\n", "x/٣/text"],
)
def test_marks_that_would_not_come_back_the_same_stay_spelled_out(rolled, odd):
    """A hostile file's odd mark keys survive a save and load; none makes the saved file unreadable."""
    dossier = rolled.model_copy(update={"review": {odd: "n", odd + "x": "n", **rolled.review}})
    again = native.loads(native.dumps(dossier))
    assert again.review == dossier.review
    assert native.dumps(again) == native.dumps(dossier)


@pytest.mark.parametrize("rows", ["0-", "5-2", "a", "3,1", "0-999999999", ""])
def test_broken_row_ranges_are_refused_in_czech(rolled, rows):
    data = json.loads(native.dumps(rolled))
    data["review_rows"][0]["rows"] = rows
    with pytest.raises(DossierError, match="poškozený seznam převzatých údajů"):
        native.loads(json.dumps(data).encode("utf-8"), "Soubor „x.dossier“")


def test_a_foreign_entry_in_review_rows_is_refused(rolled):
    data = json.loads(native.dumps(rolled))
    data["review_rows"][0]["fields"] = ["a/b"]
    with pytest.raises(DossierError, match="review_rows"):
        native.loads(json.dumps(data).encode("utf-8"))
