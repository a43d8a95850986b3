"""Podklad pro radu: the důvodová zpráva and draft resolution the office takes to the council
before it may apply (``Export ▸ Podklad pro radu``, ``export --council OUT.docx``).

The wording is data (``resources/templates/council-text.json``, placeholders in braces); the look
comes from the same Word template as the narrative (the office's letterhead when set). Every
amount comes from ``core/totals.py``, so it equals ``check --json``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import string
from functools import lru_cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from ..core import labels
from ..core.dates import format_date, format_period
from ..core.errors import DossierError
from ..core.model import Dossier
from ..core.money import format_money, format_percent
from ..core.portal import portal_map, year_deadlines
from ..core.rules import rules_for
from ..core.totals import dossier_totals
from ..resources import resource_path
from . import docx_styles as st
from .atomic import atomic_write_bytes
from .docx_blocks import Column, add_data_table, add_facts_table, text
from .docx_content import add_sample_mark
from .docx_export import open_template

TEXT_FILE = "council-text.json"
PLACEHOLDERS = {
    "body",
    "applicant",
    "program",
    "program_gen",
    "year",
    "deadline",
    "total",
    "requested",
    "own",
    "projects",
    "cofinancing_source",
    "representative",
    "ministry",
}
COLUMNS = (
    Column("Č.", 0.7),
    Column(labels.PROJECT_FIELDS["title"], 5.5),
    Column("Druh", 1.8),
    Column(labels.TOTALS["total"], 2.7, True),
    Column(labels.TOTALS["requested"], 2.7, True),
    Column("Spolufinancování města", 2.6, True),
)


@lru_cache(maxsize=1)
def council_text() -> dict:
    path = resource_path("templates", TEXT_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DossierError(f"Texty podkladu pro radu ({TEXT_FILE}) nelze načíst: {exc}.") from None
    for value in _strings(data):
        for _, name, _, _ in string.Formatter().parse(value):
            if name is not None and name not in PLACEHOLDERS:
                raise DossierError(
                    f"Texty podkladu pro radu ({TEXT_FILE}) obsahují neznámý údaj {{{name}}}; "
                    f"použijte jen {', '.join(sorted(PLACEHOLDERS))}."
                )
    return data


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("format", "comment"):
                yield from _strings(item)


def _projects_phrase(count: int) -> str:
    if count == 1:
        return "1 projekt"
    return f"{count} projekty" if 2 <= count <= 4 else f"{count} projektů"


def _values(dossier: Dossier) -> dict[str, str]:
    pack = rules_for(dossier.year, dossier.round).pack
    totals = dossier_totals(dossier)
    sub = dossier.submission
    rep = dossier.applicant.statutory_representative
    box = portal_map(pack.key).ministry_data_box.value
    return {
        "body": sub.council.body or "Rada města",
        "applicant": dossier.applicant.name or "žadatele",
        "program": labels.program_name(dossier.year, dossier.round),
        "program_gen": "Programu" + labels.program_name(dossier.year, dossier.round).removeprefix("Program"),
        "year": str(dossier.year) + (f" – {dossier.round}. kolo" if dossier.round else ""),
        "deadline": format_date(pack.deadline.value),
        "total": format_money(totals.total),
        "requested": format_money(totals.requested),
        "own": format_money(totals.own),
        "projects": _projects_phrase(len(dossier.projects)),
        "cofinancing_source": sub.cofinancing_source or council_text()["source_missing"],
        "representative": ", ".join(p for p in (rep.name, rep.role) if p) or "jméno doplňte",
        "ministry": f"Ministerstvu vnitra (ID {box})" if box else "Ministerstvu vnitra",
    }


def _p(doc: DocxDocument, value: str, style: str = st.NORMAL):
    return doc.add_paragraph(text(value), style=style)


def build_council(dossier: Dossier, *, template: Path | None = None) -> DocxDocument:
    words = council_text()
    values = _values(dossier)
    fill = lambda key: words[key].format_map(values)  # noqa: E731
    pack = rules_for(dossier.year, dossier.round).pack
    doc = open_template(template)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    st.ensure_styles(doc)
    st.cache_style_ids(doc)

    title = _p(doc, fill("title"), st.TITLE)
    title.paragraph_format.space_before = Pt(0)  # a council paper starts at the top, not as a title page
    _p(doc, fill("subject"), st.SUBTITLE)
    _p(doc, fill("notice"), st.BELOW_TABLE)
    add_sample_mark(doc, dossier)
    _p(doc, words["resolution_heading"], st.HEADING_1)
    _p(doc, fill("resolution_intro"))
    for point in words["resolution_points"]:
        _p(doc, point.format_map(values))
    _p(doc, words["report_heading"], st.HEADING_1)
    for paragraph in words["report_paragraphs"]:
        _p(doc, paragraph.format_map(values))

    _p(doc, words["projects_heading"], st.HEADING_2)
    totals = dossier_totals(dossier)
    rows = [
        (
            str(n),
            text(p.title),
            labels.PROJECT_KINDS_SHORT[p.kind],
            format_money(t.total),
            format_money(t.requested),
            format_money(t.own),
        )
        for n, (p, t) in enumerate(zip(dossier.projects, totals.projects), start=1)
    ]
    add_data_table(
        doc,
        COLUMNS,
        rows,
        totals=("", "Celkem", "", format_money(totals.total), format_money(totals.requested), format_money(totals.own)),
    )
    _p(
        doc,
        f"Podíl dotace na uznatelných nákladech celkem: {format_percent(totals.rate)}; pravidla ročníku "
        f"připouštějí nejvýše {format_percent(pack.max_subsidy_rate.value, 0)}; zdroj: {pack.max_subsidy_rate.citation}.",
        st.BELOW_TABLE,
    )

    _p(doc, words["source_heading"], st.HEADING_2)
    _p(doc, values["cofinancing_source"])
    _p(doc, words["dates_heading"], st.HEADING_2)
    facts = [
        (
            d.title.split(" – ")[0],
            # The citation carries its own brackets (date, site): a dash, not brackets in brackets.
            (format_period(d.start, d.end) if d.end else format_date(d.start)) + f" – zdroj: {d.citation}",
        )
        for d in year_deadlines(pack)
    ]
    council = dossier.submission.council
    if council.resolution or council.date:
        when = f"ze dne {format_date(council.date)}" if council.date else ""
        facts.append(
            (
                "Projednání",
                ", ".join(p for p in (values["body"], " ".join(x for x in (council.resolution, when) if x)) if p),
            )
        )
    add_facts_table(doc, facts)
    if dossier.attachments:
        _p(doc, words["attachments_heading"], st.HEADING_2)
        for attachment in dossier.attachments:
            _p(doc, attachment.name + ("" if attachment.required else " (nepovinná)"), st.LIST_BULLET)

    props = doc.core_properties
    props.title = fill("subject")
    props.subject = "Podklad pro radu – pracovní dokument, ne žádost"
    props.author = props.last_modified_by = text(dossier.applicant.name)
    props.created = props.modified = dossier.metadata.modified or dt.datetime(dossier.year, 1, 1)
    props.language = st.LANGUAGE
    props.revision = 1
    return doc


def export_council_docx(dossier: Dossier, path: Path, *, template: Path | None = None) -> None:
    """Write the council material atomically; raises ``DossierError`` in Czech."""
    doc = build_council(dossier, template=template)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue(), keep_backup=False)
