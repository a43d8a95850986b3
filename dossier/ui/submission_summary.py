"""A short "Podání" box for the Žadatel page: the submission record or the deadline, with a way to the Podání page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.dates import format_date
from ..core.submission import days_text
from .document import Document


def submission_text(document: Document, today: dt.date) -> str:
    sub = document.dossier.submission
    deadline = document.rules().pack.deadline.value
    if sub.is_submitted:
        parts = [f"Žádost podána {format_date(sub.sent.date)}"]
        if sub.sent.reference:
            parts.append(f"č. j. {sub.sent.reference}")
        if sub.sent.message_id:
            parts.append(f"ID datové zprávy {sub.sent.message_id}")
        return ", ".join(parts) + "."
    return (
        f"Žádost zatím není zaznamenána jako podaná. Termín podání {format_date(deadline)} – "
        f"{days_text(deadline, today)}."
    )


class SubmissionSummary(QGroupBox):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("Podání", parent)
        self.document = document
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton("Otevřít stránku Podání")
        self.button.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        document.valueChanged.connect(self._changed)
        document.dossierReplaced.connect(self.refresh)
        self.refresh()

    def _changed(self, path: str) -> None:
        if path.startswith("submission") or path in ("year", "round"):
            self.refresh()

    def refresh(self) -> None:
        self.label.setText(submission_text(self.document, dt.date.today()))

    def _open(self) -> None:
        window = self.window()
        if hasattr(window, "select"):
            window.select("submission")
