"""The "Ukázková data" banner above the editor while a sample dossier (``metadata.sample``) is open.

The bundled samples mix real, sourced facts with invented details; the banner says so and
shows the note that lists what is invented, so nobody files a sample by mistake.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ..core.labels import SAMPLE_MARK
from .document import Document
from .widgets import Banner, install_above_central

STYLE = "background: #fff4ce; border-bottom: 1px solid #e0c97a;"


class SampleBanner(Banner):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("sample_banner", STYLE, parent)
        self.document = document
        self.label.setText(f"<b>{SAMPLE_MARK}.</b> Žádost slouží k vyzkoušení aplikace; nepodávejte ji.")
        self.note_button = self.add_button("Zobrazit poznámku", self.show_note)
        self.clear_button = self.add_button(
            "Nejde o ukázku",
            self.clear_mark,
            "Zruší označení ukázkových dat (např. když jste údaje nahradili vlastními); Ctrl+Z vrátí.",
        )
        document.dossierReplaced.connect(self.update_visibility)
        document.valueChanged.connect(self._changed)
        document.fileChanged.connect(self.update_visibility)
        self.update_visibility()

    def _changed(self, path: str) -> None:
        if path.startswith("metadata"):
            self.update_visibility()

    def update_visibility(self) -> None:
        self.setVisible(self.document.dossier.metadata.sample)
        self.clear_button.setEnabled(not self.document.read_only)

    def show_note(self) -> None:
        note = self.document.dossier.metadata.note.strip() or "Poznámka k ukázce je prázdná."
        box = QMessageBox(QMessageBox.Icon.Information, "Ukázková data", note, parent=self.window())
        box.setTextFormat(box.textFormat().PlainText)
        box.exec()

    def clear_mark(self) -> None:
        if not self.document.read_only:
            self.document.set_value("metadata/sample", False)


def install_sample_banner(window: QMainWindow, document: Document) -> SampleBanner:
    """Put the banner above the window's central widget (one call from the main window)."""
    banner = SampleBanner(document)
    install_above_central(window, banner)
    return banner
