"""The portal assistant as one HTML page for a second screen: the dossier in the portal's step
order, each value with its length against the year's limit, plus the submission checklist.

A working document for retyping into RISPF, not the application. Self-contained (inline CSS,
no scripts), every value escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from ..core import labels
from ..core.checklist import checklist
from ..core.dates import format_date
from ..core.model import Dossier
from ..core.portal import portal_map, portal_steps
from ..core.rules import rules_for
from .atomic import atomic_write_bytes

WORKING_DOCUMENT = (
    "Pracovní podklad z aplikace Dossier pro přepis do portálu RISPF. Není to žádost: žádost "
    "vznikne v portálu, podepíše ji statutární zástupce a odešle se datovou schránkou ministerstvu."
)

_CSS = """
body { font-family: Calibri, Carlito, 'Segoe UI', Arial, sans-serif; font-size: 10.5pt; margin: 1.5em; color: #1a1a1a; }
h1 { font-size: 17pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 2px solid #2c5f8a; }
h3 { font-size: 11pt; margin: .9em 0 .3em; color: #2c5f8a; }
.notice { background: #fff4d6; border: 1px solid #e0b84c; padding: .5em .8em; margin: .6em 0 1em; }
table { border-collapse: collapse; width: 100%; margin-bottom: .4em; }
th, td { border: 1px solid #c7ced6; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f6; font-weight: 600; }
td.value { white-space: pre-wrap; } td.count { white-space: nowrap; text-align: right; width: 9em; }
td.tick { text-align: center; width: 4.5em; } td.label { width: 26%; }
.over { color: #b71c1c; font-weight: bold; } .muted { color: #666; } .ok { color: #1b6e20; } .todo { color: #b71c1c; }
.hint { color: #444; margin: .2em 0 .5em; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def portal_html(dossier: Dossier) -> str:
    pack = rules_for(dossier.year, dossier.round).pack
    pmap = portal_map(pack.key)
    steps = portal_steps(dossier, pack)
    ticked = set(dossier.submission.portal_done)
    today = dt.date.today()
    out = [
        "<!DOCTYPE html>",
        '<html lang="cs"><head><meta charset="utf-8">',
        f"<title>Podání – {_e(dossier.applicant.name)} – {_e(pack.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Podání do portálu RISPF – {_e(labels.program_name(dossier.year, dossier.round))}</h1>",
        f"<p><strong>{_e(dossier.applicant.name or 'Žadatel')}</strong> · termín podání "
        f"{_e(format_date(pack.deadline.value))} · vytvořeno {_e(format_date(today))}</p>",
        f'<p class="notice">{_e(WORKING_DOCUMENT)}</p>',
        f'<p class="muted">Pořadí kroků a popisky polí: {_e(pmap.citation)}. {_e(pmap.note)}'
        f"{' Portál: ' + _e(pmap.portal_url) if pmap.portal_url else ''}</p>",
        "<h2>Kontrolní seznam podání</h2>",
        "<table><tr><th>Bod</th><th>Stav</th><th>Podrobnosti</th></tr>",
    ]
    for item in checklist(dossier, pack, today):
        state = '<span class="ok">splněno</span>' if item.done else '<span class="todo">chybí</span>'
        out.append(f"<tr><td>{_e(item.label)}</td><td>{state}</td><td>{_e(item.detail)}</td></tr>")
    out.append("</table>")
    for step in steps:
        done = step.done(ticked)
        progress = f"přeneseno {done} z {len(step.fields)}" if step.fields else "bez polí k přepisu"
        out.append(f'<h2>{step.number}. {_e(step.title)} <span class="muted">({progress})</span></h2>')
        if step.hint:
            out.append(f'<p class="hint">{_e(step.hint)}</p>')
        if not step.fields:
            continue
        group = None
        for field in step.fields:
            if field.group != group:
                if group is not None:
                    out.append("</table>")
                group = field.group
                out.append(
                    f"<h3>{_e(group)}</h3><table><tr><th>Pole</th><th>Hodnota</th><th>Znaků</th><th>Přeneseno</th></tr>"
                )
            # A non-breaking space keeps "22 znaků" on one line in viewers that ignore the CSS.
            text = _e(field.count_text()).replace(" znaků", "\u00a0znaků")
            count = f'<span class="over">{text}</span>' if field.over_limit else text
            tick = "☑" if field.id in ticked else "☐"
            out.append(
                f'<tr><td class="label">{_e(field.label)}</td><td class="value">{_e(field.display)}</td>'
                f'<td class="count">{count}</td><td class="tick">{tick}</td></tr>'
            )
        out.append("</table>")
    out.append(f'<p class="notice">{_e(WORKING_DOCUMENT)}</p></body></html>')
    return "\n".join(out) + "\n"


def export_portal_html(dossier: Dossier, path: Path) -> None:
    """Write the page atomically; raises ``DossierError`` in Czech."""
    atomic_write_bytes(Path(path), portal_html(dossier).encode("utf-8"), keep_backup=False)
