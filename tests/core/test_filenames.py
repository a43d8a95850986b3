"""safe_filename: Windows-valid, Czech-friendly, idempotent; default_export_name for the dialogs."""

from pathlib import PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.filenames import RESERVED, default_export_name, is_reserved, safe_filename
from dossier.core.model import Applicant, Dossier

FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def assert_windows_valid(name: str, max_length: int = 120) -> None:
    assert name
    assert not (set(name) & FORBIDDEN)
    assert not is_reserved(name)
    assert name[-1] not in " ." and name[0] not in " ."
    assert len(name.encode("utf-16-le")) // 2 <= max_length
    assert PureWindowsPath(name).name == name  # one component: no drive, no separator


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Plzeň: rozpočet 2021/2022", "Plzeň rozpočet 2021-2022"),
        ("Žádost  o\u00a0dotaci.", "Žádost o dotaci"),  # no-break space and a trailing dot
        ('„Bezpečné město“ <P1> "MKDS"?*', "„Bezpečné město“ P1 'MKDS'"),
        ("a\\b|c", "a-b-c"),
        ("  ..skrytý.. ", "skrytý"),
        ("řádek\r\nřádek\ttab\x00", "řádek řádek tab"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Nul .tar.gz", "_Nul .tar.gz"),
        ("lpt9", "_lpt9"),
        ("COM¹", "_COM¹"),
        ("CONOUT$", "_CONOUT$"),
        ("CONSOLE", "CONSOLE"),
        ("COM10", "COM10"),
        ("CON-2021", "CON-2021"),
        ("", "zadost"),
        ("???", "zadost"),
        (" . ", "zadost"),
        ("soubor.xlsx\u202egpj.exe", "soubor.xlsxgpj.exe"),  # a right-to-left override cannot disguise .exe
    ],
)
def test_examples(title, expected):
    assert safe_filename(title) == expected


def test_decomposed_czech_letters_are_composed():
    # macOS and some web forms send "Plzeň" as "Plzen" + combining caron.
    assert safe_filename("Plzen\u030c") == "Plzeň"


def test_length_is_counted_in_utf16_units_and_never_splits_a_pair():
    assert safe_filename("x" * 300) == "x" * 120
    emoji = safe_filename("a" + "\U0001f6e1" * 100, max_length=10)  # 🛡 is two UTF-16 units
    assert emoji == "a" + "\U0001f6e1" * 4
    assert safe_filename("Statutární město" + " " * 5 + "Plzeň", max_length=17) == "Statutární město"
    assert safe_filename("CONSOLE", max_length=3) == "_CO"  # cut to CON, then made safe


def test_default_is_used_and_cleaned_too():
    assert safe_filename("***", default="export") == "export"
    assert safe_filename("***", default="CON") == "_CON"
    assert safe_filename("***", default="") == "zadost"
    assert safe_filename("***", default="?") == "zadost"
    with pytest.raises(ValueError):
        safe_filename("a", max_length=0)


def test_reserved_names_are_the_windows_list():
    assert {"CON", "PRN", "AUX", "NUL"} <= RESERVED
    assert {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)} <= RESERVED
    for name in RESERVED:
        assert_windows_valid(safe_filename(name))
        assert_windows_valid(safe_filename(name.lower() + ".docx"))


@settings(max_examples=400, deadline=None)
@given(title=st.text(max_size=300), max_length=st.integers(min_value=1, max_value=150))
def test_property_valid_nonempty_idempotent(title, max_length):
    name = safe_filename(title, max_length=max_length)
    assert_windows_valid(name, max_length)
    assert safe_filename(name, max_length=max_length) == name


@settings(max_examples=200, deadline=None)
@given(title=st.text(alphabet=st.sampled_from(list("CONULPTAXMRco1239¹ .:$")), max_size=12))
def test_property_device_names_never_survive(title):
    name = safe_filename(title)
    assert_windows_valid(name)
    assert safe_filename(name) == name


def test_default_export_name():
    dossier = Dossier(year=2021, applicant=Applicant(name="Statutární město Plzeň"))
    assert default_export_name(dossier, ".xlsx") == "Statutární město Plzeň 2021 – rozpočet.xlsx"
    assert default_export_name(dossier, "docx") == "Statutární město Plzeň 2021 – popis projektů.docx"
    assert default_export_name(dossier, ".dossier") == "Statutární město Plzeň 2021.dossier"
    assert default_export_name(dossier, ".xlsx", label="tabulka") == "Statutární město Plzeň 2021 – tabulka.xlsx"
    special = Dossier(year=2024, round="2", applicant=Applicant(name="Obec Dolní Lhota / Horní Lhota"))
    assert default_export_name(special, ".xlsx") == "Obec Dolní Lhota - Horní Lhota 2024 2. kolo – rozpočet.xlsx"
    assert default_export_name(Dossier(year=2025), ".docx") == "Žádost 2025 – popis projektů.docx"
    long = Dossier(year=2021, applicant=Applicant(name="Město " * 40))
    name = default_export_name(long, ".xlsx")
    assert name.endswith(".xlsx") and len(name) <= 120
    assert_windows_valid(name)
