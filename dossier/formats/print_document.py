"""The printed dossier as HTML for Qt's rich-text engine (``QTextDocument``): plain functions, no Qt.

One document serves the printer, the print preview and the PDF export: a cover (programme,
year, applicant, totals), the applicant block, the summary of all projects with the grand
total and a place for the signature, then every project with its facts, narrative and budget.
``project_id`` prints one project only (with a short head naming the applicant and programme).

Qt's HTML subset decides the markup: tables with ``cellpadding`` and ``border-collapse``, sizes in
points, ``page-break-before`` on block elements. Figures come from ``core/totals.py`` and are
printed by ``core/money.py``; text passes through ``core/typography.py`` (no line ends with "v").
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

from ..core import content_text, kinds, labels
from ..core.dates import format_date
from ..core.kinds import KindBlock
from ..core.model import NARRATIVE_FIELDS, Dossier, Project
from ..core.money import format_money, format_number, format_percent
from ..core.rules import RulePack, rules_for

# The same label/value lists the Word narrative prints, so paper and Word never disagree.
from ..core.submission import WORKING_DOCUMENT_NOTE
from ..core.text import clean_text
from ..core.totals import ProjectTotals, dossier_totals, line_own, line_total, project_totals
from ..core.typography import typeset
from .docx_content import ANALYSIS, ASSESSMENT, NO_DOCUMENTS, NO_INDICATORS
from .docx_export import _applicant_facts
from .docx_project import JUSTIFICATIONS, NOT_ELIGIBLE, TOTAL_ROW, _facts

EMPTY = "–"
COVER_TITLE = "Žádost o státní účelovou dotaci"
APPLICANT = "Údaje o žadateli"
SUMMARY = "Přehled projektů"
GRAND_TOTAL = "Celkem za žádost"
NO_PROJECTS = "Žádost zatím neobsahuje žádný projekt."
NO_BUDGET = "Rozpočet projektu zatím neobsahuje žádné položky."
PRINTED_ON = "Vytištěno"
SIGNATURE = "Za žadatele"
SIGNATURE_PLACE = "V …………………………… dne ……………………"
SIGNATURE_LINE = "podpis statutárního zástupce a razítko"
SUMMARY_HEAD = (
    "Č.",
    labels.PROJECT_FIELDS["title"],
    "Druh / typ rozpočtu",
    labels.BUDGET_FIELDS["total"],
    labels.BUDGET_FIELDS["requested"],
    labels.TOTALS["own"],
    labels.TOTALS["rate"],
)
BUDGET_HEAD = (
    "Č.",
    "Položka a kategorie",
    labels.BUDGET_FIELDS["quantity"],
    "Cena za jednotku",
    labels.BUDGET_FIELDS["total"],
    labels.BUDGET_FIELDS["requested"],
    labels.TOTALS["own"],
)

_STYLE = """
body { font-size: 10pt; }
h1 { font-size: 16pt; font-weight: bold; margin-top: 0pt; margin-bottom: 8pt; color: #1f3864; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 12pt; margin-bottom: 4pt; color: #1f3864; }
h3 { font-size: 10.5pt; font-weight: bold; margin-top: 8pt; margin-bottom: 3pt; }
p { margin-top: 0pt; margin-bottom: 4pt; }
table { border-collapse: collapse; border-color: #8c8c8c; border-style: solid; margin-bottom: 6pt; }
td, th { vertical-align: top; }
th { background-color: #dbe5f1; font-weight: bold; text-align: left; }
td.label { background-color: #f2f2f2; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background-color: #f2f2f2; }
.note { color: #595959; font-size: 8.5pt; }
td.caption { font-size: 12pt; font-weight: bold; color: #1f3864; background-color: #ffffff; }
.cover-title { font-size: 22pt; font-weight: bold; color: #1f3864; }
.cover-sub { font-size: 14pt; }
"""


_GAP = '<p style="font-size: 5pt;">&nbsp;</p>'  # between two tables, which would otherwise touch
_TABLE = (
    'width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse; border-color: #8c8c8c;"'
)


def _t(value: object) -> str:
    """Text for HTML: XML-safe, typeset, escaped; line breaks kept."""
    cleaned = typeset(clean_text("" if value is None else str(value)).strip())
    return html.escape(cleaned).replace("\n", "<br/>")


def _paragraphs(value: str) -> str:
    """Narrative text: a blank line starts a paragraph, a single newline breaks the line."""
    blocks = [b for b in clean_text(value).split("\n\n") if b.strip()]
    return "".join(f"<p>{_t(b)}</p>" for b in blocks)


def _facts_table(facts: Iterable[tuple[str, str]], label_width: int = 32) -> str:
    rows = "".join(
        f'<tr><td class="label" width="{label_width}%">{_t(label)}</td><td>{_t(value) or EMPTY}</td></tr>'
        for label, value in facts
    )
    return f"<table {_TABLE}>{rows}</table>"


def _data_table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: set[int],
    widths: Sequence[int] | None = None,
    total: Sequence[str] | None = None,
    caption: str = "",
) -> str:
    """A table with a header repeated on every page; ``caption`` is its title row.

    Qt cannot keep a heading with the table below it, so a table's title is the first header row:
    it never stays alone at the foot of a page and repeats above the continuation.
    """

    def cells(values: Sequence[str], tag: str) -> str:
        out = []
        for i, value in enumerate(values):
            cls = ' class="num"' if i in numeric else ""
            width = f' width="{widths[i]}%"' if widths and tag == "th" else ""
            out.append(f"<{tag}{cls}{width}>{value}</{tag}>")
        return "".join(out)

    title = f'<tr><td class="caption" colspan="{len(head)}">{_t(caption)}</td></tr>' if caption else ""
    parts = [f"<thead>{title}<tr>{cells([_t(h) for h in head], 'th')}</tr></thead>"]
    parts += [f"<tr>{cells(row, 'td')}</tr>" for row in rows]
    if total is not None:
        parts.append(f'<tr class="total">{cells(total, "td")}</tr>')
    return f"<table {_TABLE}>{''.join(parts)}</table>"


def _heading(level: int, text: str, *, new_page: bool = False) -> str:
    style = ' style="page-break-before: always;"' if new_page else ""
    return f"<h{level}{style}>{_t(text)}</h{level}>"


def _edition(dossier: Dossier) -> str:
    return str(dossier.year) + (f", {clean_text(dossier.round)}. kolo" if dossier.round else "")


def cover(dossier: Dossier, printed_on: dt.date) -> str:
    totals = dossier_totals(dossier)
    applicant = dossier.applicant
    facts = [
        (labels.APPLICANT, applicant.name),
        (labels.APPLICANT_FIELDS["ico"], applicant.ico),
        ("Ročník programu", _edition(dossier)),
        ("Počet projektů", str(len(dossier.projects))),
        (labels.TOTALS["total"], format_money(totals.total)),
        (labels.TOTALS["requested"], format_money(totals.requested)),
        (labels.TOTALS["own"], format_money(totals.own)),
        (PRINTED_ON, format_date(printed_on)),
    ]
    programme = labels.program_name(dossier.year, dossier.round)
    sample = f"<p><b>{_t(labels.SAMPLE_MARK)}.</b> {_t(dossier.metadata.note)}</p>" if dossier.metadata.sample else ""
    return (
        f'<p style="margin-top: 80pt;">&nbsp;</p><p class="cover-title">{_t(programme)}</p>'
        f'<p class="cover-sub">{_t(COVER_TITLE)}</p>'
        f'<p class="cover-sub"><b>{_t(applicant.name) or EMPTY}</b></p><p>&nbsp;</p>'
        + _facts_table(facts, 40)
        + f'<p class="note">{_t(WORKING_DOCUMENT_NOTE)}</p>'
        + sample
    )


def applicant_block(dossier: Dossier) -> str:
    applicant = dossier.applicant
    analysis = applicant.security_analysis
    population = format_number(applicant.population) if applicant.population is not None else ""
    figures = [
        (labels.ANALYSIS_FIELDS["locality"], analysis.locality.strip()),
        (labels.APPLICANT_FIELDS["population"], population),
        (labels.ANALYSIS_FIELDS["date"], format_date(analysis.date)),
    ]
    rates = content_text.crime_rate_rows(applicant)
    out = _heading(1, APPLICANT, new_page=True) + _facts_table(_applicant_facts(applicant))
    out += _heading(2, ANALYSIS) + _facts_table(figures)
    if rates:
        out += _data_table(
            ("Rok", labels.ANALYSIS_FIELDS["per_10k"]),
            [tuple(map(_t, r)) for r in rates],
            {1},
            (30, 70),
            caption=labels.ANALYSIS_FIELDS["crime_rates"],
        )
    return out


def assessment(project: Project, pack: RulePack) -> str:
    """Strategy links, indicators and eligibility documents, as the Word narrative shows them."""
    out = _heading(2, ASSESSMENT) + _facts_table(
        [
            (labels.STRATEGY_FIELDS["national"], content_text.national_link(project, pack.year)),
            (labels.STRATEGY_FIELDS["local_measure"], project.strategy.local_measure.strip()),
        ]
    )
    indicators = [tuple(map(_t, content_text.indicator_row(i))) for i in project.indicators]
    out += (
        _data_table(
            (labels.INDICATOR_FIELDS["name"], "Jednotka", labels.INDICATOR_FIELDS["target"]),
            indicators,
            {2},
            (56, 20, 24),
            caption=labels.PROJECT_FIELDS["indicators"],
        )
        if indicators
        else f"<p>{_t(NO_INDICATORS)}</p>"
    )
    documents = [tuple(map(_t, row)) for row in content_text.document_rows(project)]
    out += (
        _data_table(
            (labels.DOCUMENT_FIELDS["name"], "Stav", "Poznámka"),
            documents,
            set(),
            (50, 16, 34),
            caption=labels.PROJECT_FIELDS["documents"],
        )
        if documents
        else f"<p>{_t(NO_DOCUMENTS)}</p>"
    )
    return out


def summary(dossier: Dossier) -> str:
    out = _heading(1, SUMMARY, new_page=True)
    if not dossier.projects:
        return out + f"<p>{_t(NO_PROJECTS)}</p>"
    totals = dossier_totals(dossier)
    rows = [
        (
            str(n),
            _t(p.title) or EMPTY,
            f"{_t(labels.PROJECT_KINDS_SHORT[p.kind])}<br/>{_t(labels.BUDGET_TYPES[p.budget_type])}",
            _t(format_money(t.total)),
            _t(format_money(t.requested)),
            _t(format_money(t.own)),
            _t(format_percent(t.rate)),
        )
        for n, (p, t) in enumerate(zip(dossier.projects, totals.projects), start=1)
    ]
    total = (
        "",
        _t(GRAND_TOTAL),
        "",
        _t(format_money(totals.total)),
        _t(format_money(totals.requested)),
        _t(format_money(totals.own)),
        _t(format_percent(totals.rate)),
    )
    return out + _data_table(SUMMARY_HEAD, rows, {3, 4, 5, 6}, (4, 32, 14, 14, 14, 13, 9), total)


def signature(dossier: Dossier) -> str:
    """Where the statutory representative signs the printed application."""
    person = dossier.applicant.statutory_representative
    who = ", ".join(p for p in (person.name, person.role) if p.strip())
    return (
        f"<p>&nbsp;</p><h3>{_t(SIGNATURE)}</h3>"
        f'<table width="100%" border="0" cellspacing="0" cellpadding="3"><tr>'
        f'<td width="50%"><p>&nbsp;</p><p>{_t(SIGNATURE_PLACE)}</p></td>'
        f'<td width="50%" align="center"><p>&nbsp;</p><p>……………………………………………</p>'
        f'<p>{_t(who) or "&nbsp;"}</p><p class="note">{_t(SIGNATURE_LINE)}</p></td></tr></table>'
    )


def _kind_part(block: KindBlock) -> str:
    """A kind's own part (``core/kinds``), laid out like the Word narrative."""
    out = _facts_table(block.facts) if block.facts else ""
    for table in block.tables:
        if table.rows:
            numeric = {i for i, column in enumerate(table.columns) if column.numeric}
            out += _data_table(
                [c.title for c in table.columns],
                [tuple(_t(v) for v in row) for row in table.rows],
                numeric,
                caption=table.title,
            )
    for label, value in block.texts:
        if value.strip():
            out += _heading(3, label) + _paragraphs(value)
    return out


def budget(project: Project, pack: RulePack, totals: ProjectTotals) -> str:
    if not project.budget:
        return _heading(2, labels.PROJECT_FIELDS["budget"]) + f"<p>{_t(NO_BUDGET)}</p>"
    out = _GAP
    rows = []
    for number, line in enumerate(project.budget, start=1):
        category = pack.categories.name_of(line.category) or line.category
        item = _t(line.text) + (f" ({_t(NOT_ELIGIBLE)})" if not line.eligible else "")
        note = f'<br/><span class="note">{_t(category)}</span>' if category.strip() else ""
        rows.append(
            (
                str(number),
                item + note,
                _t(f"{format_number(line.quantity)} {line.unit}"),
                _t(format_money(line.unit_price)),
                _t(format_money(line_total(line))),
                _t(format_money(line.requested)),
                _t(format_money(line_own(line))),
            )
        )
    total = (
        "",
        _t(TOTAL_ROW),
        "",
        "",
        _t(format_money(totals.total)),
        _t(format_money(totals.requested)),
        _t(format_money(totals.own)),
    )
    out += _data_table(
        BUDGET_HEAD, rows, {2, 3, 4, 5, 6}, (5, 28, 11, 14, 14, 14, 14), total, caption=labels.PROJECT_FIELDS["budget"]
    )
    out += (
        f"<p>{_t(labels.TOTALS['eligible'])}: {_t(format_money(totals.eligible))}; "
        f"{_t(labels.TOTALS['rate'].lower())} na uznatelných nákladech: {_t(format_percent(totals.rate))}</p>"
    )
    justified = [(n, line) for n, line in enumerate(project.budget, start=1) if line.justification.strip()]
    if justified:
        out += _heading(3, JUSTIFICATIONS) + "".join(
            f"<p><b>{n}. {_t(line.text)}:</b> {_t(line.justification)}</p>" for n, line in justified
        )
    return out


def project_section(project: Project, pack: RulePack, *, new_page: bool = True) -> str:
    title = project.title.strip() or f"Projekt bez názvu ({project.id})"
    out = _heading(1, f"{project.id} – {title}" if project.id else title, new_page=new_page)
    out += _facts_table(_facts(project, pack))
    for field in NARRATIVE_FIELDS:
        value = getattr(project, field)
        if value.strip():
            out += _heading(2, labels.PROJECT_FIELDS[field]) + _paragraphs(value)
    block = kinds.block_of(project)
    if block is not None:
        out += _heading(2, kinds.spec_of(project.kind).heading) + _kind_part(block)
    out += budget(project, pack, project_totals(project))
    note = content_text.category_note(pack)
    return out + (f'<p class="note">{_t(note)}</p>' if note else "") + assessment(project, pack)


def _page(body: str, title: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"/><title>{_t(title)}</title><style>{_STYLE}</style></head>'
        f"<body>{body}</body></html>"
    )


def document_title(dossier: Dossier, project_id: str | None = None) -> str:
    """Title for the PDF metadata and the print job: "Statutární město Plzeň – žádost 2021"."""
    who = clean_text(dossier.applicant.name).strip() or "Žádost"
    if project_id is not None:
        project = dossier.project(project_id)
        return f"{who} – {clean_text(project.title).strip() or project.id} ({_edition(dossier)})"
    return f"{who} – žádost o dotaci {_edition(dossier)}"


def footer_text(dossier: Dossier) -> str:
    """Left part of every page's footer; the printer adds "Strana X z Y"."""
    who = clean_text(dossier.applicant.name).strip()
    program = labels.program_name(dossier.year, dossier.round)
    return typeset(f"{who} – {program}" if who else program)


def dossier_html(dossier: Dossier, *, project_id: str | None = None, printed_on: dt.date | None = None) -> str:
    """The whole dossier, or one project, as an HTML page for ``QTextDocument``."""
    pack = rules_for(dossier.year, dossier.round).pack
    printed_on = printed_on or dt.date.today()
    if project_id is not None:
        project = dossier.project(project_id)
        head = (
            f'<p class="note">{_t(labels.program_name(dossier.year, dossier.round))} · '
            f"{_t(dossier.applicant.name)} · {_t(PRINTED_ON)} {_t(format_date(printed_on))}</p>"
        )
        return _page(head + project_section(project, pack, new_page=False), document_title(dossier, project_id))
    body = cover(dossier, printed_on) + applicant_block(dossier) + summary(dossier) + signature(dossier)
    body += "".join(project_section(p, pack) for p in dossier.projects)
    return _page(body, document_title(dossier))
