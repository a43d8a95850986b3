"""One project chapter of the Word narrative: facts, narrative sections, kind part, budget.

Narrative sections that are empty are left out: the evaluator reads a shorter document and
the checks (not the narrative) are where missing text is reported.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from ..core import kinds, labels
from ..core.dates import format_period
from ..core.kinds import KindBlock
from ..core.model import NARRATIVE_FIELDS, Project
from ..core.money import format_money, format_number, format_percent
from ..core.rules import RulePack
from ..core.totals import ProjectTotals, line_total
from . import docx_styles as st
from .docx_blocks import Column, add_data_table, add_facts_table, add_labelled_paragraphs, add_lines, add_text, text
from .docx_content import add_project_assessment
from .docx_sections import start_project_section

PERIOD = "Doba realizace"
MULTI_YEAR = "víceletý projekt {start}–{end}"
BUDGET_COLUMNS = (
    Column("Č.", 0.7),
    Column("Položka a kategorie", 3.7),
    Column("Množství", 1.7, True),
    Column("Cena za jednotku", 2.4, True),
    Column(labels.BUDGET_FIELDS["total"], 2.5, True),
    Column(labels.BUDGET_FIELDS["requested"], 2.5, True),
    Column(labels.TOTALS["own"], 2.5, True),
)
NOT_ELIGIBLE = "neuznatelný náklad"
NO_BUDGET = "Rozpočet projektu zatím neobsahuje žádné položky."
JUSTIFICATIONS = "Zdůvodnění položek"
TOTAL_ROW = "Celkem za projekt"
YES = "ano"


def _facts(project: Project, pack: RulePack) -> list[tuple[str, str]]:
    f = labels.PROJECT_FIELDS
    priority = project.priority
    if priority and (name := pack.priorities.name_of(priority)):
        priority = f"{priority} – {name}"
    target = project.target_group
    if project.target_group_size is not None:
        target = f"{target} ({f['target_group_size'].lower()}: {format_number(project.target_group_size)})".strip()
    period = format_period(project.date_from, project.date_to)
    if project.multi_year:
        extra = MULTI_YEAR.format(start=project.multi_year.from_year, end=project.multi_year.to_year)
        period = f"{period}; {extra}" if period else extra
    facts = [
        (f["kind"], labels.PROJECT_KINDS[project.kind]),
        (f["budget_type"], labels.BUDGET_TYPES[project.budget_type]),
        (f["priority"], priority),
        (f["area"], project.area),
        (f["locality"], project.locality),
        (f["target_group"], target),
        (f["implementing_body"], project.implementing_body),
        (f["partners"], project.partners),
        (PERIOD, period),
    ]
    if project.residential:
        facts.append((f["residential"], YES))
    return facts


def _add_kind_block(doc: DocxDocument, block: KindBlock) -> None:
    """A kind's own part (``core/kinds``): facts first (two tables in a row would merge into one
    in Word), then its tables and texts, each under its own heading."""
    if block.facts:
        add_facts_table(doc, block.facts)
    for table in block.tables:
        if table.rows:
            doc.add_paragraph(table.title, style=st.HEADING_3)
            add_data_table(doc, [Column(c.title, c.width, c.numeric) for c in table.columns], table.rows)
    for label, value in block.texts:
        if text(value).strip():
            doc.add_paragraph(label, style=st.HEADING_3)
            add_text(doc, value)


def _add_budget(doc: DocxDocument, project: Project, totals: ProjectTotals, pack: RulePack) -> None:
    doc.add_paragraph(labels.PROJECT_FIELDS["budget"], style=st.HEADING_2)
    if not project.budget:
        doc.add_paragraph(NO_BUDGET, style=st.NORMAL)
        return
    rows = []
    for number, line in enumerate(project.budget, start=1):
        category = pack.categories.name_of(line.category) or line.category
        item = f"{line.text} ({NOT_ELIGIBLE})".strip() if not line.eligible else line.text
        total = line_total(line)
        rows.append(
            (
                str(number),
                (item, category),
                f"{format_number(line.quantity)} {line.unit}".strip(),
                format_money(line.unit_price),
                format_money(total),
                format_money(line.requested),
                format_money(total - line.requested),  # line_own without a second line_total
            )
        )
    add_data_table(
        doc,
        BUDGET_COLUMNS,
        rows,
        totals=(
            "",
            TOTAL_ROW,
            "",
            "",
            format_money(totals.total),
            format_money(totals.requested),
            format_money(totals.own),
        ),
    )
    summary = doc.add_paragraph(style=st.BELOW_TABLE)
    add_lines(
        summary,
        f"{labels.TOTALS['eligible']}: {format_money(totals.eligible)}; "
        f"{labels.TOTALS['rate'].lower()} na uznatelných nákladech: {format_percent(totals.rate)}",
    )
    justified = [(n, line) for n, line in enumerate(project.budget, start=1) if text(line.justification).strip()]
    if justified:
        doc.add_paragraph(JUSTIFICATIONS, style=st.HEADING_3)
        add_labelled_paragraphs(
            doc,
            [(f"{number}. {line.text}: ".lstrip(), text(line.justification).strip()) for number, line in justified],
            st.NORMAL,
            st.STRONG,
        )


def add_project(doc: DocxDocument, project: Project, totals: ProjectTotals, pack: RulePack) -> None:
    """The project's chapter; ``totals`` are its totals from ``core/totals`` (computed once per export)."""
    title = text(project.title).strip() or f"Projekt bez názvu ({text(project.id)})"
    start_project_section(doc)  # each project is a section of its own, on a new page
    doc.add_paragraph(title, style=st.HEADING_1)
    add_facts_table(doc, [(label, text(value).strip()) for label, value in _facts(project, pack)])
    for field in NARRATIVE_FIELDS:
        value = text(getattr(project, field)).strip()
        if value:
            doc.add_paragraph(labels.PROJECT_FIELDS[field], style=st.HEADING_2)
            add_text(doc, value)
    # A kind's part is printed only when the project is of that kind (a part left over from a
    # changed kind is not shown in the app either).
    block = kinds.block_of(project)
    if block is not None:
        doc.add_paragraph(kinds.spec_of(project.kind).heading, style=st.HEADING_2)
        _add_kind_block(doc, block)
    _add_budget(doc, project, totals, pack)
    add_project_assessment(doc, project, pack)
