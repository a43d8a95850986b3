"""The notice bar: a message the user must read in full, above the editor until they close it.

The status bar keeps what is transient ("Uloženo: …"). Its room beside the totals is about a
third of the window, so a sentence that says where the user's changes went or what to do next
was cut off and then vanished; such a sentence goes here instead (``MainWindow.notify``).
A notice belongs to the dossier it is about: opening another one hides it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QWidget

from .document import Document
from .widgets import Banner, install_above_central

STYLE = "background: #e6f2fb; border-bottom: 1px solid #8cb8dc;"
#: A run of this many characters without a space (a long file name) may wrap anywhere.
_LONG_RUN = re.compile(r"\S{40,}")
_BREAK = "\u200b"  # zero-width space: a line break opportunity that is not drawn


def _breakable(text: str) -> str:
    """The text with break opportunities in over-long words, so the label wraps instead of clipping."""
    return _LONG_RUN.sub(lambda m: _BREAK.join(m.group(0)[i : i + 20] for i in range(0, len(m.group(0)), 20)), text)


class NoticeBar(Banner):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("notice_bar", STYLE, parent)
        # File names come from outside: never read them as markup.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # The window's width decides the label's, not the longest word in it.
        policy = self.label.sizePolicy()  # keeps the word wrap's height-for-width
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.label.setSizePolicy(policy)
        self.label.setMinimumWidth(1)
        self.close_button = self.add_button("Zavřít", self.dismiss, "Skryje toto oznámení (Esc).")
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.dismiss)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only when the bar has the focus
        self.text = ""
        document.dossierReplaced.connect(self.dismiss)
        self.hide()

    def show_notice(self, text: str) -> None:
        self.text = text
        self.label.setText(_breakable(text))
        self.show()

    def dismiss(self) -> None:
        self.text = ""
        self.label.clear()
        self.hide()


def install_notice_bar(window: QMainWindow, document: Document) -> NoticeBar:
    """Put the (hidden) bar above the window's central widget (one call from the main window)."""
    bar = NoticeBar(document)
    install_above_central(window, bar)
    return bar
