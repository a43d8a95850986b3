"""Hostile workbooks and Word templates through the command line: each is refused with one Czech
line (exit 2) or handled cleanly, in under 5 s and 300 MB of peak memory (a fresh interpreter
each, so the limits include starting Python)."""

from __future__ import annotations

import json
import zipfile

import pytest

from dossier.formats.xlsx_export import export_xlsx
from tests.helpers import hostile_files as hf

LIMIT_SECONDS = 5
LIMIT_MB = 300
P1 = "P1 Národní dny prevence 2021"


def within_limits(result: hf.Measured) -> None:
    assert result.seconds < LIMIT_SECONDS, f"{result.seconds:.1f} s"
    assert 0 < result.peak_mb < LIMIT_MB, f"{result.peak_mb:.0f} MB"


def refused(result: hf.Measured, *phrases: str) -> None:
    within_limits(result)
    assert result.code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("Chyba: ") and "\n" not in result.stderr.strip(), result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def check(path) -> hf.Measured:
    return hf.run_measured("check", path, "--json")


def edited_findings(result: hf.Measured) -> list[dict]:
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "XLSX_EDITED"]


# --- workbooks ---------------------------------------------------------------------------------


def test_xxe_workbook(sample_2021, tmp_path):
    refused(check(hf.xlsx_xxe(sample_2021, tmp_path / "xxe.xlsx")), "nepovolené konstrukce XML", "xxe.xlsx")


def test_billion_laughs_workbook(sample_2021, tmp_path):
    refused(check(hf.xlsx_billion_laughs(sample_2021, tmp_path / "smich.xlsx")), "nepovolené konstrukce XML")


@pytest.mark.slow
def test_shared_strings_bomb(tmp_path):
    path = hf.xlsx_shared_strings_bomb(tmp_path / "texty.xlsx", megabytes=400)
    assert path.stat().st_size < 5 * hf.MB
    refused(check(path), "podezřele velká data")


def test_zip_directory_that_understates_sizes(tmp_path):
    # The directory claims 1 kB; unpacking stops there and the damage is reported, nothing more is unpacked.
    path = hf.zeros_bomb(tmp_path / "lez.xlsx", "xl/workbook.xml", 50, {"[Content_Types].xml": "<Types/>"})
    hf.understate_sizes(path, "xl/workbook.xml", 1000)
    refused(check(path), "lez.xlsx")


@pytest.mark.slow
def test_far_too_many_shared_strings(sample_2021, tmp_path):
    refused(check(hf.many_shared_strings(sample_2021, tmp_path / "texty.xlsx", 900_000)), "podezřele mnoho textů")


@pytest.mark.slow
def test_many_shared_strings_within_the_bound_are_read(sample_2021, tmp_path):
    result = check(hf.many_shared_strings(sample_2021, tmp_path / "texty.xlsx", 190_000))
    within_limits(result)
    assert result.code == 0 and edited_findings(result) == []


@pytest.mark.slow
def test_million_rows_after_the_hidden_data(sample_2021, tmp_path):
    path = hf.xlsx_million_rows_data_sheet(sample_2021, tmp_path / "radky.xlsx")
    result = check(path)
    within_limits(result)
    assert result.code == 0 and edited_findings(result) == []


@pytest.mark.slow
def test_million_budget_rows(sample_2021, tmp_path):
    path = hf.xlsx_million_budget_rows(sample_2021, tmp_path / "rozpocet.xlsx", P1)
    result = check(path)
    within_limits(result)
    found = edited_findings(result)
    assert any("podezřele dlouhá" in f["message"] and f["path"] == "projects/P1/budget" for f in found)


@pytest.mark.slow
def test_row_with_a_million_cells(sample_2021, tmp_path):
    result = check(hf.xlsx_wide_row(sample_2021, tmp_path / "siroky.xlsx", P1))
    within_limits(result)
    assert result.code == 0
    assert any(f["path"] == "projects/P1/budget" for f in edited_findings(result))


@pytest.mark.slow
def test_large_genuine_export_is_read_within_limits(tmp_path):
    from dossier.bench.generate import make_dossier

    path = tmp_path / "velka.xlsx"
    export_xlsx(make_dossier(50, 100), path)  # 5 000 budget lines, far more than any real application
    result = check(path)
    within_limits(result)
    assert result.code in (0, 1) and edited_findings(result) == []


def test_edited_workbook_stays_within_limits(sample_2021, tmp_path):
    path = tmp_path / "plzen.xlsx"
    export_xlsx(sample_2021, path)
    within_limits(check(path))


# --- Word templates ----------------------------------------------------------------------------


def export_with(template, tmp_path, sample_2021_path) -> tuple[hf.Measured, object]:
    out = tmp_path / "popis.docx"
    return hf.run_measured("export", sample_2021_path, "--docx", out, "--template", template), out


def assert_clean(out) -> None:
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        blob = b"".join(archive.read(name) for name in names)
    assert not any("vbaproject" in name.lower() or "vbadata" in name.lower() for name in names)
    for forbidden in (
        b'TargetMode="External"',
        b"INCLUDEPICTURE",
        b"INCLUDETEXT",
        b"attachedTemplate",
        b"evil.example",
        b" LINK ",
    ):
        assert forbidden not in blob, forbidden


@pytest.mark.slow
def test_template_zip_bomb(tmp_path, sample_2021_path):
    template = hf.template_zip_bomb(tmp_path / "bomba.docx", megabytes=500)
    assert template.stat().st_size < 5 * hf.MB
    result, out = export_with(template, tmp_path, sample_2021_path)
    refused(result, "podezřele velká data", "bomba.docx")
    assert not out.exists()


@pytest.mark.parametrize(
    "make",
    [hf.template_remote, hf.template_include_picture, hf.template_external_image],
    ids=["remote-template", "includepicture", "external-image"],
)
def test_remote_content_is_stripped(make, tmp_path, sample_2021_path):
    template = make(tmp_path / "sablona.dotx")
    with zipfile.ZipFile(template) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist())
    assert b"evil.example" in raw  # the hostile content is really there
    result, out = export_with(template, tmp_path, sample_2021_path)
    within_limits(result)
    assert result.code == 0, result.stderr
    assert_clean(out)


def test_macro_template(tmp_path, sample_2021_path):
    result, out = export_with(hf.template_macro(tmp_path / "makra.dotm"), tmp_path, sample_2021_path)
    refused(result, "makra", "makra.dotm")
    assert not out.exists()


def test_template_with_entity(tmp_path, sample_2021_path):
    result, out = export_with(hf.template_entity(tmp_path / "entita.docx"), tmp_path, sample_2021_path)
    refused(result, "DTD nebo entity")
    assert not out.exists()
