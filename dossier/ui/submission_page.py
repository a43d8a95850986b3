"""The Podání page: the portal assistant, the submission checklist and the submission record.

States plainly what the app's files are: working documents and attachments for the ministry's
portal, not the application itself. Today's date is used only for the days left.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..core.checklist import checklist
from ..core.portal import all_field_ids, portal_map
from ..core.submission import SUBMISSION_FIELDS
from .document import Document
from .form import BoundForm, group, page_heading, scrolled
from .portal_assistant import PortalAssistant
from .widgets import show_status

WORKING_DOCUMENTS = (
    "Žádost se podává v portálu RISPF: portál z vyplněných údajů vytvoří Žádost, tu podepíše "
    "statutární zástupce a odešle ji datovou schránkou ministerstvu. Soubory z Dossieru (Excel, Word, "
    "tato stránka) jsou pracovní podklady a přílohy, nikoli žádost."
)


def _today() -> dt.date:
    return dt.date.today()


class SubmissionPage(BoundForm):
    def __init__(self, document: Document, parent: QWidget | None = None, today=_today):
        super().__init__(document, "submission/", parent)
        self.today = today
        f = SUBMISSION_FIELDS
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        notice = QLabel(WORKING_DOCUMENTS)
        notice.setWordWrap(True)
        notice.setStyleSheet("background: #fff4d6; border: 1px solid #e0b84c; padding: 4px;")

        self.assistant = PortalAssistant(document)
        self.assistant.rebuilt.connect(self._update_summary)
        record = QWidget()
        columns = QHBoxLayout(record)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        checks = group("Kontrolní seznam podání", left)
        self.checklist_label = QLabel()
        self.checklist_label.setWordWrap(True)
        self.checklist_label.setTextFormat(Qt.TextFormat.RichText)
        checks.addRow(self.checklist_label)
        self.copy_box = QPushButton("Kopírovat ID datové schránky ministerstva")
        self.copy_box.clicked.connect(self.copy_ministry_box)
        checks.addRow(self.copy_box)
        left.addStretch(1)

        council = group(f["council"], right)
        self.line(council, "council/body", f["council/body"], placeholder="Rada města / Zastupitelstvo města")
        self.line(council, "council/resolution", f["council/resolution"], placeholder="usnesení č. …")
        self.date(council, "council/date", f["council/date"])
        self.text(council, "cofinancing_source", "Zdroj spolufinancování", lines=3)
        signature = group("Podpis", right)
        self.check(signature, "signed", "", f["signed"])
        sent = group(f["sent"], right)
        self.date(sent, "sent/date", f["sent/date"])
        self.line(sent, "sent/reference", f["sent/reference"])
        self.line(sent, "sent/message_id", f["sent/message_id"])
        right.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.assistant, "Přepis do portálu")
        self.tabs.addTab(scrolled(record), "Kontrolní seznam a záznam o podání")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(page_heading("Podání"))
        layout.addWidget(self.status)
        layout.addWidget(notice)
        layout.addWidget(self.tabs, 1)
        for signal in (document.valueChanged, document.listChanged):
            signal.connect(self._update_summary)
        document.dossierReplaced.connect(self._update_summary)
        self.refresh_all()

    def _update_summary(self, *_args) -> None:
        if not self.isVisible():
            return  # shown again: showEvent updates
        dossier, pack = self.document.dossier, self.document.rules().pack
        items = checklist(dossier, pack, self.today())
        rows = []
        for item in items:
            mark = '<span style="color:#1b6e20">✔</span>' if item.done else '<span style="color:#c62828">✘</span>'
            rows.append(f"<tr><td>{mark}</td><td><b>{escape(item.label)}</b><br>{escape(item.detail)}</td></tr>")
        self.checklist_label.setText("<table cellspacing=4>" + "".join(rows) + "</table>")
        parts = [f"<b>Termín podání:</b> {escape(items[0].detail)}"]
        steps = self.assistant.steps
        if steps:
            done = len(set(dossier.submission.portal_done) & all_field_ids(steps))
            parts.append(f"<b>Přeneseno do portálu:</b> {done} z {sum(len(s.fields) for s in steps)}")
        open_items = [i.label for i in items if not i.done and i.key != "sent"]
        if open_items and not dossier.submission.is_submitted:
            parts.append(f"<b>Zbývá:</b> {escape('; '.join(open_items))}")
        self.status.setText(" · ".join(parts))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self._update_summary()

    def copy_ministry_box(self) -> None:
        box = portal_map(self.document.rules().pack.key).ministry_data_box
        if not box.value:
            show_status(self, "ID datové schránky ministerstva pravidla ročníku neuvádějí; ověřte jej ve výzvě.")
            return
        QGuiApplication.clipboard().setText(box.value)
        note = " (neověřeno – ověřte ve výzvě ročníku)" if box.unverified else ""
        show_status(self, f"Zkopírováno ID datové schránky ministerstva {box.value}{note}.")

    def focus_path(self, path: str) -> bool:
        if path.startswith("submission/portal_done"):
            self.tabs.setCurrentWidget(self.assistant)
            return True
        if path.startswith("submission/"):
            self.tabs.setCurrentIndex(1)
        return super().focus_path(path)
