"""Import of our own .xlsx: lossless round trip, and a Czech DossierError for every hostile file."""

from __future__ import annotations

import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter

from dossier.core.errors import DossierError
from dossier.core.model import BudgetLine, Dossier, Project
from dossier.formats import xlsx_import
from dossier.formats.xlsx_common import DATA_SHEET
from dossier.formats.xlsx_export import export_xlsx
from dossier.formats.xlsx_import import import_xlsx
from tests.formats.xlsx_helpers import halere_dossier, rewrite_member, sheet_xml_member
from tests.lo_helpers import convert

FOREIGN = "nebyl vytvořen aplikací Dossier"
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.fixture
def exported(sample_2021, tmp_path):
    path = tmp_path / "plzen-2021.xlsx"
    export_xlsx(sample_2021, path)
    return path


def expect_error(path, *phrases):
    started = time.perf_counter()
    with pytest.raises(DossierError) as caught:
        import_xlsx(path)
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    for phrase in phrases:
        assert phrase in message
    assert time.perf_counter() - started < 5, "odmítnutí musí být rychlé"
    return caught.value


def with_dtd(data: bytes, entity: str = "&lol9;") -> bytes:
    """Put a DTD after the XML declaration and an entity reference into the first text node."""
    text = data.decode("utf-8")
    declaration_end = text.index("?>") + 2
    text = (
        text[:declaration_end]
        + BILLION_LAUGHS.replace("]>", '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        + text[declaration_end:]
    )
    return text.replace("<t>", f"<t>{entity}", 1).replace('<t xml:space="preserve">', f"<t>{entity}", 1).encode()


# --- round trips -------------------------------------------------------------------------------


def test_round_trip_sample(sample_2021, exported):
    assert import_xlsx(exported) == sample_2021


@pytest.mark.parametrize("make", [halere_dossier, lambda: Dossier(year=2024, round="2")])
def test_round_trip_edge_dossiers(make, tmp_path):
    dossier = make()
    path = tmp_path / "edge.xlsx"
    export_xlsx(dossier, path)
    assert import_xlsx(path) == dossier


def test_round_trip_spans_many_chunks(tmp_path):
    lines = [
        BudgetLine(
            text=f'Položka {i} _x0041_ "uvozovky" \\ 😀',
            justification="Zdůvodnění " * 30,
            unit_price=Decimal("12.34"),
            requested=Decimal("10"),
        )
        for i in range(300)
    ]
    dossier = Dossier(year=2021, projects=[Project(id="P1", title="Velký", budget=lines)])
    path = tmp_path / "big.xlsx"
    export_xlsx(dossier, path)
    assert openpyxl.load_workbook(path, read_only=True)[DATA_SHEET]["C1"].value > 5
    assert import_xlsx(path) == dossier


def test_round_trip_survives_a_renamed_extension(sample_2021, exported):
    renamed = exported.rename(exported.with_name("loni.XLSX.bak"))
    assert import_xlsx(renamed) == sample_2021


@pytest.mark.slow
def test_round_trip_after_libreoffice_saved_the_workbook(soffice, sample_2021, exported, tmp_path):
    # A user may open last year's export and save it again; the data sheet must survive that.
    resaved = convert(exported, "xlsx", tmp_path / "resaved", tmp_path)
    assert resaved.read_bytes() != exported.read_bytes()
    assert import_xlsx(resaved) == sample_2021


# --- files that are not workbooks ----------------------------------------------------------------


def test_missing_file(tmp_path):
    expect_error(tmp_path / "neni.xlsx", "neexistuje")


def test_folder(tmp_path):
    folder = tmp_path / "slozka.xlsx"
    folder.mkdir()
    expect_error(folder, "složka")


@pytest.mark.parametrize("content", [b"", "Tohle je text, ne sešit.".encode(), b"PK\x03\x04 useknuto"])
def test_not_a_zip(tmp_path, content):
    path = tmp_path / "text.xlsx"
    path.write_bytes(content)
    expect_error(path, "není sešit Excel")


def test_truncated_workbook(exported, tmp_path):
    path = tmp_path / "useknuty.xlsx"
    path.write_bytes(exported.read_bytes()[: exported.stat().st_size // 2])
    expect_error(path, "není sešit Excel")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "dokument.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<?xml version='1.0'?><document/>")
    expect_error(path, "poškozený")


def test_encrypted_workbook(tmp_path):
    # Excel's password protection wraps the workbook in an OLE compound file with an EncryptedPackage stream.
    path = tmp_path / "heslo.xlsx"
    path.write_bytes(xlsx_import.OLE_SIGNATURE + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500))
    expect_error(path, "zaheslovaný")


def test_legacy_xls(tmp_path):
    path = tmp_path / "stary.xls"
    path.write_bytes(xlsx_import.OLE_SIGNATURE + bytes(1000) + "Workbook".encode("utf-16-le"))
    expect_error(path, ".xls")


# --- hostile containers ------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w") as member:
            for _ in range(40):
                member.write(bytes(1024 * 1024))  # 40 MB of zeros pack to about 40 kB
    assert path.stat().st_size < 1024 * 1024
    expect_error(path, "podezřele velká data")


def test_hidden_data_too_large_for_a_workbook_import(exported, monkeypatch):
    monkeypatch.setattr(xlsx_import, "MAX_DATA_CHARS", 20_000)
    monkeypatch.setattr(xlsx_import, "MAX_CHUNKS", 1)
    expect_error(exported, "příliš velký na import ze sešitu", "importujte původní soubor .dossier")


def test_total_unpacked_size_is_bounded(exported, monkeypatch):
    monkeypatch.setattr(xlsx_import, "MAX_UNPACKED_BYTES", 10_000)
    expect_error(exported, "podezřele velká data")


@pytest.mark.parametrize("member", ["xl/workbook.xml", "data-sheet", "project-sheet"])
def test_billion_laughs_and_external_entities_are_refused(exported, tmp_path, member):
    sheet = {"data-sheet": DATA_SHEET, "project-sheet": "P1 Národní dny prevence 2021"}.get(member)
    member = sheet_xml_member(exported, sheet) if sheet else member
    path = rewrite_member(exported, tmp_path / "smich.xlsx", member, with_dtd)
    expect_error(path, "nepovolené konstrukce XML")


def test_parts_dossier_does_not_need_are_never_parsed(sample_2021, exported, tmp_path):
    # A DTD in the document properties is harmless: the import never reads that part.
    path = rewrite_member(exported, tmp_path / "vlastnosti.xlsx", "docProps/core.xml", with_dtd)
    assert import_xlsx(path) == sample_2021


# --- workbooks that are not ours, or were tampered with ----------------------------------------------


def test_foreign_workbook(tmp_path):
    path = tmp_path / "cizi.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Rozpočet").write_string(0, 0, "Položka")
    workbook.close()
    error = expect_error(path, FOREIGN, "Lze importovat jen .dossier", "skrytý list s daty")
    assert "Sešit „cizi.xlsx“" in str(error)


def test_sheet_named_like_ours_without_marker(tmp_path):
    path = tmp_path / "podvrh.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet(DATA_SHEET).write_string(0, 0, "{}")
    workbook.close()
    expect_error(path, FOREIGN)


def test_edited_data_sheet_is_detected(exported, tmp_path):
    path = rewrite_member(
        exported,
        tmp_path / "upraveny.xlsx",
        sheet_xml_member(exported, DATA_SHEET),
        lambda data: data.replace(b'"unit_price": "90000"', b'"unit_price": "99000"', 1),
    )
    assert path.read_bytes() != exported.read_bytes()
    expect_error(path, "poškozený nebo byl upraven")


def test_invalid_chunk_count(exported, tmp_path):
    member = sheet_xml_member(exported, DATA_SHEET)
    path = rewrite_member(
        exported,
        tmp_path / "pocet.xlsx",
        member,
        lambda data: data.replace(b'<c r="C1" s="', b'<c r="C1" t="str" s="', 1),
    )
    expect_error(path, "poškozený")


def test_newer_schema_gives_the_native_message(sample_2021, tmp_path, monkeypatch):
    from dossier.formats import native

    monkeypatch.setattr(native, "SCHEMA_VERSION", 99)
    path = tmp_path / "novy.xlsx"
    export_xlsx(sample_2021, path)
    monkeypatch.undo()
    expect_error(path, "novější verzí aplikace")
