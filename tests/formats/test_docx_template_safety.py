"""A user's Word template is cleaned when it is loaded: what stays, what goes, what is refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from dossier.core.errors import DossierError
from dossier.formats import zip_guard
from dossier.formats.docx_export import export_docx
from dossier.formats.docx_template import sanitize_template
from tests.helpers import hostile_files as hf

NAME = "Šablona „test.docx“"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def footer_of(data: bytes) -> bytes:
    return next(body for name, body in parts(data).items() if name.startswith("word/footer"))


def test_remote_fields_lose_their_code_but_keep_their_text_and_page_numbers_stay(tmp_path):
    clean = sanitize_template(hf.template_include_picture(tmp_path / "t.docx").read_bytes(), NAME)
    footer = footer_of(clean)
    for gone in (b"INCLUDEPICTURE", b"INCLUDETEXT", b" LINK ", b"evil.example", b"fldSimple"):
        assert gone not in footer, gone
    assert b"[logo]" in footer and b"[text]" in footer  # what Word last showed stays as plain text
    assert b" PAGE " in footer and footer.count(b'w:fldCharType="begin"') == 1  # only the PAGE field is left


def test_remote_attached_template_goes_and_dotx_becomes_a_document(tmp_path):
    clean = parts(sanitize_template(hf.template_remote(tmp_path / "t.dotx").read_bytes(), NAME))
    assert b"attachedTemplate" not in clean["word/settings.xml"]
    assert b"External" not in clean["word/_rels/settings.xml.rels"]
    assert hf.DOCX_MAIN.encode() in clean["[Content_Types].xml"]
    assert b"template.main" not in clean["[Content_Types].xml"]


def test_external_image_and_hyperlink_relationships_go_with_their_references(tmp_path):
    clean = parts(sanitize_template(hf.template_external_image(tmp_path / "t.docx").read_bytes(), NAME))
    header_rels = next(body for name, body in clean.items() if name.startswith("word/_rels/header"))
    header = next(body for name, body in clean.items() if name.startswith("word/header"))
    assert b"External" not in header_rels and b"evil.example" not in header_rels
    assert b"r:id=" not in header  # no reference left dangling to a removed relationship
    assert b"imagedata" in header and b">web<" in header


def test_clean_template_keeps_every_part(tmp_path):
    original = hf.plain_template()
    clean = parts(sanitize_template(original, NAME))
    assert clean == parts(original)


@pytest.mark.parametrize("make, phrase", [(hf.template_macro, "makra"), (hf.template_entity, "DTD nebo entity")])
def test_refused_templates(make, phrase, tmp_path):
    with pytest.raises(DossierError) as caught:
        sanitize_template(make(tmp_path / "t.docx").read_bytes(), NAME)
    assert phrase in str(caught.value) and NAME in str(caught.value)


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    template = hf.template_zip_bomb(tmp_path / "bomba.docx", megabytes=40)
    read = []
    monkeypatch.setattr(zip_guard.BoundedStream, "read", lambda self, size=-1: read.append(size) or b"")
    with pytest.raises(DossierError, match="podezřele velká data"):
        sanitize_template(template.read_bytes(), NAME)
    assert read == []


def test_unpacked_size_is_counted_even_when_the_directory_lies(tmp_path):
    template = hf.template_zip_bomb(tmp_path / "lez.docx", megabytes=40)
    hf.understate_sizes(template, "word/document.xml", 1000)
    with pytest.raises(DossierError) as caught:
        sanitize_template(template.read_bytes(), NAME)
    assert "poškozený" in str(caught.value)


def test_bounded_stream_stops_past_its_cap():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"x" * 5000)
    with zip_guard.GuardedZip(data.getvalue(), "Soubor „a.zip“") as guarded:
        assert guarded.read("a.xml", 5000) == b"x" * 5000
        with pytest.raises(DossierError, match="podezřele velká data"):
            guarded.read("a.xml", 4999)


def test_export_with_a_hostile_template_is_clean(sample_2021, tmp_path):
    template = hf.template_include_picture(tmp_path / "hlavicka.docx")
    out = tmp_path / "popis.docx"
    export_docx(sample_2021, out, template=template)
    blob = b"".join(parts(out.read_bytes()).values())
    assert b"INCLUDEPICTURE" not in blob and b"evil.example" not in blob
    assert sample_2021.applicant.name.encode() in blob


def test_parts_are_recognised_as_xml_by_content_not_name(tmp_path):
    # A main document part without the .xml ending, in UTF-16, with a remote field in a footer.
    source = hf.template_include_picture(tmp_path / "t.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        footer = next(n for n in archive.namelist() if n.startswith("word/footer"))
        text = archive.read(footer).decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    renamed = footer.removesuffix(".xml")

    def rename(data: bytes) -> bytes:
        return data.replace(footer.removeprefix("word/").encode(), renamed.removeprefix("word/").encode())

    odd = tmp_path / "odd.docx"
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(odd, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == footer:
                zout.writestr(renamed, b"\xff\xfe" + text.encode("utf-16-le"))
            elif info.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                zout.writestr(info.filename, rename(data))
            else:
                zout.writestr(info, data)
    clean = parts(sanitize_template(odd.read_bytes(), NAME))
    cleaned = (
        clean[renamed].decode("utf-8")
        if not clean[renamed].startswith(b"\xff\xfe")
        else clean[renamed].decode("utf-16")
    )
    assert "INCLUDEPICTURE" not in cleaned and "[logo]" in cleaned
