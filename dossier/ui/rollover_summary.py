"""The roll-forward report as rich text for the wizard's last page (Qt's HTML subset, wraps instead of clipping)."""

from __future__ import annotations

from html import escape

from ..core.labels import plural
from ..core.rollover.report import KEPT, ReportEntry, RolloverReport, count_text, grouped_lines
from ..core.severity import Severity

_CONFLICT, _CONVERTED, _MUTED = "#b71c1c", "#1b5e20", "#555555"


_WIDTHS = (24, 24, 24, 28)  # per cent: one table, so the columns line up across sections


def _table(sections: list[tuple[str, list[ReportEntry], str]]) -> str:
    """Entry sections as one table: a coloured heading row, then Údaj / Loni / Nově / Proč."""
    rows = []
    for heading, entries, color in sections:
        if not entries:
            continue
        style = f"color:{color};" if color else ""
        rows.append(
            f"<tr><td colspan=4 style='{style}font-size:large;font-weight:bold;padding-top:10px'>"
            f"{escape(heading)} ({len(entries)})</td></tr>"
        )
        rows.append(
            "<tr>"
            + "".join(
                f"<th align=left width='{w}%'>{t}</th>" for w, t in zip(_WIDTHS, ("Údaj", "Loni", "Nově", "Proč"))
            )
            + "</tr>"
        )
        for e in entries:
            new = "beze změny" if e.new == e.old else e.new
            rows.append(
                f"<tr><td>{escape(e.title)}</td><td>{escape(e.old)}</td><td>{escape(new)}</td>"
                f"<td style='color:{_MUTED}'>{escape(e.reason)}</td></tr>"
            )
    return f"<table width='100%' cellspacing=0 cellpadding=2>{''.join(rows)}</table>" if rows else ""


def _list(lines: list[str]) -> str:
    return "<ul style='margin-top:0'>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _section(heading: str, body: str, count: int, color: str = "") -> str:
    style = f" style='color:{color}'" if color else ""
    return f"<h3{style}>{escape(heading)} ({count})</h3>{body}"


def summary_html(report: RolloverReport) -> str:
    """What was converted, changed, cleared, what needs review and what the checks say."""
    counts = report.check_counts
    n = len(report.needs_review)
    taken = ", ".join(f"{pid} {title}" for pid, title in report.projects_taken) or "žádné"
    parts = [
        f"<p><b>Kontrola podle pravidel {escape(report.new_key)}: {escape(count_text(counts))}.</b><br>"
        f"{n} {plural(n, 'údaj je', 'údaje jsou', 'údajů je')} v žádosti {plural(n, 'označen', 'označeny', 'označeno')} "
        f"„{escape(report.review_note)}“; potvrdíte je ve formulářích.</p>",
        f"<p>Převzaté projekty: {escape(taken)}"
        + (
            f"<br>Vynechané projekty: {escape(', '.join(f'{pid} {t}' for pid, t in report.projects_left))}"
            if report.projects_left
            else ""
        )
        + "</p>",
    ]
    errors = [f.message for f in report.findings if f.severity == Severity.ERROR]
    if errors:
        parts.append(_section("Chyby podle pravidel nového ročníku", _list(errors), len(errors), _CONFLICT))
    listed = {id(e) for e in report.conflicts + report.converted}
    parts.append(
        _table(
            [
                (f"Vyžaduje zásah – neodpovídá pravidlům {report.new_key}", report.conflicts, _CONFLICT),
                (f"Převedeno podle pravidel {report.new_key}", report.converted, _CONVERTED),
                ("Změněno", [e for e in report.changed if id(e) not in listed], ""),
                ("Vymazáno", [e for e in report.cleared if id(e) not in listed], ""),
            ]
        )
    )
    review_only = [e for e in report.needs_review if id(e) not in listed and e.kind == KEPT]
    if review_only:
        parts.append(
            _section("Převzato, ke kontrole", _list(grouped_lines(review_only, reasons=True)), len(review_only))
        )
    kept = [e for e in report.kept if not e.review]
    if kept:
        parts.append(_section("Převzato beze změny", _list(grouped_lines(kept, reasons=False)), len(kept)))
    parts += [f"<p style='color:{_MUTED}'>{escape(note)}</p>" for note in report.notes]
    return "".join(parts)
