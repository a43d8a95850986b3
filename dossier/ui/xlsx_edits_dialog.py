"""Opening a workbook that was edited after export: show the differences, let the user choose.

The visible sheets and the hidden data of an exported workbook are compared on import
(``formats/xlsx_edits.py``). When they differ, this dialog lists every difference (where, field,
exported value, value in the workbook) and offers: take the workbook's values (the default:
that is what the colleague saw and changed), keep the exported values, or cancel the opening.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Dossier
from ..formats.open_any import read_any
from ..formats.xlsx_edits import Edit

VISIBLE, EXPORTED = "visible", "exported"
COLUMNS = ("Kde", "Údaj", "Exportováno", "V sešitu", "Poznámka")
CANNOT_TAKE = "nelze převzít – ponechána exportovaná hodnota"


class XlsxEditsDialog(QDialog):
    """The differences and three buttons; ``choice`` is VISIBLE, EXPORTED or None (cancelled)."""

    def __init__(self, file_name: str, edits: list[Edit], parent: QWidget | None = None):
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle("Sešit byl upraven")
        intro = QLabel(
            f"Sešit „{file_name}“ byl po exportu upraven: viditelné listy se v {len(edits)} "
            "údajích liší od dat, která do něj aplikace při exportu uložila.\n"
            "Vyberte, které hodnoty se mají použít."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(edits), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, edit in enumerate(edits):
            for col, text in enumerate(
                (edit.where, edit.label, edit.old, edit.new, "" if edit.applicable else CANNOT_TAKE)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox()
        self.take_button = QPushButton("Použít hodnoty ze sešitu")
        self.keep_button = QPushButton("Ponechat exportované hodnoty")
        self.cancel_button = QPushButton("Zrušit otevření")
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.take_button.setDefault(True)
        self.take_button.clicked.connect(lambda: self._choose(VISIBLE))
        self.keep_button.clicked.connect(lambda: self._choose(EXPORTED))
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, activated=self.copy_rows)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(960, 480)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def copy_rows(self) -> None:
        """Ctrl+C: the selected differences as tab-separated text, e.g. for an e-mail to the colleague."""
        from PySide6.QtWidgets import QApplication

        rows = sorted({index.row() for index in self.table.selectedIndexes()}) or range(self.table.rowCount())
        lines = ["\t".join(self.table.item(r, c).text() for c in range(len(COLUMNS))) for r in rows]
        QApplication.clipboard().setText("\n".join(lines))


def ask_choice(parent: QWidget | None, file_name: str, edits: list[Edit]) -> str | None:
    """Show the dialog; VISIBLE, EXPORTED or None. Tests replace this function to answer it."""
    dialog = XlsxEditsDialog(file_name, edits, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    return dialog.choice


def load_for_open(parent: QWidget | None, path: Path) -> Dossier | None:
    """The dossier to open from ``path``; ``None`` when the user cancelled. Raises ``DossierError``."""
    result = read_any(Path(path))
    if not result.edits:
        return result.visible
    choice = ask_choice(parent, Path(path).name, result.edits)
    if choice is None:
        return None
    return result.visible if choice == VISIBLE else result.exported
