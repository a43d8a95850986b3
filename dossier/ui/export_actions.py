"""Soubor ▸ Export: Excel, Word or both, with a busy indicator and "Otevřít složku" afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from ..core.errors import DossierError
from ..core.filenames import default_export_name
from ..formats.exporters import ExportOptions, exporter
from ..logs import log_file, log_unexpected
from . import settings
from .document import Document


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class ExportActions(QObject):
    def __init__(self, window: QMainWindow, document: Document):
        super().__init__(window)
        self.window, self.document = window, document

    def _name(self, kind: str) -> str:
        export = exporter(kind)
        return default_export_name(self.document.dossier, export.suffix, export.file_label or None)

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
            export = exporter(kinds[0])
            start = str(self._folder() / self._name(export.key))
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, f"Export do formátu {export.name}", start, f"{export.name} (*{export.suffix})"
            )
            return {export.key: export.target(Path(chosen))} if chosen else {}
        folder = QFileDialog.getExistingDirectory(self.window, "Složka pro export", str(self._folder()))
        if not folder:
            return {}
        targets = {kind: Path(folder) / self._name(kind) for kind in kinds}
        existing = [p.name for p in targets.values() if p.exists()]
        if (
            existing
            and QMessageBox.question(
                self.window,
                "Přepsat soubory?",
                "Ve složce už existují soubory:\n" + "\n".join(existing) + "\n\nPřepsat je?",
            )
            != QMessageBox.StandardButton.Yes
        ):
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
                progress.setLabelText(f"Export do formátu {exporter(kind).name}…")
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
        export = exporter(kind)
        # The page footer names the dossier, as the CLI does; Word uses the office's template.
        options = ExportOptions(
            file_label=self.document.path.name if self.document.path else "", template=settings.word_template()
        )
        try:
            export.write(self.document.dossier, path, options)
        except DossierError as exc:
            return f"{export.name}: {exc}"
        except Exception as exc:  # noqa: BLE001 - an exporter bug must not lose the user's session
            log_unexpected(f"export {export.key} do {path}", exc)
            return f"{export.name}: export selhal ({type(exc).__name__}: {exc}). Podrobnosti jsou v {log_file()}."
        return ""

    def _report(self, written: list[Path]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export dokončen",
            "Vytvořeny soubory:\n" + "\n".join(str(p) for p in written),
            parent=self.window,
        )
        open_button = box.addButton("Otevřít složku", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Zavřít", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(written[0].parent)


def choose_word_template(window: QMainWindow) -> None:
    """Export ▸ Šablona pro Word: the office's letterhead and styles, remembered for next time."""
    current = settings.word_template()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Šablona pro Word",
        f"Popis projektů se vytváří podle šablony:\n{current or 'výchozí šablona aplikace'}\n\n"
        "Šablona určuje písma, styly, okraje a hlavičku (např. hlavičkový papír úřadu).",
        parent=window,
    )
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
                from ..formats.docx_export import open_template  # the Word libraries load on first use

                open_template(Path(name))
            except DossierError as exc:
                QMessageBox.warning(window, "Šablonu nelze použít", str(exc))
                return
            settings.set_word_template(Path(name))
            window.statusBar().showMessage(f"Šablona pro Word: {name}", 5000)
