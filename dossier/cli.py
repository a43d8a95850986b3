"""Command line: ``check``, ``schema``, ``export``, ``rollover``; anything else opens the desktop app.

Every command exits 2 with a one-line Czech message on stderr, never a traceback, when an
input cannot be read.
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from .core.errors import DossierError

# pydantic, the model and the checks load inside the commands that need them: ``--help`` and
# the desktop app's start do not wait for what they do not use.

COMMANDS = ("check", "schema", "export", "rollover")
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit 2 (its own default, kept)."""

    def error(self, message: str):
        self.exit(EXIT_INPUT, f"{self.prog}: chyba: {message}\n")


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)  # only for display of haléře amounts; whole crowns are already int
    raise TypeError(type(value).__name__)


def cmd_check(args) -> int:
    from .core.checks import counts, run_checks
    from .core.labels import SEVERITIES
    from .core.totals import totals_json
    from .formats.open_any import load_any

    dossier = load_any(Path(args.file))
    findings = run_checks(dossier)
    if args.json:
        out = {"findings": [f.as_dict() for f in findings], "totals": totals_json(dossier)}
        print(json.dumps(out, ensure_ascii=False, default=_json_default))
    else:
        for f in findings:
            print(f"{SEVERITIES[f.severity]}: {f.message}  [{f.path}]" + (f"  ({f.citation})" if f.citation else ""))
        c = counts(findings)
        print(f"Chyby: {c['error']}, upozornění: {c['warning']}, informace: {c['info']}")
    return EXIT_FINDINGS if counts(findings)["error"] else EXIT_OK


def cmd_schema(args) -> int:
    from .formats import native

    print(json.dumps(native.json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_export(args) -> int:
    if not args.xlsx and not args.docx:
        raise DossierError("Zadejte --xlsx VÝSTUP.xlsx, --docx VÝSTUP.docx nebo obojí.")
    from .formats.open_any import load_any

    dossier = load_any(Path(args.file))
    label = Path(args.file).name
    if args.xlsx:
        from .formats.xlsx_export import export_xlsx
        export_xlsx(dossier, Path(args.xlsx), file_label=label)
        print(f"Excel: {args.xlsx}")
    if args.docx:
        from .formats.docx_export import export_docx
        export_docx(dossier, Path(args.docx), template=Path(args.template) if args.template else None)
        print(f"Word: {args.docx}")
    return EXIT_OK


def cmd_rollover(args) -> int:
    from .formats.rollover import rollover_command
    projects = [p.strip() for p in args.projects.split(",") if p.strip()] if args.projects else None
    return rollover_command(Path(args.last), args.year, args.round or "", Path(args.output), projects)


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dossier", description="Dossier – žádost do Programu prevence kriminality")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("check", help="zkontroluje žádost a vypíše nálezy")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="výstup jako jeden objekt JSON")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("schema", help="vypíše JSON Schema formátu .dossier")
    p.set_defaults(run=cmd_schema)
    p = sub.add_parser("export", help="export do Excelu a/nebo Wordu")
    p.add_argument("file")
    p.add_argument("--xlsx", help="výstupní sešit .xlsx")
    p.add_argument("--docx", help="výstupní dokument .docx")
    p.add_argument("--template", help="vlastní šablona .docx pro Word")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("rollover", help="nový ročník z loňské žádosti")
    p.add_argument("last", help="loňská žádost (.dossier nebo exportovaný .xlsx)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--round", default="")
    p.add_argument("--projects", help="převzít jen tyto projekty, např. P1,P3")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=cmd_rollover)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dossier", description="Dossier – otevře žádost v desktopové aplikaci. "
                     f"Příkazy: {', '.join(COMMANDS)} (dossier PŘÍKAZ --help).")
    parser.add_argument("file", nargs="?", help="soubor .dossier")
    parser.add_argument("--screenshot", metavar="OUT.png", help="uloží snímek okna 1280×800 a skončí")
    parser.add_argument("--select", metavar="PROJECT_ID", help="se --screenshot: vybraný projekt")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return args.run(args)
        args = _app_parser().parse_args(argv)
        from .ui.app import run_app
        return run_app(Path(args.file) if args.file else None,
                       screenshot=Path(args.screenshot) if args.screenshot else None, select=args.select)
    except DossierError as exc:
        print(f"Chyba: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for the user
        print(f"Chyba: neočekávaná chyba ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return EXIT_INPUT
