"""Word narrative of a dossier (``.docx``), built on an editable template.

The document: a title page, the applicant block, a summary table of all projects with totals,
then one chapter per project (see ``docx_project.py``). Every figure comes from
``core/totals.py`` and is printed by ``core/money.py``, so Word, Excel and the screen agree.

Choices:

* Empty narrative sections are left out (no heading with nothing under it).
* Text: a blank line starts a paragraph, a single newline is a line break, lines starting with
  ``-``/``–``/``•`` become ``List Bullet`` paragraphs (details in ``docx_blocks.py``).
* The template (bundled ``resources/templates/narrative.docx`` or the user's own ``.docx``/``.dotx``)
  keeps its styles, page setup, header and footer; its body is replaced by the export. Only the
  last section survives (a multi-section template's earlier sections had body content).
  Styles the template lacks are added with our definitions (``docx_styles.ensure_styles``).
* "Datum exportu" on the title page is the day of the export (callers may pass ``export_date``
  for a reproducible file); the document properties keep the dossier's last-modified date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from ..core import labels
from ..core.dates import format_date
from ..core.errors import DossierError
from ..core.model import Applicant, Dossier, LocalStrategy, Person
from ..core.money import format_money, format_number, format_percent
from ..core.rules import rules_for
from ..core.submission import WORKING_DOCUMENT_NOTE
from ..core.totals import DossierTotals, dossier_totals
from ..resources import resource_path
from . import docx_styles as st
from .atomic import atomic_write_bytes
from .compat import body_inserts_via
from .docx_blocks import CHAPTER_ATTR, Column, add_data_table, add_facts_table, text
from .docx_content import add_analysis_figures, add_sample_mark
from .docx_project import add_project
from .docx_sections import add_running_header
from .docx_template import build_default_template, sanitize_template
from .docx_typography import typeset_document, typeset_element
from .reading import read_input
from .stable_zip import FIXED_TIME

_SECT_PR = qn("w:sectPr")

TEMPLATE_NAME = "narrative.docx"
#: A letterhead template is tens of kB; anything far larger is not a template.
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024

SUBTITLE = "Žádost o státní účelovou dotaci – popis projektů"
APPLICANT = "Údaje o žadateli"
SUMMARY = "Přehled projektů"
TITLE_LINES = (labels.APPLICANT, labels.TOP_FIELDS["year"], "Počet projektů", "Datum exportu")
NO_PROJECTS = "Žádost zatím neobsahuje žádný projekt."
SUMMARY_COLUMNS = (
    Column("Č.", 0.6),
    Column(labels.PROJECT_FIELDS["title"], 3.9),
    Column("Druh / typ rozpočtu", 2.2),
    Column(labels.BUDGET_FIELDS["total"], 2.6, True),
    Column(labels.BUDGET_FIELDS["requested"], 2.6, True),
    Column(labels.TOTALS["own"], 2.6, True),
    Column(labels.TOTALS["rate"], 1.5, True),
)


def open_template(template: Path | None) -> DocxDocument:
    """The user's template, else the bundled one; ``DossierError`` in Czech when unusable."""
    if template is None:
        bundled = resource_path("templates", TEMPLATE_NAME)
        if not bundled.is_file():  # a broken installation still exports
            return build_default_template()
        template = bundled
    template = Path(template)
    name = f"Šablona „{template.name}“"
    raw = read_input(template, name, MAX_TEMPLATE_BYTES, "je příliš velká na šablonu dokumentu Word")
    clean = sanitize_template(raw, name)  # refuses bombs, macros, entities; strips remote links
    try:
        doc = Document(io.BytesIO(clean))
        doc.styles  # noqa: B018 - parse the style part now, not halfway through the export
    except Exception:  # noqa: BLE001 - python-docx raises many types (zip, XML, KeyError, ValueError) for one cause
        raise DossierError(
            f"{name} není platný dokument Word (.docx nebo .dotx). Vyberte jinou šablonu nebo použijte výchozí."
        ) from None
    return doc


def _clear_body(doc: DocxDocument) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _person(person: Person) -> str:
    return ", ".join(p for p in (person.name, person.role, person.phone, person.email) if p.strip())


def _strategy(strategy: LocalStrategy) -> str:
    head = strategy.title + (f" ({strategy.period})" if strategy.period else "")
    return ", ".join(p for p in (head.strip(), strategy.resolution) if p)


def _applicant_facts(applicant: Applicant) -> list[tuple[str, str]]:
    a = applicant
    street = " ".join(p for p in (a.address.street, a.address.number) if p)
    town = " ".join(p for p in (a.address.psc, a.address.city) if p)
    analysis = a.security_analysis
    years = ", ".join(str(y) for y in analysis.data_years)
    group = a.working_group
    values = {
        "name": a.name,
        "type": labels.APPLICANT_TYPES[a.type],
        "ico": a.ico,
        "dic": a.dic,
        "address": ", ".join(p for p in (street, town) if p),
        "kraj": a.kraj,
        "population": format_number(a.population) if a.population is not None else "",
        "statutory_representative": _person(a.statutory_representative),
        "crime_prevention_manager": _person(a.crime_prevention_manager),
        "contact_person": _person(a.contact_person),
        "bank_account": a.bank_account,
        "data_box_id": a.data_box_id,
        "local_strategy": _strategy(a.local_strategy),
        "security_analysis": "; ".join(
            p for p in (format_date(analysis.date), f"data za roky {years}" if years else "") if p
        ),
        "working_group": "\n".join(
            p for p in (f"ustavena {format_date(group.established)}" if group.established else "", group.members) if p
        ),
    }
    return [(label, text(values[key]).strip()) for key, label in labels.APPLICANT_FIELDS.items()]


def _title_page(doc: DocxDocument, dossier: Dossier, export_date: dt.date) -> None:
    doc.add_paragraph(labels.program_name(dossier.year, dossier.round), style=st.TITLE)
    doc.add_paragraph(SUBTITLE, style=st.SUBTITLE)
    edition = str(dossier.year) + (f", {text(dossier.round)}. kolo" if dossier.round else "")
    values = (
        text(dossier.applicant.name).strip() or "–",
        edition,
        str(len(dossier.projects)),
        format_date(export_date),
    )
    for label, value in zip(TITLE_LINES, values):
        paragraph = doc.add_paragraph(style=st.NORMAL)
        paragraph.add_run(f"{label}: ", style=st.STRONG)
        paragraph.add_run(value)
    doc.add_paragraph(WORKING_DOCUMENT_NOTE, style=st.BELOW_TABLE)


def _summary(doc: DocxDocument, dossier: Dossier, totals: DossierTotals) -> None:
    doc.add_paragraph(SUMMARY, style=st.HEADING_1)
    if not dossier.projects:
        doc.add_paragraph(NO_PROJECTS, style=st.NORMAL)
        return
    rows = [
        (
            str(n),
            text(p.title),
            f"{labels.PROJECT_KINDS_SHORT[p.kind]}\n{labels.BUDGET_TYPES[p.budget_type]}",
            format_money(t.total),
            format_money(t.requested),
            format_money(t.own),
            format_percent(t.rate),
        )
        for n, (p, t) in enumerate(zip(dossier.projects, totals.projects), start=1)
    ]
    add_data_table(
        doc,
        SUMMARY_COLUMNS,
        rows,
        totals=(
            "",
            "Celkem za žádost",
            "",
            format_money(totals.total),
            format_money(totals.requested),
            format_money(totals.own),
            format_percent(totals.rate),
        ),
    )


def _set_properties(doc: DocxDocument, dossier: Dossier, modified: dt.datetime) -> None:
    props = doc.core_properties
    applicant = text(dossier.applicant.name).strip()
    props.title = f"{SUBTITLE} – {applicant}" if applicant else SUBTITLE
    props.subject = labels.program_name(dossier.year, text(dossier.round))
    props.author = applicant
    props.last_modified_by = applicant
    props.language = st.LANGUAGE
    props.keywords = "prevence kriminality"
    props.comments = ""
    props.created = props.modified = modified
    props.revision = 1


class _Chapter:
    """Where new blocks go while a chapter is streamed: a detached element, dropped after writing
    (taking blocks out of the document's tree one by one cost more than building them)."""

    def __init__(self) -> None:
        self.element: Any = None  # a w:body element while a chapter is streamed
        self.doc: DocxDocument | None = None

    def start(self, doc: DocxDocument) -> None:
        self.doc, self.element = doc, OxmlElement("w:body")
        setattr(doc, CHAPTER_ATTR, self.element)  # docx_blocks.streamed_chapter

    def take(self) -> list:
        blocks, self.element = list(self.element), None
        setattr(self.doc, CHAPTER_ATTR, None)
        return blocks


@contextmanager
def _appending_at_the_end(chapter: _Chapter | None = None):
    """python-docx finds the place of each new paragraph or table by scanning the whole body
    for ``w:sectPr``, which made long narratives quadratic. The body's ``w:sectPr`` is always its
    last child, so while we build, new blocks go straight before it (or into a streamed chapter)."""

    def insert(body, element):
        if chapter is not None and chapter.element is not None:
            chapter.element.append(element)
            return element
        # len() of an lxml element walks all children; body[-1] starts from the end.
        try:
            last = body[-1]
        except IndexError:
            last = None
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(element)
        else:
            body.append(element)
        return element

    with body_inserts_via(insert):
        yield


def build_document(
    dossier: Dossier, *, template: Path | None = None, export_date: dt.date | None = None
) -> DocxDocument:
    """The narrative as a python-docx document (``export_docx`` saves it)."""
    with _appending_at_the_end():
        return _build(dossier, dossier_totals(dossier), template, export_date or dt.date.today())


def _build(
    dossier: Dossier, totals: DossierTotals, template: Path | None, export_date: dt.date, *, chapters: bool = True
) -> DocxDocument:
    doc = open_template(template)
    _clear_body(doc)
    st.ensure_styles(doc)
    st.cache_style_ids(doc)
    modified = dossier.metadata.modified or dt.datetime.now().replace(microsecond=0)
    add_running_header(doc, dossier)
    _title_page(doc, dossier, export_date)
    add_sample_mark(doc, dossier)
    heading = doc.add_paragraph(APPLICANT, style=st.HEADING_1)
    heading.paragraph_format.page_break_before = True
    add_facts_table(doc, _applicant_facts(dossier.applicant))
    add_analysis_figures(doc, dossier.applicant)
    _summary(doc, dossier, totals)
    if chapters:
        pack = rules_for(dossier.year, dossier.round).pack
        for project, project_totals in zip(dossier.projects, totals.projects):
            add_project(doc, project, project_totals, pack)
    typeset_document(doc)  # the chapters streamed by export_docx are typeset on their way out
    _set_properties(doc, dossier, modified)
    return doc


def export_docx(
    dossier: Dossier, path: Path, *, template: Path | None = None, export_date: dt.date | None = None
) -> None:
    """Write the Word narrative to ``path`` atomically; raises ``DossierError`` in Czech.

    The project chapters (most of a big document) never stay in memory together: each is built,
    written out as XML to a temporary spool and dropped; the spool then goes into the saved
    document in place of a marker. 300 projects × 100 lines took 800 MB as one XML tree.
    """
    chapter = _Chapter()
    with _appending_at_the_end(chapter), tempfile.TemporaryFile() as spool:
        totals = dossier_totals(dossier)  # once: the summary and every chapter use it
        doc = _build(dossier, totals, template, export_date or dt.date.today(), chapters=False)
        doc.add_paragraph(_CHAPTERS_MARKER)
        declared = _declared_namespaces(doc.element)
        pack = rules_for(dossier.year, dossier.round).pack
        for project, project_totals in zip(dossier.projects, totals.projects):
            chapter.start(doc)
            add_project(doc, project, project_totals, pack)
            for block in chapter.take():
                typeset_element(block)
                xml = etree.tostring(block, encoding="unicode")
                spool.write(_NS_DECL.sub(lambda m: "" if m[0] in declared else m[0], xml).encode("utf-8"))
        buffer = io.BytesIO()
        doc.save(buffer)
        spool.seek(0)
        data = _with_chapters(buffer, spool)
    atomic_write_bytes(Path(path), data, keep_backup=False)


_CHAPTERS_MARKER = "DOSSIER-PROJECT-CHAPTERS-8c1f0e"
_NS_DECL = re.compile(r' xmlns:\w+="[^"]*"')


def _declared_namespaces(root) -> set[str]:
    """The ``xmlns:p="uri"`` declarations of the document root: repeating them on every chapter
    element is legal but only makes the file bigger."""
    return {f' xmlns:{prefix}="{uri}"' for prefix, uri in root.nsmap.items() if prefix}


def _with_chapters(saved: io.BytesIO, spool) -> bytes:
    """The saved package with the marker paragraph of ``word/document.xml`` replaced by the spool."""
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            # A fixed time stamp per part: the same dossier gives the same bytes (see stable_zip).
            fixed = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, item.external_attr
            if item.filename != "word/document.xml":
                target.writestr(fixed, data)
                continue
            text = data.decode("utf-8")
            at = text.index(_CHAPTERS_MARKER)
            start, end = text.rindex("<w:p>", 0, at), text.index("</w:p>", at) + len("</w:p>")
            with target.open(fixed, "w", force_zip64=True) as member:
                member.write(text[:start].encode("utf-8"))
                shutil.copyfileobj(spool, member, 1 << 20)
                member.write(text[end:].encode("utf-8"))
    return out.getvalue()
