"""Final evaluation report (Závěrečná zpráva) of the grant year, built on the editable Word template.

Per project: the award, goals planned (as submitted) vs achieved, the narrative of the year, and
planned vs actual costs by category from the ledger. Every figure comes from
``core/grant_totals.py`` (the same numbers as ``check --json`` and the settlement workbook).

Goals and results are rows of one table (``goal_rows``): a planned item and what was achieved.
Today a project has one such row (its goals text and the achieved-results text); indicators with
planned and achieved values fit in as further rows of the same table.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from docx.document import Document as DocxDocument

from ..core import labels
from ..core.dates import format_date, format_period
from ..core.grant_totals import ProjectLedger, dossier_ledgers
from ..core.model import Dossier, Project
from ..core.money import format_money
from ..core.rules import grant_deadlines, rules_for
from ..core.totals import ZERO, project_totals
from . import docx_styles as st
from .atomic import atomic_write_bytes
from .docx_blocks import Column, add_data_table, add_facts_table, add_text, text
from .docx_content import add_sample_mark
from .docx_export import _appending_at_the_end, _clear_body, open_template
from .stable_zip import stable_zip

SUBTITLE = "Závěrečná zpráva o realizaci projektů a čerpání dotace"
SUMMARY_COLUMNS = (
    Column("Projekt", 4.4),
    Column("Přiznaná dotace", 2.3, True),
    Column("Skutečné náklady", 2.3, True),
    Column("Čerpáno z dotace", 2.3, True),
    Column("Vlastní zdroje", 2.3, True),
    Column("K vrácení", 2.0, True),
)
GOAL_COLUMNS = (Column("Plánováno (podle žádosti)", 8.0), Column("Dosaženo", 8.0))
COST_COLUMNS = (
    Column("Kategorie", 6.4),
    Column("Plán", 3.2, True),
    Column("Skutečnost", 3.2, True),
    Column("Rozdíl", 3.2, True),
)
NOT_GIVEN = "(nevyplněno)"
_LIST_MARK = re.compile(r"^[ \t]*[-–•][ \t]*")


def export_final_report(dossier: Dossier, path: Path, *, template: Path | None = None) -> None:
    """Write the final report to ``path`` atomically; raises ``DossierError`` in Czech."""
    with _appending_at_the_end():
        doc = build_final_report(dossier, template=template)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), stable_zip(buffer.getvalue()), keep_backup=False)


def build_final_report(dossier: Dossier, *, template: Path | None = None) -> DocxDocument:
    doc = open_template(template)
    _clear_body(doc)
    st.ensure_styles(doc)
    st.cache_style_ids(doc)
    pack = rules_for(dossier.year, dossier.round).pack
    settlement, report = grant_deadlines(pack)
    ledgers = dossier_ledgers(dossier)
    modified = dossier.metadata.modified or dt.datetime.now().replace(microsecond=0)
    # "As of": the later of the last edit and the last payment, so the same file gives the same report.
    paid = [p.date for pr in dossier.projects if pr.grant for p in pr.grant.payments if p.date]
    as_of = max([modified.date(), *paid])
    doc.add_paragraph(labels.program_name(dossier.year, dossier.round), style=st.TITLE)
    doc.add_paragraph(SUBTITLE, style=st.SUBTITLE)
    for label, value in (
        ("Příjemce dotace", text(dossier.applicant.name).strip() or "–"),
        ("IČO", dossier.applicant.ico or "–"),
        ("Termín závěrečné zprávy", format_date(report.value) + (" (neověřeno)" if report.unverified else "")),
        ("Termín vyúčtování", format_date(settlement.value) + (" (neověřeno)" if settlement.unverified else "")),
        ("Stav k datu", format_date(as_of)),
    ):
        paragraph = doc.add_paragraph(style=st.NORMAL)
        paragraph.add_run(f"{label}: ", style=st.STRONG)
        paragraph.add_run(value)
    add_sample_mark(doc, dossier)
    _summary(doc, dossier, ledgers)
    submitted = dossier.submitted.application if dossier.submitted else None
    for project, ledger in zip(dossier.projects, ledgers):
        planned = _submitted_project(submitted, project.id) or project
        _project(doc, project, planned, ledger, pack.categories)
    props = doc.core_properties
    props.title = f"Závěrečná zpráva – {text(dossier.applicant.name)}"
    props.subject = labels.program_name(dossier.year, dossier.round)
    props.created = props.modified = modified
    props.revision = 1
    return doc


def _submitted_project(submitted: Dossier | None, project_id: str) -> Project | None:
    if submitted is None:
        return None
    try:
        return submitted.project(project_id)
    except KeyError:
        return None


def _summary(doc: DocxDocument, dossier: Dossier, ledgers: list[ProjectLedger]) -> None:
    heading = doc.add_paragraph("Přehled čerpání dotace", style=st.HEADING_1)
    heading.paragraph_format.page_break_before = True
    rows = [
        (
            f"{p.id} {text(p.title)}",
            format_money(lg.awarded or ZERO),
            format_money(lg.drawn.total),
            format_money(lg.drawn.subsidy),
            format_money(lg.drawn.own),
            format_money(lg.to_return),
        )
        for p, lg in zip(dossier.projects, ledgers)
    ]
    total = lambda fn: format_money(sum((fn(lg) for lg in ledgers), ZERO))  # noqa: E731
    add_data_table(
        doc,
        SUMMARY_COLUMNS,
        rows,
        totals=(
            "Celkem",
            total(lambda lg: lg.awarded or ZERO),
            total(lambda lg: lg.drawn.total),
            total(lambda lg: lg.drawn.subsidy),
            total(lambda lg: lg.drawn.own),
            total(lambda lg: lg.to_return),
        ),
    )
    doc.add_paragraph(
        "Použitá dotace je nejmenší z částek: čerpáno z dotace, přiznaná dotace a nejvyšší podíl dotace "
        "ze skutečných uznatelných nákladů; zbytek přiznané dotace se vrací.",
        style=st.BELOW_TABLE,
    )


def _cell_lines(value: str) -> str:
    # A list inside a table cell stays in the cell's style: "· item" lines instead of bullet paragraphs.
    return "\n".join(_LIST_MARK.sub("· ", line) for line in text(value).strip().splitlines())


def goal_rows(project: Project, planned: Project) -> list[tuple[str, str]]:
    """Rows of the goals table: (planned, achieved)."""
    achieved = project.grant.achieved if project.grant else ""
    return [(_cell_lines(planned.goals) or NOT_GIVEN, _cell_lines(achieved) or NOT_GIVEN)]


def _project(doc: DocxDocument, project: Project, planned: Project, ledger: ProjectLedger, categories) -> None:
    heading = doc.add_paragraph(f"{project.id} {text(project.title)}", style=st.HEADING_1)
    heading.paragraph_format.page_break_before = True
    award = project.grant.award if project.grant else None
    requested_then = project_totals(planned).requested
    facts = [
        (
            "Rozhodnutí o dotaci",
            ", ".join(
                p
                for p in (award.decision_number if award else "", format_date(award.decision_date) if award else "")
                if p
            ),
        ),
        (
            "Dotace",
            f"požadováno {format_money(requested_then)} → přiznáno "
            f"{format_money(ledger.awarded) if ledger.awarded is not None else 'neuvedeno'}",
        ),
        ("Doba realizace", format_period(project.date_from, project.date_to)),
        ("Použít do", format_date(award.use_by) if award and award.use_by else ""),
        ("Podmínky", award.conditions if award else ""),
        (
            "Čerpání",
            f"skutečné náklady {format_money(ledger.drawn.total)}, z dotace {format_money(ledger.drawn.subsidy)}, "
            f"z vlastních zdrojů {format_money(ledger.drawn.own)}; použitá dotace "
            f"{format_money(ledger.subsidy_used)}, k vrácení {format_money(ledger.to_return)}",
        ),
    ]
    add_facts_table(doc, [(label, text(value).strip() or "–") for label, value in facts])
    doc.add_paragraph("Cíle a dosažené výsledky", style=st.HEADING_2)
    add_data_table(doc, GOAL_COLUMNS, goal_rows(project, planned))
    doc.add_paragraph("Průběh realizace", style=st.HEADING_2)
    add_text(doc, text(project.grant.report if project.grant else "").strip() or NOT_GIVEN)
    doc.add_paragraph("Náklady: plán a skutečnost", style=st.HEADING_2)
    add_data_table(
        doc,
        COST_COLUMNS,
        cost_rows(ledger, categories),
        totals=(
            "Celkem",
            format_money(ledger.planned.total),
            format_money(ledger.drawn.total),
            format_money(ledger.planned.total - ledger.drawn.total),
        ),
    )


def cost_rows(ledger: ProjectLedger, categories) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (
            categories.name_of(code) or code or "(bez kategorie)",
            format_money(planned),
            format_money(actual),
            format_money(planned - actual),
        )
        for code, (planned, actual) in ledger.by_category.items()
    ]
    if ledger.unassigned.total:
        rows.append(
            (
                "Platby nepřiřazené k řádku",
                format_money(ZERO),
                format_money(ledger.unassigned.total),
                format_money(-ledger.unassigned.total),
            )
        )
    return rows
