"""Command line: ``check``, ``schema``, ``export``, ``rollover``, ``compare``, ``import-budget``,
``import-payments``; anything else opens the desktop app.

Every command exits 2 with a one-line Czech message on stderr, never a traceback, when an
input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .cli_czech import install as install_czech_argparse
from .core.errors import DossierError

# pydantic, the model and the checks load inside the commands that need them: ``--help`` and
# the desktop app's start do not wait for what they do not use.

COMMANDS = ("check", "schema", "export", "rollover", "compare", "import-budget", "import-payments")
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
_HALER = Decimal("0.01")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit 2 (its own default, kept)."""

    def error(self, message: str):
        self.exit(EXIT_INPUT, f"{self.prog}: chyba: {message}\n")


def json_amount(value: Decimal | int) -> str:
    """An amount as JSON text, exact and unambiguous: "2511000.00" (never a binary float)."""
    return f"{Decimal(value).quantize(_HALER, rounding=ROUND_HALF_UP):f}"


def amounts_as_text(data):
    """Every number in the totals is an amount in Kč: each one becomes ``json_amount`` text, at any depth."""
    if isinstance(data, dict):
        return {key: amounts_as_text(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [amounts_as_text(value) for value in data]
    if isinstance(data, (int, Decimal)) and not isinstance(data, bool):
        return json_amount(data)
    return data


def _json_default(value):
    if isinstance(value, Decimal):
        return json_amount(value)
    raise TypeError(type(value).__name__)


def cmd_check(args) -> int:
    from .core.checks import Severity, counts, run_checks
    from .core.grant_totals import totals_with_grant
    from .core.labels import SEVERITIES
    from .formats.open_any import load_with_edits

    dossier, edits = load_with_edits(Path(args.file))
    # An exported workbook edited after export: the differences come first, as warnings.
    findings = _edit_findings(edits) + run_checks(dossier)
    if args.json:
        out = {"findings": [f.as_dict() for f in findings], "totals": amounts_as_text(totals_with_grant(dossier))}
        print(json.dumps(out, ensure_ascii=False, default=_json_default))
    else:
        for f in findings:
            print(f"{SEVERITIES[f.severity]}: {f.message}  [{f.path}]" + (f"  ({f.citation})" if f.citation else ""))
        c = counts(findings)
        print(f"Chyby: {c[Severity.ERROR]}, upozornění: {c[Severity.WARNING]}, informace: {c[Severity.INFO]}")
    return EXIT_FINDINGS if counts(findings)[Severity.ERROR] else EXIT_OK


def _edit_findings(edits: list) -> list:
    """Warnings for the values a colleague changed in an exported workbook (none for a .dossier)."""
    if not edits:
        return []
    from .formats.xlsx_edits import edit_findings

    return edit_findings(edits)


def cmd_schema(args) -> int:
    from .formats import native

    print(json.dumps(native.json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_export(args) -> int:
    from .formats.exporters import EXPORTERS, ExportOptions
    from .formats.open_any import load_with_edits

    chosen = [(e, getattr(args, e.key.replace("-", "_"))) for e in EXPORTERS if getattr(args, e.key.replace("-", "_"))]
    if not chosen:
        options = ", ".join(f"--{e.key} VÝSTUP{e.suffix}" for e in EXPORTERS)
        raise DossierError(f"Zadejte alespoň jeden výstup: {options}.")
    dossier, edits = load_with_edits(Path(args.file))
    for finding in _edit_findings(edits):  # an edited exported workbook: say which values were used
        print(f"Upozornění: {finding.message}", file=sys.stderr)
    if args.submitted:
        from .core.grant import submitted_application

        dossier = submitted_application(dossier)
    options = ExportOptions(file_label=Path(args.file).name, template=Path(args.template) if args.template else None)
    for export, target in chosen:
        export.write(dossier, Path(target), options)
        print(f"{export.name}: {target}")
    return EXIT_OK


def cmd_rollover(args) -> int:
    from .formats.rollover import rollover_command

    projects = [p.strip() for p in args.projects.split(",") if p.strip()] if args.projects else None
    return rollover_command(Path(args.last), args.year, args.round or "", Path(args.output), projects)


def cmd_compare(args) -> int:
    from .core.compare import compare
    from .formats.compare_report import export_compare_xlsx, render_text
    from .formats.open_any import load_any

    old, new = Path(args.old), Path(args.new)
    result = compare(load_any(old), load_any(new), old.name, new.name)
    print(render_text(result), end="")
    if args.xlsx:
        export_compare_xlsx(result, Path(args.xlsx))
        print(f"Excel: {args.xlsx}")
    return EXIT_OK


def cmd_import_payments(args) -> int:
    from .formats.payments_import import import_payments_command

    return import_payments_command(Path(args.file), args.project, Path(args.source), Path(args.output))


def cmd_import_budget(args) -> int:
    from .core.labels import plural
    from .core.money import format_money
    from .core.totals import project_totals
    from .formats import native
    from .formats.budget_import import import_budget
    from .formats.open_any import load_any

    dossier = load_any(Path(args.file))
    applied, block = import_budget(dossier, args.project, args.source, replace=args.replace)
    native.save(dossier, Path(args.output))
    for finding in block.findings:
        print(f"Upozornění: {finding}", file=sys.stderr)
    n = applied.added
    rows = f"{n} {plural(n, 'řádek', 'řádky', 'řádků')}"
    what = f"rozpočet nahrazen ({rows})" if args.replace else f"{plural(n, 'přidán', 'přidány', 'přidáno')} {rows}"
    total = project_totals(dossier.project(args.project)).total
    print(
        f"Projekt {args.project}: {what}; rozpočet projektu nyní celkem {format_money(total)}. Uloženo: {args.output}"
    )
    return EXIT_OK


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dossier", description="Dossier – žádost do Programu prevence kriminality")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("check", help="zkontroluje žádost a vypíše nálezy")
    p.add_argument("file", metavar="SOUBOR", help="žádost .dossier nebo sešit .xlsx exportovaný z Dossieru")
    p.add_argument("--json", action="store_true", help="výstup jako jeden objekt JSON")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("schema", help="vypíše JSON Schema formátu .dossier")
    p.set_defaults(run=cmd_schema)
    p = sub.add_parser("export", help="export do Excelu, Wordu a dalších formátů")
    p.add_argument("file", metavar="SOUBOR", help="žádost .dossier nebo sešit .xlsx exportovaný z Dossieru")
    from .formats.exporters import EXPORTERS

    for export in EXPORTERS:
        p.add_argument(f"--{export.key}", metavar=f"VÝSTUP{export.suffix}", help=export.cli_help)
    p.add_argument("--template", metavar="ŠABLONA.docx", help="vlastní šablona .docx pro Word")
    p.add_argument("--submitted", action="store_true", help="exportuje žádost tak, jak byla podána")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("rollover", help="nový ročník z loňské žádosti")
    p.add_argument("last", metavar="LOŇSKÁ", help="loňská žádost (.dossier nebo exportovaný .xlsx)")
    p.add_argument("--year", type=int, required=True, metavar="ROK", help="ročník nové žádosti, např. 2022")
    p.add_argument("--round", default="", metavar="KOLO", help="kolo výzvy, má-li ročník více kol (např. 2)")
    p.add_argument("--projects", metavar="PROJEKTY", help="převzít jen tyto projekty, např. P1,P3")
    p.add_argument("-o", "--output", required=True, metavar="VÝSTUP.dossier", help="soubor nové žádosti")
    p.set_defaults(run=cmd_rollover)
    p = sub.add_parser("compare", help="porovná dvě žádosti (např. loňskou a letošní)")
    p.add_argument("old", help="starší žádost (.dossier nebo exportovaný .xlsx)")
    p.add_argument("new", help="novější žádost")
    p.add_argument("--xlsx", metavar="VÝSTUP.xlsx", help="porovnání také jako sešit Excel")
    p.set_defaults(run=cmd_compare)
    p = sub.add_parser("import-payments", help="platby projektu z exportu účetnictví (CSV, xlsx)")
    p.add_argument("file", metavar="SOUBOR", help="žádost .dossier")
    p.add_argument("--project", required=True, help="projekt, např. P2")
    p.add_argument(
        "--from", dest="source", required=True, metavar="PLATBY.csv|.xlsx", help="export plateb z účetnictví"
    )
    p.add_argument("-o", "--output", required=True, metavar="VÝSTUP.dossier", help="výstupní .dossier")
    p.set_defaults(run=cmd_import_payments)
    p = sub.add_parser("import-budget", help="přidá do rozpočtu projektu řádky z TSV, CSV nebo listu .xlsx")
    p.add_argument("file", metavar="SOUBOR", help="žádost .dossier nebo exportovaný .xlsx")
    p.add_argument("--project", required=True, help="označení projektu, např. P2")
    p.add_argument(
        "--from", dest="source", required=True, metavar="BLOK", help="BLOK.tsv, BLOK.csv nebo SEŠIT.xlsx[:LIST]"
    )
    p.add_argument("--replace", action="store_true", help="nahradit celý rozpočet projektu (jinak se přidává)")
    p.add_argument("-o", "--output", required=True, help="výstupní .dossier")
    p.set_defaults(run=cmd_import_budget)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dossier",
        description="Dossier – otevře žádost v desktopové aplikaci. "
        f"Příkazy: {', '.join(COMMANDS)} (dossier PŘÍKAZ --help).",
    )
    parser.add_argument("file", nargs="?", metavar="SOUBOR", help="soubor .dossier")
    parser.add_argument("--screenshot", metavar="OUT.png", help="uloží snímek okna 1280×800 a skončí")
    parser.add_argument("--select", metavar="PROJEKT", help="se --screenshot: vybraný projekt")
    parser.add_argument(
        "--at-start",
        action="store_true",
        help="se --screenshot: okno, jak se ukáže při spuštění (před načtením žádosti)",
    )
    return parser


def _unknown_command(word: str) -> str | None:
    """A Czech hint when the first word is a mistyped command rather than a file to open."""
    if not word or word.startswith("-") or Path(word).suffix or Path(word).exists():
        return None
    import difflib  # only for a mistyped command

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f" Myslíte „{close[0]}“?" if close else ""
    return f"Neznámý příkaz „{word}“.{hint} Příkazy: {', '.join(COMMANDS)}."


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    install_czech_argparse()
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return args.run(args)
        if argv and (hint := _unknown_command(argv[0])):
            raise DossierError(hint)
        args = _app_parser().parse_args(argv)
        from .ui.app import run_app

        return run_app(
            Path(args.file) if args.file else None,
            screenshot=Path(args.screenshot) if args.screenshot else None,
            select=args.select,
            at_start=args.at_start,
        )
    except DossierError as exc:
        print(f"Chyba: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for the user
        from .logs import log_unexpected, setup_logging

        where = setup_logging()
        log_unexpected(f"příkaz {' '.join(argv)[:200]}", exc)
        detail = f" Podrobnosti jsou v {where}." if where else ""
        print(f"Chyba: neočekávaná chyba ({type(exc).__name__}: {exc}).{detail}", file=sys.stderr)
        return EXIT_INPUT
