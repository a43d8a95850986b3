"""The printable dossier (HTML for QTextDocument): content, Czech formats, hostile text, one project."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

from dossier.core import labels
from dossier.core.model import BudgetLine, Dossier, Project
from dossier.core.money import format_money
from dossier.core.totals import dossier_totals, project_totals
from dossier.core.typography import typeset
from dossier.formats.print_document import GRAND_TOTAL, SIGNATURE_LINE, dossier_html, footer_text

DAY = dt.date(2021, 2, 10)


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_whole_dossier_has_cover_applicant_summary_projects_and_signature(sample_2021):
    text = plain(dossier_html(sample_2021, printed_on=DAY))
    assert labels.program_name(2021) in text
    assert sample_2021.applicant.name in text
    assert GRAND_TOTAL in text and typeset(SIGNATURE_LINE) in text
    totals = dossier_totals(sample_2021)
    assert format_money(totals.total) in text and format_money(totals.requested) in text
    for project, pt in zip(sample_2021.projects, totals.projects):
        assert typeset(project.title) in text
        assert format_money(pt.total) in text
    assert "10.\u00a02.\u00a02021" in text


def test_each_project_starts_a_new_page(sample_2021):
    markup = dossier_html(sample_2021, printed_on=DAY)
    # applicant block, summary and one per project
    assert markup.count("page-break-before: always") == 2 + len(sample_2021.projects)


def test_one_project_only(sample_2021):
    project = sample_2021.projects[1]
    text = plain(dossier_html(sample_2021, project_id=project.id, printed_on=DAY))
    assert typeset(project.title) in text
    assert format_money(project_totals(project).total) in text
    assert all(typeset(p.title) not in text for p in sample_2021.projects if p is not project)
    assert GRAND_TOTAL not in text


def test_hostile_text_is_escaped_and_cleaned():
    evil = "<script>alert(1)</script> & \x01 <b>tučně</b>"
    dossier = Dossier(
        year=2021,
        applicant={"name": "Obec"},
        projects=[
            Project(
                id="P1",
                title=evil,
                problem=evil,
                budget=[
                    BudgetLine(text=evil, quantity=Decimal("2"), unit_price=Decimal("1234.5"), requested=Decimal("0"))
                ],
            )
        ],
    )
    markup = dossier_html(dossier, printed_on=DAY)
    assert "<script>" not in markup and "<b>tučně" not in markup and "\x01" not in markup
    assert "&lt;script&gt;" in markup
    assert format_money(Decimal("2469")) in plain(markup)


def test_footer_names_applicant_and_programme(sample_2021):
    assert footer_text(sample_2021) == typeset(f"{sample_2021.applicant.name} – {labels.program_name(2021)}")


def test_print_shows_the_assessment_content_the_sample_mark_and_what_the_file_is(sample_2021):
    from dossier.core.labels import SAMPLE_MARK
    from dossier.core.submission import WORKING_DOCUMENT_NOTE
    from dossier.formats.print_document import dossier_html

    page = html.unescape(dossier_html(sample_2021)).replace("\u00a0", " ")
    assert SAMPLE_MARK in page and WORKING_DOCUMENT_NOTE in page
    assert "Strategie, indikátory a dokumenty" in page and "Bezpečnostní analýza – ukazatele" in page
    first = sample_2021.projects[0]
    assert first.indicators and first.indicators[0].name in page
    assert first.strategy.local_measure in page and first.documents[0].name in page
