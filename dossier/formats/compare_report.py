"""The comparison of two dossiers as text (``main.py compare``), HTML (the editor's dialog)
and an Excel workbook (``--xlsx``). All amounts print through ``core/money.py``."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

import xlsxwriter

from ..core import labels
from ..core.compare import Comparison, ProjectComparison, SumsDelta
from ..core.money import format_money
from .atomic import atomic_write_bytes
from .xlsx_styles import Styles

STATUS = {"added": "nový", "dropped": "vypuštěný", "kept": "pokračuje", "changed": "změněno", "same": "beze změny"}
NOTICE = "Porovnání pracovních dokumentů z aplikace Dossier; nejde o žádost ani o její přílohu."


def signed(value: Decimal) -> str:
    """ "+12 000 Kč", "−3 500 Kč", "0 Kč"."""
    if value > 0:
        return "+" + format_money(value)
    if value < 0:
        return "\u2212" + format_money(-value)
    return format_money(value)


def _delta_line(d: SumsDelta) -> str:
    return (
        f"celkem {format_money(d.total.old)} → {format_money(d.total.new)} ({signed(d.total.change)}), "
        f"dotace {format_money(d.requested.old)} → {format_money(d.requested.new)} ({signed(d.requested.change)}), "
        f"vlastní {format_money(d.own.old)} → {format_money(d.own.new)} ({signed(d.own.change)})"
    )


def _old_title(p: ProjectComparison) -> str:
    """Last year's title of a kept project."""
    return p.old.title if p.old is not None else ""


def render_text(c: Comparison) -> str:
    out = [f"Porovnání {c.old_label} → {c.new_label}", NOTICE, ""]
    out.append(f"Žádost celkem: {_delta_line(c.totals)}")
    out.append("Nové projekty: " + (", ".join(p.title for p in c.added) or "žádné"))
    out.append("Vypuštěné projekty: " + (", ".join(p.title for p in c.dropped) or "žádné"))
    if c.applicant:
        out += ["", "Žadatel – změněné údaje:"]
        out += [f"  {t.label}: „{t.old}“ → „{t.new}“" for t in c.applicant]
    for p in c.projects:
        out += [
            "",
            f"[{STATUS[p.status]}] {p.title}"
            + (f" (spárováno podle: {p.matched_by}; loni „{_old_title(p)}“)" if p.status == "kept" else ""),
        ]
        out.append(f"  {_delta_line(p.totals)}")
        if p.categories:
            out.append("  Rozpočet po kategoriích:")
            out += [f"    {d.label}: {_delta_line(d)}" for d in p.categories if d.status != "same"]
        if p.lines:
            out.append("  Rozpočet po řádcích:")
            out += [
                f"    [{STATUS[d.status]}] {d.label}: {format_money(d.total.old)} → {format_money(d.total.new)} "
                f"({signed(d.total.change)}), dotace {signed(d.requested.change)}"
                for d in p.lines
                if d.status != "same"
            ]
        for t in p.texts:
            out.append(f"  Text „{t.label}“ změněn:")
            out += [f"    {line}" for line in t.diff() if not line.startswith("@@")]
    return "\n".join(out) + "\n"


# --- HTML for the side-by-side dialog ------------------------------------------------------------


def _e(value) -> str:
    return escape(str(value)).replace("\n", "<br>")


def _cls(value: Decimal) -> str:
    return "up" if value > 0 else "down" if value < 0 else ""


def _money_cells(d: SumsDelta) -> str:
    cells = []
    for delta in (d.total, d.requested, d.own):
        cells.append(
            f'<td class="n">{_e(format_money(delta.old))}</td><td class="n">{_e(format_money(delta.new))}</td>'
            f'<td class="n {_cls(delta.change)}">{_e(signed(delta.change))}</td>'
        )
    return "".join(cells)


_HEAD = (
    "<tr><th rowspan=2>Položka</th><th rowspan=2>Stav</th><th colspan=3>Celkové náklady</th>"
    "<th colspan=3>Dotace</th><th colspan=3>Vlastní podíl</th></tr>"
    "<tr>" + "<th>loni</th><th>letos</th><th>rozdíl</th>" * 3 + "</tr>"
)
_CSS = (
    "body{font-family:sans-serif;font-size:10pt} table{border-collapse:collapse;margin-bottom:8px}"
    "th,td{border:1px solid #bbb;padding:2px 5px;vertical-align:top} th{background:#e8edf3}"
    "td.n{text-align:right;white-space:nowrap} .up{color:#1b5e20} .down{color:#b71c1c}"
    ".old{background:#fde7e7} .new{background:#e6f4e6} .muted{color:#666}"
)


def _project_html(p: ProjectComparison) -> list[str]:
    head = f"<h3>{_e(p.title)} <span class=muted>({_e(STATUS[p.status])}"
    if p.status == "kept":
        head += f"; loni „{_e(_old_title(p))}“, spárováno podle: {_e(p.matched_by)}"
    out = [
        head + ")</span></h3>",
        "<table>",
        _HEAD,
        f"<tr><td><b>Projekt celkem</b></td><td>{_e(STATUS[p.totals.status])}</td>{_money_cells(p.totals)}</tr>",
    ]
    for d in p.categories:
        out.append(f"<tr><td>Kategorie: {_e(d.label)}</td><td>{_e(STATUS[d.status])}</td>{_money_cells(d)}</tr>")
    for d in p.lines:
        out.append(f"<tr><td>{_e(d.label)}</td><td>{_e(STATUS[d.status])}</td>{_money_cells(d)}</tr>")
    out.append("</table>")
    if p.texts:
        out.append("<table><tr><th>Text</th><th>loni</th><th>letos</th></tr>")
        for t in p.texts:
            out.append(f"<tr><td>{_e(t.label)}</td><td class=old>{_e(t.old)}</td><td class=new>{_e(t.new)}</td></tr>")
        out.append("</table>")
    return out


def render_html(c: Comparison) -> str:
    out = [
        f"<html><head><meta charset=utf-8><style>{_CSS}</style></head><body>",
        f"<h2>Porovnání {_e(c.old_label)} → {_e(c.new_label)}</h2>",
        f"<p class=muted>{_e(NOTICE)}</p>",
        "<table>",
        _HEAD,
        f"<tr><td><b>Žádost celkem</b></td><td>{_e(STATUS[c.totals.status])}</td>{_money_cells(c.totals)}</tr></table>",
        f"<p><b>Nové projekty:</b> {_e(', '.join(p.title for p in c.added) or 'žádné')}<br>"
        f"<b>Vypuštěné projekty:</b> {_e(', '.join(p.title for p in c.dropped) or 'žádné')}</p>",
    ]
    if c.applicant:
        out.append("<h3>Žadatel</h3><table><tr><th>Údaj</th><th>loni</th><th>letos</th></tr>")
        out += [
            f"<tr><td>{_e(t.label)}</td><td class=old>{_e(t.old)}</td><td class=new>{_e(t.new)}</td></tr>"
            for t in c.applicant
        ]
        out.append("</table>")
    for p in c.projects:
        out += _project_html(p)
    out.append("</body></html>")
    return "\n".join(out)


# --- Excel ---------------------------------------------------------------------------------------

_COLUMNS = (
    "Projekt",
    "Položka",
    "Stav",
    "Náklady loni",
    "Náklady letos",
    "Rozdíl nákladů",
    "Dotace loni",
    "Dotace letos",
    "Rozdíl dotace",
    "Vlastní loni",
    "Vlastní letos",
    "Rozdíl vlastní",
)


def _write_rows(sheet, styles: Styles, rows: list[tuple[str, str, SumsDelta]], widths) -> None:
    for col, (title, width) in enumerate(zip(_COLUMNS, widths)):
        sheet.write(0, col, title, styles.th)
        sheet.set_column(col, col, width)
    for r, (project, item, d) in enumerate(rows, start=1):
        sheet.write(r, 0, project, styles.text)
        sheet.write(r, 1, item, styles.text)
        sheet.write(r, 2, STATUS[d.status], styles.text)
        for i, delta in enumerate((d.total, d.requested, d.own)):
            for j, value in enumerate((delta.old, delta.new, delta.change)):
                sheet.write_number(r, 3 + i * 3 + j, value, styles.money)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, max(len(rows), 1), len(_COLUMNS) - 1)


def export_compare_xlsx(c: Comparison, path: Path) -> None:
    """Sheets Přehled (projects), Rozpočet (categories and lines), Texty; raises ``DossierError``."""
    import io

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    halere = any(
        v != v.to_integral()
        for p in c.projects
        for d in [p.totals, *p.lines]
        for v in (d.total.old, d.total.new, d.requested.old, d.requested.new)
    )
    styles = Styles(workbook, halere=halere)
    widths = (34, 40, 12, *([13] * 9))
    overview = workbook.add_worksheet("Přehled")
    rows = [(p.title, "Projekt celkem", p.totals) for p in c.projects] + [(labels.DOSSIER_TOTAL, "", c.totals)]
    _write_rows(overview, styles, rows, widths)
    overview.write(len(rows) + 2, 0, f"Porovnání {c.old_label} → {c.new_label}. {NOTICE}", styles.value)
    budget = workbook.add_worksheet("Rozpočet")
    rows = [(p.title, f"Kategorie: {d.label}", d) for p in c.kept for d in p.categories]
    rows += [(p.title, d.label, d) for p in c.kept for d in p.lines]
    _write_rows(budget, styles, rows, widths)
    texts = workbook.add_worksheet("Texty")
    for col, (title, width) in enumerate(zip(("Projekt", "Text", "Loni", "Letos"), (30, 28, 60, 60))):
        texts.write(0, col, title, styles.th)
        texts.set_column(col, col, width)
    r = 1
    for who, changes in [(labels.APPLICANT, c.applicant)] + [(p.title, p.texts) for p in c.kept]:
        for t in changes:
            for col, value in enumerate((who, t.label, t.old[:32000], t.new[:32000])):
                texts.write_string(r, col, value, styles.text)
            r += 1
    workbook.close()
    atomic_write_bytes(Path(path), buffer.getvalue(), keep_backup=False)
