"""Review marks of a roll-forward in the editor: the badge next to a carried-over field and its undoable confirm.

A roll-forward stores ``dossier.review[path] = "převzato z roku 2020 – nezkontrolováno"`` for every
field the user should look at. Confirming removes the key through ``ConfirmReview`` (undoable)
and emits ``document.valueChanged("review/" + path)``; forms ignore that path (it is outside
their prefix), the check panel re-runs the checks and the REVIEW warning disappears.

How to place a badge in a form (the form engineer's side)::

    from .review import ReviewBadge
    form.addRow("", ReviewBadge(document, "applicant/statutory_representative"))
    # or under a group box / above a text field:
    layout.addWidget(ReviewBadge(document, paths.project_path(pid, "problem")))

The badge hides itself while the path has no mark, follows undo/redo and document
replacement, and disables "Potvrdit" for a read-only document. To confirm a whole project
at once: ``confirm(document, marks_under(document.dossier, paths.project_path(pid)))``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core import paths
from ..core.model import Dossier
from .commands import REVIEW_PREFIX  # noqa: F401 - defined beside SetValue, which emits it too
from .document import Document

BADGE_STYLE = (
    "QFrame#reviewBadge { background: #fff4ce; border: 1px solid #e0b000; border-radius: 3px; }"
    "QFrame#reviewBadge QLabel { color: #5c4400; }"
)


def review_note(dossier: Dossier, path: str) -> str | None:
    """The note of a marked path ("převzato z roku 2020 – nezkontrolováno"), None when it is not marked."""
    return dossier.review.get(path)


def marks_under(dossier: Dossier, prefix: str) -> list[str]:
    """Marked paths equal to ``prefix`` or below it ("projects/P1" → every mark of project P1)."""
    prefix = prefix.rstrip("/")
    return [p for p in dossier.review if p == prefix or p.startswith(prefix + "/")]


class ConfirmReview(QUndoCommand):
    """Remove review marks: "I have checked these carried-over fields"."""

    def __init__(self, document: Document, review_paths: Iterable[str], text: str = ""):
        self.document = document
        self.paths = [p for p in dict.fromkeys(review_paths) if p in document.dossier.review]
        default = (
            f"Potvrdit převzatý údaj: {paths.label(self.paths[0])}"
            if len(self.paths) == 1
            else f"Potvrdit převzaté údaje ({len(self.paths)})"
        )
        super().__init__(text or default)
        # The whole dict, so that undo restores the marks in their order (saved files stay byte-stable).
        self.before = dict(document.dossier.review)

    def redo(self) -> None:
        review = self.document.dossier.review
        for path in self.paths:
            review.pop(path, None)
        self._emit()

    def undo(self) -> None:
        review = self.document.dossier.review
        review.clear()
        review.update(self.before)
        self._emit()

    def _emit(self) -> None:
        for path in self.paths:
            self.document.valueChanged.emit(REVIEW_PREFIX + path)


def confirm(document: Document, review_paths: Iterable[str], text: str = "") -> bool:
    """Push a ``ConfirmReview`` for the marked ones among ``review_paths``; False if none is marked."""
    command = ConfirmReview(document, review_paths, text)
    if not command.paths:
        return False
    document.undo_stack.push(command)
    return True


class ReviewBadge(QFrame):
    """ "převzato z roku 2020 – nezkontrolováno  [Potvrdit]", shown only while ``path`` is marked."""

    def __init__(self, document: Document, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.path = document, path
        self.setObjectName("reviewBadge")
        self.setStyleSheet(BADGE_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton("Potvrdit")
        self.button.setToolTip("Údaj jsem zkontroloval(a); značku odstranit (lze vrátit Zpět).")
        self.button.clicked.connect(lambda: confirm(document, [self.path]))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 3, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        document.valueChanged.connect(self._value_changed)
        document.dossierReplaced.connect(self.refresh)
        document.fileChanged.connect(self.refresh)
        self.refresh()

    @property
    def note(self) -> str | None:
        return self.document.dossier.review.get(self.path)

    def refresh(self) -> None:
        note = self.note
        if note is not None:
            self.label.setText(note)
            self.setToolTip(f"{paths.label(self.path)}: {note}")
        self.button.setEnabled(not self.document.read_only)
        # Never show a parentless badge: it would pop up as a window of its own.
        if note is None:
            self.hide()
        elif self.parentWidget() is not None:
            self.show()

    def _value_changed(self, path: str) -> None:
        if path == REVIEW_PREFIX + self.path:
            self.refresh()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self.refresh()
        return super().event(event)
