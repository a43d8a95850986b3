"""Every export format in one registry, read by the CLI (``export --KEY OUT``) and the Export menu.

Adding a format is one entry here: its Czech name, file suffix, and the function that writes it.
The writer's module is imported on first use so that neither the CLI nor the editor pays for
export libraries at start-up.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI builds its options from this registry before it loads pydantic
    from ..core.model import Dossier


@dataclass(frozen=True)
class ExportOptions:
    #: The dossier's file name, printed in page footers.
    file_label: str = ""
    #: The office's own Word template (None: the bundled one).
    template: Path | None = None


@dataclass(frozen=True)
class Exporter:
    key: str  # CLI option --KEY (its argparse name has "_" for "-") and the id the menus use
    name: str  # Czech, as in "Export do formátu Excel"
    suffix: str
    menu_text: str  # with the & accelerator
    cli_help: str
    module: str
    function: str
    #: What the proposed file name says it holds ("podklad pro radu"); "" keeps the default by suffix.
    file_label: str = ""

    def write(self, dossier: Dossier, path: Path, options: ExportOptions = ExportOptions()) -> None:
        """Write ``dossier`` to ``path``; raises DossierError with a Czech message on failure."""
        function = getattr(importlib.import_module(self.module), self.function)
        accepted = inspect.signature(function).parameters
        extra = {name: value for name, value in vars(options).items() if name in accepted and value}
        function(dossier, path, **extra)

    def target(self, path: Path) -> Path:
        """``path`` with this format's suffix, added when the user left it out."""
        return path if path.suffix.lower() == self.suffix else path.with_name(path.name + self.suffix)


EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        "xlsx",
        "Excel",
        ".xlsx",
        "&Excel…",
        "rozpočet jako sešit Excel (.xlsx)",
        "dossier.formats.xlsx_export",
        "export_xlsx",
    ),
    Exporter(
        "docx",
        "Word",
        ".docx",
        "&Word…",
        "popis projektů jako dokument Word (.docx)",
        "dossier.formats.docx_export",
        "export_docx",
    ),
    # Qt lays out and paginates the printable document; the writer starts a headless application itself.
    Exporter(
        "pdf", "PDF", ".pdf", "&PDF…", "celá žádost k tisku a podpisu (.pdf)", "dossier.ui.printing", "export_pdf"
    ),
    Exporter(
        "portal",
        "Podání do portálu (HTML)",
        ".html",
        "&Podání do portálu (HTML)…",
        "pracovní podklad pro přepis do portálu RISPF jako jedna stránka HTML",
        "dossier.formats.portal_html",
        "export_portal_html",
        "podání do portálu",
    ),
    Exporter(
        "council",
        "Podklad pro radu",
        ".docx",
        "Podklad pro &radu…",
        "důvodová zpráva a návrh usnesení pro radu jako dokument Word (.docx)",
        "dossier.formats.council_docx",
        "export_council_docx",
        "podklad pro radu",
    ),
    Exporter(
        "ics",
        "Kalendář termínů",
        ".ics",
        "&Kalendář termínů…",
        "termíny ročníku jako kalendář iCalendar (.ics)",
        "dossier.formats.calendar_ics",
        "export_ics",
        "termíny",
    ),
    Exporter(
        "settlement",
        "Vyúčtování",
        ".xlsx",
        "&Vyúčtování dotace…",
        "vyúčtování dotace a čerpání (.xlsx)",
        "dossier.formats.settlement_xlsx",
        "export_settlement",
        "vyúčtování dotace",
    ),
    Exporter(
        "final-report",
        "Závěrečná zpráva",
        ".docx",
        "&Závěrečná zpráva…",
        "závěrečná zpráva o realizaci projektů (.docx)",
        "dossier.formats.final_report_docx",
        "export_final_report",
        "závěrečná zpráva",
    ),
)

#: The pair the office exports together (Export ▸ Excel i Word).
WORKING_SET = ("xlsx", "docx")


def exporter(key: str) -> Exporter:
    for candidate in EXPORTERS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)
