"""Soubor ▸ Export: Excel, Word or both, with a busy indicator and "Otevřít složku" afterwards."""
from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from ..core.errors import DossierError
from ..core.filenames import default_export_name
from . import settings
from .document import Document

#: kind → (module, function, suffix, Czech name)
EXPORTERS = {
    "xlsx": ("dossier.formats.xlsx_export", "export_xlsx", ".xlsx", "Excel"),
    "docx": ("dossier.formats.docx_export", "export_docx", ".docx", "Word"),
}


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class ExportActions(QObject):
    def __init__(self, window: QMainWindow, document: Document):
        super().__init__(window)
        self.window, self.document = window, document

    def _name(self, suffix: str) -> str:
        return default_export_name(self.document.dossier, suffix)

    def _folder(self) -> Path:
        return self.document.path.parent if self.document.path else Path.home()

    def export(self, kinds: tuple[str, ...]) -> list[Path]:
        """Ask where, write the files, report; returns the written paths."""
        targets = self._ask_targets(kinds)
        if not targets:
            return []
        written = self.run(targets)
        if written:
            self._report(written)
        return written

    def _ask_targets(self, kinds: tuple[str, ...]) -> dict[str, Path]:
        if len(kinds) == 1:
            kind = kinds[0]
            _module, _func, suffix, name = EXPORTERS[kind]
            start = str(self._folder() / self._name(suffix))
            chosen, _ = QFileDialog.getSaveFileName(self.window, f"Export do formátu {name}", start,
                                                    f"{name} (*{suffix})")
            if not chosen:
                return {}
            path = Path(chosen)
            return {kind: path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)}
        folder = QFileDialog.getExistingDirectory(self.window, "Složka pro export", str(self._folder()))
        if not folder:
            return {}
        targets = {kind: Path(folder) / self._name(EXPORTERS[kind][2]) for kind in kinds}
        existing = [p.name for p in targets.values() if p.exists()]
        if existing and QMessageBox.question(
                self.window, "Přepsat soubory?",
                "Ve složce už existují soubory:\n" + "\n".join(existing) + "\n\nPřepsat je?") \
                != QMessageBox.StandardButton.Yes:
            return {}
        return targets

    def run(self, targets: dict[str, Path]) -> list[Path]:
        """Write each export; a failure is reported in Czech and the others still run."""
        progress = QProgressDialog("Probíhá export…", "", 0, len(targets), self.window)
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        written, errors = [], []
        try:
            for step, (kind, path) in enumerate(targets.items()):
                progress.setLabelText(f"Export do formátu {EXPORTERS[kind][3]}…")
                progress.setValue(step)
                QApplication.processEvents()
                error = self._write(kind, path)
                if error:
                    errors.append(error)
                else:
                    written.append(path)
        finally:
            progress.setValue(len(targets))
            QApplication.restoreOverrideCursor()
            progress.close()
        if errors:
            QMessageBox.critical(self.window, "Export se nezdařil", "\n\n".join(errors))
        return written

    def _write(self, kind: str, path: Path) -> str:
        module_name, func_name, _suffix, name = EXPORTERS[kind]
        extra = {}
        if kind == "xlsx" and self.document.path:
            extra["file_label"] = self.document.path.name  # the page footer names the dossier, as the CLI does
        if kind == "docx":
            extra["template"] = settings.word_template()
        try:
            # Imported on first use: the export libraries are not needed to start the editor.
            function = getattr(importlib.import_module(module_name), func_name)
            function(self.document.dossier, path, **extra)
        except DossierError as exc:
            return f"{name}: {exc}"
        except Exception as exc:  # an exporter bug must not lose the user's session
            return f"{name}: export selhal ({type(exc).__name__}: {exc})."
        return ""

    def _report(self, written: list[Path]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Export dokončen",
                          "Vytvořeny soubory:\n" + "\n".join(str(p) for p in written), parent=self.window)
        open_button = box.addButton("Otevřít složku", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Zavřít", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(written[0].parent)


def choose_word_template(window: QMainWindow) -> None:
    """Export ▸ Šablona pro Word: the office's letterhead and styles, remembered for next time."""
    current = settings.word_template()
    box = QMessageBox(QMessageBox.Icon.Question, "Šablona pro Word",
                      f"Popis projektů se vytváří podle šablony:\n{current or 'výchozí šablona aplikace'}\n\n"
                      "Šablona určuje písma, styly, okraje a hlavičku (např. hlavičkový papír úřadu).",
                      parent=window)
    pick = box.addButton("Vybrat šablonu…", QMessageBox.ButtonRole.AcceptRole)
    reset = box.addButton("Výchozí šablona", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Zrušit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is reset:
        settings.set_word_template(None)
        window.statusBar().showMessage("Pro Word se použije výchozí šablona.", 5000)
    elif box.clickedButton() is pick:
        start = str(current.parent) if current else ""
        name, _ = QFileDialog.getOpenFileName(window, "Šablona pro Word", start, "Dokument Word (*.docx *.dotx)")
        if name:
            try:  # checked and cleaned now, so a bad template is refused before the first export
                importlib.import_module("dossier.formats.docx_export").open_template(Path(name))
            except DossierError as exc:
                QMessageBox.warning(window, "Šablonu nelze použít", str(exc))
                return
            settings.set_word_template(Path(name))
            window.statusBar().showMessage(f"Šablona pro Word: {name}", 5000)
