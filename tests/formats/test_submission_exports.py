"""Podání exports of the 2021 sample: portal page, calendar, council material, comparison,
and the submission data through save, roll-forward and the Excel round trip."""

import copy
import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import docx
import icalendar
import openpyxl

from dossier.core.portal import portal_steps
from dossier.core.rules import rules_for
from dossier.formats import native
from dossier.formats.exporters import exporter
from dossier.formats.rollover import rollover
from dossier.formats.xlsx_export import export_xlsx
from dossier.formats.xlsx_import import import_xlsx

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


class _Rows(HTMLParser):
    """Headings and table rows of the portal page, in document order."""

    def __init__(self):
        super().__init__()
        self.items, self._cells, self._tag, self._text = [], None, None, ""

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "td", "th"):
            self._tag, self._text = tag, ""
        if tag == "tr":
            self._cells = []

    def handle_data(self, data):
        if self._tag:
            self._text += data

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self.items.append((tag, self._text.strip()))
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append(self._text)
        elif tag == "tr" and self._cells:
            self.items.append(("tr", self._cells))
            self._cells = None
        if tag == self._tag:
            self._tag = None


def test_portal_page_lists_every_field_in_step_order_with_counts(sample_2021_path, sample_2021, tmp_path):
    out = tmp_path / "podani.html"
    result = run("export", sample_2021_path, "--portal", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Není to žádost" in page
    parser = _Rows()
    parser.feed(page)
    steps = portal_steps(sample_2021, rules_for(2021).pack)
    headings = [text for tag, text in parser.items if tag == "h2"]
    step_positions = [next(i for i, h in enumerate(headings) if h.startswith(f"{s.number}. {s.title}")) for s in steps]
    assert step_positions == sorted(step_positions)
    rows = [cells for tag, cells in parser.items if tag == "tr" and len(cells) == 4 and cells[0] != "Pole"]
    expected = [f for s in steps for f in s.fields]
    assert len(rows) == len(expected) > 300
    for (label, value, count, _tick), field in zip(rows, expected):
        assert label == field.label and value == field.display
        assert count.replace("\u00a0", " ").startswith(f"{field.count} ")
    labels = {row[0] for row in rows}
    for wanted in (
        "Název žadatele",
        "IČO",
        "Statutární zástupce – jméno a příjmení",
        "Název akce (projektu)",
        "Popis problému a zdůvodnění potřebnosti",
        "Kamerový bod – umístění",
        "APK – mentor",
        "Konference – místo konání",
        "Požadovaná dotace (Kč)",
    ):
        assert wanted in labels
    assert sample_2021.project("P3").mkds.camera_points[0].location in page


def test_portal_page_escapes_hostile_text(sample_2021, tmp_path):
    d = copy.deepcopy(sample_2021)
    d.applicant.name = "<script>alert(1)</script> & spol."
    out = tmp_path / "p.html"
    exporter("portal").write(d, out)
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; spol." in page


def test_calendar_parses_and_holds_the_deadline(sample_2021_path, tmp_path):
    out = tmp_path / "terminy.ics"
    assert run("export", sample_2021_path, "--ics", out).returncode == 0
    raw = out.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    starts = {e.decoded("DTSTART") for e in events}
    assert dt.date(2021, 2, 15) in starts
    deadline = next(e for e in events if e.decoded("DTSTART") == dt.date(2021, 2, 15))
    assert "podání" in str(deadline["SUMMARY"]) and "Zdroj:" in str(deadline["DESCRIPTION"])
    assert all("Zdroj:" in str(e["DESCRIPTION"]) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def _amounts(text):
    return Decimal(re.sub(r"\D", "", text))


def test_council_material_amounts_equal_check_totals(sample_2021_path, tmp_path):
    out = tmp_path / "rada.docx"
    assert run("export", sample_2021_path, "--council", out).returncode == 0
    totals = json.loads(run("check", sample_2021_path, "--json").stdout)["totals"]
    document = docx.Document(str(out))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[3:] == ["Celkové náklady", "Požadovaná dotace", "Spolufinancování města"]
    body = [[c.text for c in row.cells] for row in table.rows[1:-1]]
    for cells, project in zip(body, totals["projects"]):
        assert cells[1] == project["title"]
        assert [_amounts(v) for v in cells[3:]] == [Decimal(project[k]) for k in ("total", "requested", "own")]
    last = [c.text for c in table.rows[-1].cells]
    assert [_amounts(v) for v in last[3:]] == [Decimal(totals[k]) for k in ("total", "requested", "own")]
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "Návrh usnesení" in text and "Důvodová zpráva" in text and "15. 2. 2021" in text
    assert "Není to žádost" in text
    assert "2 511 000 Kč" in text


def test_compare_lists_added_dropped_and_budget_deltas(sample_2020_path, sample_2021_path, tmp_path):
    out = tmp_path / "porovnani.xlsx"
    result = run("compare", sample_2020_path, sample_2021_path, "--xlsx", out)
    assert result.returncode == 0, result.stderr
    text = result.stdout.replace("\u00a0", " ").replace("\u2212", "-")
    assert "Nové projekty: Národní dny prevence 2021" in text
    assert "Vypuštěné projekty: Plzeňská senior akademie 2020" in text
    assert "dotace 1 537 000 Kč → 2 511 000 Kč (+974 000 Kč)" in text
    assert "[změněno] Mobilní telefony a provoz: 12 000 Kč → 6 000 Kč (-6 000 Kč)" in text
    workbook = openpyxl.load_workbook(out)
    overview = [[c.value for c in row] for row in workbook["Přehled"].iter_rows(min_row=2)]
    by_title = {row[0]: row for row in overview if row[0]}
    assert by_title["Národní dny prevence 2021"][2] == "nový"
    assert by_title["Plzeňská senior akademie 2020"][2] == "vypuštěný"
    assert by_title["Žádost celkem"][6:9] == [1537000, 2511000, 974000]
    budget = [[c.value for c in row] for row in workbook["Rozpočet"].iter_rows(min_row=2)]
    phones = next(r for r in budget if r[1] == "Mobilní telefony a provoz")
    assert phones[3:6] == [12000, 6000, -6000]
    assert workbook["Texty"].max_row > 5


def test_compare_refuses_unreadable_input_in_czech(tmp_path, sample_2021_path):
    bad = tmp_path / "x.dossier"
    bad.write_text("nic", encoding="utf-8")
    result = run("compare", bad, sample_2021_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "není dokument Dossier" in result.stderr


def _with_submission(dossier):
    d = copy.deepcopy(dossier)
    d.submission.portal_done = ["applicant/name", "projects/P2/problem", "#dossier_requested"]
    d.submission.council.resolution = "usnesení č. 7/2021"
    d.submission.council.date = dt.date(2021, 1, 20)
    d.submission.sent.reference = "MV-1/2021"
    d.submission.sent.message_id = "zpráva 123"
    return d


def test_submission_survives_save_and_excel_round_trip(sample_2021, tmp_path):
    d = _with_submission(sample_2021)
    path = tmp_path / "z.dossier"
    native.save(d, path)
    assert native.load(path).submission == d.submission
    workbook = tmp_path / "z.xlsx"
    export_xlsx(d, workbook)
    assert import_xlsx(workbook).submission == d.submission


def test_roll_forward_resets_the_submission(sample_2020):
    d = _with_submission(sample_2020)
    result = rollover(d, 2021)
    new = result.dossier.submission
    assert new.portal_done == [] and new.council.resolution == "" and new.sent.date is None and not new.signed
    assert any(e.path == "submission" for e in result.report.entries)
    assert d.submission.portal_done  # the source is untouched


def test_word_and_excel_say_they_are_working_documents(sample_2021, tmp_path):
    from dossier.core.submission import WORKING_DOCUMENT_NOTE
    from dossier.formats.docx_export import export_docx

    word, excel = tmp_path / "popis.docx", tmp_path / "rozpocet.xlsx"
    export_docx(sample_2021, word)
    export_xlsx(sample_2021, excel)
    assert WORKING_DOCUMENT_NOTE in [p.text.replace("\u00a0", " ") for p in docx.Document(str(word)).paragraphs]
    summary = openpyxl.load_workbook(excel)["Souhrn"]
    assert WORKING_DOCUMENT_NOTE in [v for row in summary.iter_rows(values_only=True) for v in row]
    assert "nikoli žádost" in WORKING_DOCUMENT_NOTE


def test_council_material_renders_in_libreoffice(soffice, sample_2021, tmp_path):
    from tests.lo_helpers import convert, pdf_page_count

    source = tmp_path / "rada.docx"
    exporter("council").write(sample_2021, source)
    pdf = convert(source, "pdf", tmp_path / "out", tmp_path)
    assert 1 <= pdf_page_count(pdf) <= 3
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\u00a0", " ")
    assert "Návrh usnesení" in text and "2 511 000 Kč" in text and "552 000 Kč" in text


def test_council_wording_with_an_unknown_placeholder_is_refused_in_czech(sample_2021, tmp_path, monkeypatch):
    import pytest

    from dossier.core.errors import DossierError
    from dossier.formats import council_docx

    words = json.loads((ROOT / "resources" / "templates" / council_docx.TEXT_FILE).read_text(encoding="utf-8"))
    words["title"] = "Materiál pro {starosta}"
    edited = tmp_path / council_docx.TEXT_FILE
    edited.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(council_docx, "resource_path", lambda *parts: edited)
    council_docx.council_text.cache_clear()
    try:
        with pytest.raises(DossierError, match="neznámý údaj {starosta}"):
            exporter("council").write(sample_2021, tmp_path / "rada.docx")
        assert not (tmp_path / "rada.docx").exists()
    finally:
        council_docx.council_text.cache_clear()
