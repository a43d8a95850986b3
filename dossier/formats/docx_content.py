"""Word blocks for what the assessment relies on: strategy links, indicators, eligibility documents,
the security-analysis figures, the sample-data mark and the proposal notes.

Called from ``docx_export.py`` and ``docx_project.py`` with one line each; the layout helpers
are the shared ones of ``docx_blocks.py``.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from ..core import content_text, labels
from ..core.dates import format_date
from ..core.model import Applicant, Dossier, Project
from ..core.money import format_number
from ..core.rules import RulePack
from . import docx_styles as st
from .docx_blocks import Column, add_data_table, add_facts_table, add_text, text

ASSESSMENT = "Strategie, indikátory a dokumenty"
ANALYSIS = "Bezpečnostní analýza – ukazatele"
INDICATOR_COLUMNS = (
    Column(labels.INDICATOR_FIELDS["name"], 9.0),
    Column("Jednotka", 3.0),
    Column(labels.INDICATOR_FIELDS["target"], 4.0, True),
)
DOCUMENT_COLUMNS = (Column(labels.DOCUMENT_FIELDS["name"], 8.0), Column("Stav", 2.6), Column("Poznámka", 5.4))
RATE_COLUMNS = (Column("Rok", 4.0), Column(labels.ANALYSIS_FIELDS["per_10k"], 6.0, True))
NO_INDICATORS = "Projekt zatím nemá žádné indikátory."
NO_DOCUMENTS = "Seznam dokumentů způsobilosti je prázdný."


def add_sample_mark(doc: DocxDocument, dossier: Dossier) -> None:
    """On the title page of a bundled sample: the mark and the list of invented details."""
    if not dossier.metadata.sample:
        return
    paragraph = doc.add_paragraph(style=st.NORMAL)
    paragraph.add_run(labels.SAMPLE_MARK, style=st.STRONG)
    note = text(dossier.metadata.note).strip()
    if note:
        add_text(doc, f"Poznámka: {note}")


def add_analysis_figures(doc: DocxDocument, applicant: Applicant) -> None:
    analysis = applicant.security_analysis
    doc.add_paragraph(ANALYSIS, style=st.HEADING_2)
    population = format_number(applicant.population) if applicant.population is not None else ""
    add_facts_table(
        doc,
        [
            (labels.ANALYSIS_FIELDS["locality"], text(analysis.locality).strip()),
            (labels.APPLICANT_FIELDS["population"], population),
            (labels.ANALYSIS_FIELDS["date"], format_date(analysis.date)),
        ],
    )
    rows = content_text.crime_rate_rows(applicant)
    if rows:
        doc.add_paragraph(labels.ANALYSIS_FIELDS["crime_rates"], style=st.HEADING_3)
        add_data_table(doc, RATE_COLUMNS, rows)


def add_project_assessment(doc: DocxDocument, project: Project, pack: RulePack) -> None:
    """Under the project's budget: the category note, then strategy links, indicators and documents."""
    note = content_text.category_note(pack)
    if note:
        doc.add_paragraph(note, style=st.BELOW_TABLE)
    doc.add_paragraph(ASSESSMENT, style=st.HEADING_2)
    add_facts_table(
        doc,
        [
            (labels.STRATEGY_FIELDS["national"], text(content_text.national_link(project, pack.year)).strip()),
            (labels.STRATEGY_FIELDS["local_measure"], text(project.strategy.local_measure).strip()),
        ],
    )
    doc.add_paragraph(labels.PROJECT_FIELDS["indicators"], style=st.HEADING_3)
    if project.indicators:
        add_data_table(
            doc, INDICATOR_COLUMNS, [tuple(text(v) for v in content_text.indicator_row(i)) for i in project.indicators]
        )
    else:
        doc.add_paragraph(NO_INDICATORS, style=st.NORMAL)
    doc.add_paragraph(labels.PROJECT_FIELDS["documents"], style=st.HEADING_3)
    rows = content_text.document_rows(project)
    if rows:
        add_data_table(doc, DOCUMENT_COLUMNS, [tuple(text(v) for v in row) for row in rows])
    else:
        doc.add_paragraph(NO_DOCUMENTS, style=st.NORMAL)
