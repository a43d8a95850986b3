"""The Word narrative: a running header naming the applicant, each project its own section."""

import zipfile

import docx

from dossier.formats.docx_export import export_docx
from dossier.formats.docx_sections import running_header_text


def test_running_header_on_later_pages_and_a_section_per_project(sample_2021, tmp_path):
    path = tmp_path / "popis.docx"
    export_docx(sample_2021, path)
    document = docx.Document(str(path))
    sections = document.sections
    assert len(sections) == len(sample_2021.projects) + 1
    assert sections[0].different_first_page_header_footer  # the title page has no header
    header = sections[0].header.paragraphs[0].text.replace("\u00a0", " ")
    assert header.startswith("Statutární město Plzeň – Program prevence kriminality") and "2021" in header
    assert all(s.header.is_linked_to_previous and not s.different_first_page_header_footer for s in sections[1:])
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:sectPr") == len(sample_2021.projects) + 1
    titles = [p for p in document.paragraphs if p.text in {pr.title for pr in sample_2021.projects}]
    assert len(titles) == 3 and not any(p.paragraph_format.page_break_before for p in titles)


def test_an_office_template_with_its_own_header_keeps_it(sample_2021, tmp_path):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Magistrát města Plzně – odbor prevence"
    template.save(str(tmp_path / "hlavicka.docx"))
    path = tmp_path / "popis.docx"
    export_docx(sample_2021, path, template=tmp_path / "hlavicka.docx")
    header = docx.Document(str(path)).sections[0].header.paragraphs[0].text
    assert header == "Magistrát města Plzně – odbor prevence"
    assert running_header_text(sample_2021) not in header
