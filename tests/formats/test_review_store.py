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


def _reference_pack(review: dict[str, str]) -> tuple[dict[str, str], list[dict]]:
    """What ``pack`` does, spelled out plainly: (marks left in ``review``, ``review_rows``)."""
    import re

    rows: dict[tuple[str, str], dict[int, list[tuple[str, str]]]] = {}
    for path, note in review.items():
        row_path, _, field = path.rpartition("/")
        list_path, _, row = row_path.rpartition("/")
        if (
            field.isascii()
            and field.isidentifier()
            and list_path
            and re.fullmatch(r"0|[1-9][0-9]*", row)
            and int(row) < review_store.MAX_ROW
        ):
            rows.setdefault((list_path, note), {}).setdefault(int(row), []).append((field, path))
    grouped, packed = [], set()
    for (list_path, note), by_row in rows.items():
        by_fields: dict[tuple[str, ...], list[int]] = {}
        for row, marks in by_row.items():
            by_fields.setdefault(tuple(field for field, _ in marks), []).append(row)
        for names, row_list in by_fields.items():
            if len(names) * len(row_list) >= 2 and row_list == sorted(row_list):
                grouped.append(
                    {
                        "list": list_path,
                        "rows": review_store._format_rows(row_list),
                        "fields": list(names),
                        "note": note,
                    }
                )
                packed.update(path for row in row_list for _, path in by_row[row])
    return {path: note for path, note in review.items() if path not in packed}, grouped


def test_packing_matches_its_plain_spelling_on_random_marks():
    import random

    rng = random.Random(14)
    lists = ["projects/P1/budget", "projects/P2/budget", "attachments", "", "a//b"]
    rows = ["0", "1", "2", "3", "03", "10", "x", "", "999999", "1000000", "٣"]
    fields = ["quantity", "unit_price", "text", "1x", "te xt", "text\n", "pole", ""]
    for _ in range(3000):
        review = {}
        for _ in range(rng.randrange(0, 25)):
            if rng.random() < 0.1:
                path = rng.choice(["applicant/population", "projects/P1/title", "review", "x/"])
            else:
                path = f"{rng.choice(lists)}/{rng.choice(rows)}/{rng.choice(fields)}"
            review[path] = rng.choice(["n", "m"])
        packed = review_store.pack({"review": review})
        expected_review, expected_rows = _reference_pack(review)
        assert packed["review"] == expected_review and list(packed["review"]) == list(expected_review)
        assert packed.get("review_rows", []) == expected_rows
        assert review_store.unpack(packed)["review"] == review if expected_rows else packed["review"] == review


def test_the_dump_takes_the_marks_as_the_model_would_dump_them(rolled):
    for dossier in (rolled, make_dossier(2, 3, 2020)):
        dumped = review_store.dump(dossier)
        expected = review_store.pack(dossier.model_dump(mode="json"))
        assert dumped == expected and list(dumped) == list(expected)


def test_packing_matches_its_plain_spelling_on_runs_of_rows():
    """Rows that repeat the marks of the row before (packed a block at a time), broken in every way."""
    import random

    rng = random.Random(2021)
    for _ in range(1500):
        marks: list[tuple[str, str]] = []
        for _ in range(rng.randrange(1, 5)):
            list_path = rng.choice(["projects/P1/budget", "projects/P2/budget", "a"])
            fields = rng.sample(["quantity", "unit_price", "requested", "text"], rng.randrange(1, 4))
            first = rng.choice([0, 0, 5, 999_990])
            note = rng.choice(["n", "m"])
            for row in range(first, first + rng.randrange(1, 40)):
                marks += [(f"{list_path}/{row}/{field}", note) for field in fields]
        for _ in range(rng.randrange(0, 4)):  # a mark left out, another note, an odd mark, a swap
            if not marks:
                break
            at = rng.randrange(len(marks))
            change = rng.randrange(4)
            if change == 0:
                del marks[at]
            elif change == 1:
                marks[at] = (marks[at][0], "other")
            elif change == 2:
                marks.insert(at, (rng.choice(["projects/P1/budget/7/te xt", "x", "projects/P1/budget/07/a"]), "n"))
            else:
                other = rng.randrange(len(marks))
                marks[at], marks[other] = marks[other], marks[at]
        review = dict(marks)
        packed = review_store.pack({"review": review})
        expected_review, expected_rows = _reference_pack(review)
        assert packed["review"] == expected_review and list(packed["review"]) == list(expected_review)
        assert packed.get("review_rows", []) == expected_rows
