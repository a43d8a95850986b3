"""Sections of the Word narrative: a running header naming the applicant, one section per project.

The title page carries no header; every later page names the applicant and the programme year,
so a loose page from the council's copy still says whose application it is. Each project starts
its own section on a new page (its headers carry over), which lets an office give a project
different margins or orientation in Word without touching the others.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION

from ..core import labels
from ..core.model import Dossier
from ..core.typography import typeset
from .docx_blocks import text


def running_header_text(dossier: Dossier) -> str:
    who = text(dossier.applicant.name).strip() or "Žadatel neuveden"
    return typeset(f"{who} – {labels.program_name(dossier.year, dossier.round)}")


def add_running_header(doc: DocxDocument, dossier: Dossier) -> None:
    """Header on every page but the title page, unless the office's template brings its own."""
    section = doc.sections[0]
    header = section.header
    if not header.is_linked_to_previous and any(p.text.strip() for p in header.paragraphs):
        return  # the office's letterhead stays as it is
    section.different_first_page_header_footer = True  # the title page carries no header
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.text = running_header_text(dossier)
    if "Header" in [style.name for style in doc.styles]:
        paragraph.style = doc.styles["Header"]


def start_project_section(doc: DocxDocument) -> None:
    """A new section on a new page; it keeps the running header and has no title page of its own."""
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.sections[-1].different_first_page_header_footer = False
