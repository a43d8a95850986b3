"""One project chapter of the Word narrative: facts, narrative sections, kind part, budget.

Narrative sections that are empty are left out: the evaluator reads a shorter document and
the checks (not the narrative) are where missing text is reported.
"""
from __future__ import annotations

from docx.document import Document as DocxDocument

from ..core import labels
from ..core.dates import format_period
from ..core.model import NARRATIVE_FIELDS, Project, ProjectKind
from ..core.money import format_money, format_number, format_percent
from ..core.rules import RulePack
from ..core.totals import line_own, line_total, project_totals
from . import docx_styles as st
from .docx_blocks import Column, add_data_table, add_facts_table, add_labelled_paragraphs, add_lines, add_text, text
from .docx_content import add_project_assessment
from .docx_sections import start_project_section

# Labels of the kind-specific parts (candidates for core/labels.py).
PERIOD = "Doba realizace"
MULTI_YEAR = "víceletý projekt {start}–{end}"
APK_COUNT, APK_MENTOR, APK_LOCALITIES, APK_STAFF = (
    "Počet asistentů", "Mentor", "Lokality působení", "Personální obsazení")
APK_COLUMNS = (Column("Označení", 4.4), Column("Úvazek", 1.7, True), Column("Počet měsíců", 2.0, True),
               Column("Měsíční náklady", 3.0, True), Column("Pracovní smlouva", 4.9))
MKDS_RETENTION, MKDS_REGIME, MKDS_ACCESS, MKDS_POINTS = (
    "Doba uchovávání záznamů", "Režim dohledu", "Pravidla přístupu k záznamům", "Kamerové body")
MKDS_COLUMNS = (Column("Označení", 2.2), Column("Umístění", 4.4), Column("Typ kamer", 3.2),
                Column("Počet kamer", 1.9, True), Column("Připojení", 4.3))
DOMOVNIK_COUNT, DOMOVNIK_HOURS, DOMOVNIK_BUILDINGS = (
    "Počet domovníků–preventistů", "Hodin měsíčně", "Domy")
DOMOVNIK_COLUMNS = (Column("Adresa domu", 7.5), Column("Vlastník", 5.5), Column("Ve vlastnictví obce", 3.0))
CONFERENCE_FACTS = ("Termín konání", "Místo konání", "Online platforma", "Očekávaný počet účastníků")
BUDGET_COLUMNS = (
    Column("Č.", 0.7), Column("Položka a kategorie", 3.7), Column("Množství", 1.7, True),
    Column("Cena za jednotku", 2.4, True), Column(labels.BUDGET_FIELDS["total"], 2.5, True),
    Column(labels.BUDGET_FIELDS["requested"], 2.5, True), Column(labels.TOTALS["own"], 2.5, True))
NOT_ELIGIBLE = "neuznatelný náklad"
NO_BUDGET = "Rozpočet projektu zatím neobsahuje žádné položky."
JUSTIFICATIONS = "Zdůvodnění položek"
TOTAL_ROW = "Celkem za projekt"
YES, NO = "ano", "ne"


def _days(n: int) -> str:
    return f"{n} den" if n == 1 else f"{n} dny" if 2 <= n <= 4 else f"{format_number(n)} dní"


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


def _add_apk(doc: DocxDocument, project: Project) -> None:
    apk = project.apk
    assert apk is not None  # called only for projects of this kind
    mentor = apk.mentor
    if apk.mentor_fte:
        mentor = f"{mentor} (úvazek {format_number(apk.mentor_fte)})".strip()
    add_facts_table(doc, [(APK_COUNT, format_number(apk.count)), (APK_MENTOR, mentor),
                          (APK_LOCALITIES, "\n".join(apk.localities))])
    if apk.staff:
        doc.add_paragraph(APK_STAFF, style=st.HEADING_3)
        add_data_table(doc, APK_COLUMNS, [
            (s.label, format_number(s.fte), format_number(s.months), format_money(s.monthly_cost), s.contract)
            for s in apk.staff])


def _add_mkds(doc: DocxDocument, project: Project) -> None:
    mkds = project.mkds
    assert mkds is not None  # called only for projects of this kind
    # Facts first: two tables in a row would merge into one in Word.
    retention = _days(mkds.retention_days) if mkds.retention_days is not None else ""
    add_facts_table(doc, [(MKDS_RETENTION, retention)])
    if mkds.camera_points:
        doc.add_paragraph(MKDS_POINTS, style=st.HEADING_3)
        add_data_table(doc, MKDS_COLUMNS, [
            (p.label, p.location, p.camera_type, format_number(p.cameras), p.connection)
            for p in mkds.camera_points])
    for label, value in ((MKDS_REGIME, mkds.monitoring_regime), (MKDS_ACCESS, mkds.access_rules)):
        if text(value).strip():
            doc.add_paragraph(label, style=st.HEADING_3)
            add_text(doc, value)


def _add_domovnik(doc: DocxDocument, project: Project) -> None:
    dom = project.domovnik
    assert dom is not None  # called only for projects of this kind
    add_facts_table(doc, [(DOMOVNIK_COUNT, format_number(dom.count)),
                          (DOMOVNIK_HOURS, format_number(dom.hours_per_month))])
    if dom.buildings:
        doc.add_paragraph(DOMOVNIK_BUILDINGS, style=st.HEADING_3)
        add_data_table(doc, DOMOVNIK_COLUMNS, [
            (b.address, b.owner, YES if b.owned_by_municipality else NO) for b in dom.buildings])


def _add_conference(doc: DocxDocument, project: Project) -> None:
    conf = project.conference
    assert conf is not None  # called only for projects of this kind
    participants = format_number(conf.expected_participants) if conf.expected_participants is not None else ""
    values = (format_period(conf.date_from, conf.date_to), conf.venue, conf.platform, participants)
    add_facts_table(doc, list(zip(CONFERENCE_FACTS, values)))


# A kind's own part is printed only when the project is of that kind (a part left over
# from a changed kind is not shown in the app either).
_KIND_PARTS = {
    ProjectKind.APK: ("apk", _add_apk),
    ProjectKind.MKDS: ("mkds", _add_mkds),
    ProjectKind.DOMOVNIK: ("domovnik", _add_domovnik),
    ProjectKind.KONFERENCE: ("conference", _add_conference),
}


def _add_budget(doc: DocxDocument, project: Project, pack: RulePack) -> None:
    doc.add_paragraph(labels.PROJECT_FIELDS["budget"], style=st.HEADING_2)
    if not project.budget:
        doc.add_paragraph(NO_BUDGET, style=st.NORMAL)
        return
    rows = []
    for number, line in enumerate(project.budget, start=1):
        category = pack.categories.name_of(line.category) or line.category
        item = f"{line.text} ({NOT_ELIGIBLE})".strip() if not line.eligible else line.text
        rows.append((str(number), (item, category), f"{format_number(line.quantity)} {line.unit}".strip(),
                     format_money(line.unit_price), format_money(line_total(line)),
                     format_money(line.requested), format_money(line_own(line))))
    totals = project_totals(project)
    add_data_table(doc, BUDGET_COLUMNS, rows, totals=(
        "", TOTAL_ROW, "", "", format_money(totals.total),
        format_money(totals.requested), format_money(totals.own)))
    summary = doc.add_paragraph(style=st.BELOW_TABLE)
    add_lines(summary, f"{labels.TOTALS['eligible']}: {format_money(totals.eligible)}; "
                       f"{labels.TOTALS['rate'].lower()} na uznatelných nákladech: {format_percent(totals.rate)}")
    justified = [(n, line) for n, line in enumerate(project.budget, start=1) if text(line.justification).strip()]
    if justified:
        doc.add_paragraph(JUSTIFICATIONS, style=st.HEADING_3)
        add_labelled_paragraphs(doc, [(f"{number}. {line.text}: ".lstrip(), text(line.justification).strip())
                                      for number, line in justified], st.NORMAL, st.STRONG)


def add_project(doc: DocxDocument, project: Project, pack: RulePack) -> None:
    title = text(project.title).strip() or f"Projekt bez názvu ({text(project.id)})"
    start_project_section(doc)  # each project is a section of its own, on a new page
    doc.add_paragraph(title, style=st.HEADING_1)
    add_facts_table(doc, [(label, text(value).strip()) for label, value in _facts(project, pack)])
    for field in NARRATIVE_FIELDS:
        value = text(getattr(project, field)).strip()
        if value:
            doc.add_paragraph(labels.PROJECT_FIELDS[field], style=st.HEADING_2)
            add_text(doc, value)
    part = _KIND_PARTS.get(project.kind)
    if part and getattr(project, part[0]) is not None:
        doc.add_paragraph(labels.PROJECT_FIELDS[part[0]], style=st.HEADING_2)
        part[1](doc, project)
    _add_budget(doc, project, pack)
    add_project_assessment(doc, project, pack)
