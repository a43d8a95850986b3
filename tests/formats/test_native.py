import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.errors import DossierError
from dossier.core.model import BudgetLine, Dossier, Project
from dossier.formats import native

DATA = __import__("pathlib").Path(__file__).resolve().parent.parent / "data"


def test_load_save_load_gives_equal_model_and_identical_bytes(sample_2021_path, tmp_path):
    first = native.load(sample_2021_path)
    out = tmp_path / "kopie.dossier"
    native.save(first, out)
    second = native.load(out)
    assert second == first
    assert out.read_bytes() == sample_2021_path.read_bytes()
    native.save(second, out)
    assert out.read_bytes() == sample_2021_path.read_bytes()


def test_file_is_pretty_utf8_json_with_marker_and_lf_line_ends(sample_2021_path):
    raw = sample_2021_path.read_bytes()
    assert b"\r\n" not in raw
    text = raw.decode("utf-8")
    assert "Národní dny prevence 2021" in text  # not \u-escaped: diffs well
    data = json.loads(text)
    assert data["format"] == native.FORMAT_MARKER
    assert data["schema_version"] == native.SCHEMA_VERSION


def test_older_schema_version_is_migrated():
    dossier = native.load(DATA / "schema-v1.dossier")
    assert (dossier.year, dossier.round) == (2024, "2")
    assert dossier.projects[0].budget[0].unit_price == Decimal("30000")


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 20', "poškozený"),
        (b'{"format": "jiny-format", "schema_version": 2, "year": 2021}', "není dokument Dossier"),
        (b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 99, "year": 2021}', "novější verzí"),
        (b"\x00\x01\x02binary", "není dokument Dossier"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"[1, 2, 3]", "není dokument Dossier"),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": "dva tisice"}',
            "„Ročník programu“",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, '
            b'"projects": [{"id": "P1", "budget": [{"unit_price": 1e30}]}]}',
            "nesmyslně velké číslo",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, '
            b'"projects": [{"id": "P1", "budget": [{"unit_price": "1e30"}]}]}',
            "„Cena za jednotku“ (projekt 1, rozpočet, řádek 1)",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, "year": 2022}',
            "pole „year“ dvakrát",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, '
            b'"projects": [{"id": "P1"}, {"id": "P1"}]}',
            "dva projekty s označením „P1“",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, '
            b'"projects": [{"id": "P1", "budget": [{"unit_price": NaN}]}]}',
            "NaN",
        ),
        (
            b'{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "year": 2021, '
            b'"projects": [{"id": "P1", "budget": [{"unit_price": "\xe2\x88\x9e"}]}]}',
            "není číslo",
        ),
        (b'{"format": "cz.prevence-kriminality.dossier", "schema_version": true, "year": 2021}', "verzi"),
        (b"[" * 100000, "není dokument Dossier"),
    ],
)
def test_broken_files_give_a_clear_czech_error(tmp_path, content, phrase):
    path = tmp_path / "vadný soubor.dossier"
    path.write_bytes(content)
    with pytest.raises(DossierError) as info:
        native.load(path)
    assert phrase in str(info.value)
    assert "\n" not in str(info.value) and len(str(info.value)) <= 200


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DossierError, match="neexistuje"):
        native.load(tmp_path / "není.dossier")
    with pytest.raises(DossierError, match="složka"):
        native.load(tmp_path)


def test_control_characters_are_removed_and_line_ends_normalised():
    project = Project(id="P1", title="A\x01B\x1f", problem="řádek 1\r\nřádek 2\rřádek 3")
    assert project.title == "AB"
    assert project.problem == "řádek 1\nřádek 2\nřádek 3"


def test_float_amounts_are_refused_in_the_model():
    with pytest.raises(ValueError):
        BudgetLine(unit_price=0.1)


# Anything a user can type (no control characters, which the model removes) survives save → load.
typed_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200)


@settings(max_examples=50, deadline=None)
@given(title=typed_text, problem=typed_text, amount=st.decimals(min_value=0, max_value=10**9, places=2))
def test_any_typed_text_survives_save_and_load(tmp_path_factory, title, problem, amount):
    dossier = Dossier(
        year=2021,
        projects=[Project(id="P1", title=title, problem=problem, budget=[BudgetLine(text=title, unit_price=amount)])],
    )
    path = tmp_path_factory.mktemp("rt") / "žádost č. 1.dossier"
    native.save(dossier, path)
    again = native.load(path)
    assert again == dossier
    assert again.projects[0].problem == problem.replace("\r\n", "\n").replace("\r", "\n")


def _stdlib_dumps(dossier):
    """What save wrote before (the standard library's indented encoder): the file must not change."""
    import json

    from dossier.formats import review_store

    data = {"format": native.FORMAT_MARKER, "schema_version": native.SCHEMA_VERSION}
    data.update(review_store.pack(dossier.model_dump(mode="json")))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_save_writes_the_bytes_the_standard_library_wrote(sample_2020, sample_2021):
    from dossier.bench.generate import make_dossier
    from dossier.formats.rollover import rollover

    rolled = rollover(make_dossier(3, 10, year=2020), 2021).dossier
    odd = sample_2021.model_copy(deep=True)
    odd.applicant.name = 'Tab\tuvozovky "x" \\ é 😀 \u2028 konec'
    odd.projects[0].goals = "řádek\nřádek\r\n\u0085\u00a0mezera"
    for dossier in (sample_2020, sample_2021, rolled, odd):
        assert native.dumps(dossier) == _stdlib_dumps(dossier)
