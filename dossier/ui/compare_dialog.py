"""Soubor ▸ Porovnat s loňskou žádostí…: last year's (or any) dossier beside the open one.

Shows projects added and dropped, per project the budget deltas (category and line) and the
changed texts side by side; the same comparison can be saved as an Excel workbook.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.compare import Comparison, compare
from ..core.errors import DossierError
from ..core.filenames import default_export_name
from ..formats.compare_report import export_compare_xlsx, render_html
from ..formats.open_any import load_any
from .document import Document


class CompareDialog(QDialog):
    def __init__(self, comparison: Comparison, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison, self.document = comparison, document
        self.setWindowTitle(f"Porovnání {comparison.old_label} → {comparison.new_label}")
        self.resize(1100, 700)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setHtml(render_html(comparison))
        buttons = QDialogButtonBox()
        save = buttons.addButton("Uložit do Excelu…", QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_xlsx)
        buttons.addButton("Zavřít", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def save_xlsx(self) -> Path | None:
        folder = self.document.path.parent if self.document.path else Path.home()
        start = folder / default_export_name(self.document.dossier, ".xlsx", "porovnání s loňskou žádostí")
        name, _ = QFileDialog.getSaveFileName(self, "Uložit porovnání do Excelu", str(start), "Excel (*.xlsx)")
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        try:
            export_compare_xlsx(self.comparison, path)
        except DossierError as exc:
            QMessageBox.warning(self, "Porovnání nelze uložit", str(exc))
            return None
        if isinstance(self.parent(), QMainWindow):
            self.parent().statusBar().showMessage(f"Porovnání uloženo: {path}", 8000)
        return path


def _suggested(document: Document) -> str:
    """Last year's file when the dossier was rolled forward from one in the same folder."""
    folder = document.path.parent if document.path else Path.home()
    match = re.match(r"(.+?)\s*\(\d{4}(?:-\d+)?\)$", document.dossier.metadata.rolled_from)
    if match and (folder / match.group(1)).is_file():
        return str(folder / match.group(1))
    return str(folder)


def compare_with_file(window: QMainWindow, document: Document) -> CompareDialog | None:
    name, _ = QFileDialog.getOpenFileName(
        window, "Porovnat s loňskou žádostí", _suggested(document), "Žádost Dossier (*.dossier *.xlsx)"
    )
    if not name:
        return None
    try:
        old = load_any(Path(name))
    except DossierError as exc:
        QMessageBox.warning(window, "Žádost nelze načíst", str(exc))
        return None
    current = document.path.name if document.path else "otevřená žádost"
    dialog = CompareDialog(compare(old, document.dossier, Path(name).name, current), document, window)
    dialog.show()
    return dialog
