"""Undoable edits (QUndoCommand), named in Czech for the Úpravy menu."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..core import paths
from ..core.grant import follow_budget_change, restore_budget_change

if TYPE_CHECKING:
    from .document import Document

_MERGE_ID = 1001
#: Prefix of the ``valueChanged`` path that tells views a review mark came or went (see ``review``).
REVIEW_PREFIX = "review/"


class SetValue(QUndoCommand):
    """One field changed. Editing a carried-over value is checking it: its review mark goes in the
    same step, and undo brings value and mark back together."""

    def __init__(self, document: Document, path: str, value: Any, *, merge: bool = False):
        super().__init__(f"Úprava: {paths.label(path)}")
        self.document = document
        self.path = path
        self.old = copy.deepcopy(document.get(path))
        self.new = copy.deepcopy(value)
        self.mergeable = merge
        # The whole dict, so that undo restores the marks in their order (saved files stay byte-stable).
        self.review_before = dict(document.dossier.review) if path in document.dossier.review else None

    def id(self) -> int:
        return _MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt naming
        if not isinstance(other, SetValue) or not other.mergeable or other.path != self.path:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document._apply_value(self.path, self.new)
        if self.review_before is not None:
            self.document.dossier.review.pop(self.path, None)
            self.document.valueChanged.emit(REVIEW_PREFIX + self.path)

    def undo(self) -> None:
        self.document._apply_value(self.path, self.old)
        if self.review_before is not None:
            review = self.document.dossier.review
            review.clear()
            review.update(self.review_before)
            self.document.valueChanged.emit(REVIEW_PREFIX + self.path)


class _ListCommand(QUndoCommand):
    """A change of a list's shape. Review marks of list items are keyed by index
    ("projects/P1/budget/3/unit_price"), so they follow their rows; undo restores them as they were."""

    def __init__(self, document: Document, list_path: str, text: str):
        super().__init__(text)
        self.document, self.list_path = document, list_path
        self.review_before: dict[str, str] = {}

    def new_index(self, index: int) -> int | None:
        raise NotImplementedError

    def change(self) -> None:
        raise NotImplementedError

    def restore(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        dossier = self.document.dossier
        self.review_before = dict(dossier.review)
        removed_project = self._removed_project_id()
        self.change()
        if dossier.review:
            dossier.review = _remap(dossier.review, self.list_path, self.new_index, removed_project)
        self.payment_lines_before = follow_budget_change(dossier, self.list_path, self.new_index)
        self.document.listChanged.emit(self.list_path)

    def undo(self) -> None:
        self.restore()
        self.document.dossier.review = self.review_before
        restore_budget_change(self.document.dossier, self.list_path, self.payment_lines_before)
        self.document.listChanged.emit(self.list_path)

    def _removed_project_id(self) -> str | None:
        return None


def _remap(review: dict[str, str], list_path: str, new_index, removed_project: str | None) -> dict[str, str]:
    prefix = list_path + "/"
    result = {}
    for path, note in review.items():
        if removed_project and (
            path == paths.project_path(removed_project) or path.startswith(paths.project_path(removed_project) + "/")
        ):
            continue
        if path.startswith(prefix):
            head, sep, tail = path[len(prefix) :].partition("/")
            if head.isdigit():
                target = new_index(int(head))
                if target is None:
                    continue  # the row is gone; undo brings the mark back
                path = f"{prefix}{target}{sep}{tail}"
        result[path] = note
    return result


class InsertItem(_ListCommand):
    def __init__(self, document: Document, list_path: str, index: int, item: Any, text: str = ""):
        super().__init__(document, list_path, text or "Vložit položku")
        self.index = index
        self.item = copy.deepcopy(item)

    def new_index(self, index: int) -> int | None:
        return index + 1 if index >= self.index else index

    def change(self) -> None:
        self.document._list(self.list_path).insert(self.index, copy.deepcopy(self.item))

    def restore(self) -> None:
        del self.document._list(self.list_path)[self.index]


class RemoveItem(_ListCommand):
    def __init__(self, document: Document, list_path: str, index: int, text: str = ""):
        super().__init__(document, list_path, text or "Odstranit položku")
        self.index = index
        self.item = copy.deepcopy(document._list(list_path)[index])

    def new_index(self, index: int) -> int | None:
        return None if index == self.index else index - 1 if index > self.index else index

    def change(self) -> None:
        del self.document._list(self.list_path)[self.index]

    def restore(self) -> None:
        self.document._list(self.list_path).insert(self.index, copy.deepcopy(self.item))

    def _removed_project_id(self) -> str | None:
        return getattr(self.item, "id", None) if self.list_path == "projects" else None


class MoveItem(_ListCommand):
    def __init__(self, document: Document, list_path: str, source: int, target: int, text: str = ""):
        super().__init__(document, list_path, text or "Přesunout položku")
        self.source, self.target = source, target

    def new_index(self, index: int) -> int | None:
        if index == self.source:
            return self.target
        if self.source < index <= self.target:
            return index - 1
        if self.target <= index < self.source:
            return index + 1
        return index

    def change(self) -> None:
        items = self.document._list(self.list_path)
        items.insert(self.target, items.pop(self.source))

    def restore(self) -> None:
        items = self.document._list(self.list_path)
        items.insert(self.source, items.pop(self.target))


class ReplaceList(_ListCommand):
    """A whole list at once (a pasted block of budget lines): one undo step and one redraw.

    Rows keep their index, so review marks stay on their rows; marks of rows beyond the new
    end go (undo brings them back).
    """

    def __init__(self, document: Document, list_path: str, items: list, text: str = ""):
        super().__init__(document, list_path, text or "Nahradit položky")
        self.before = copy.deepcopy(document._list(list_path))
        self.after = copy.deepcopy(items)

    def new_index(self, index: int) -> int | None:
        return index if index < len(self.after) else None

    def change(self) -> None:
        self.document._list(self.list_path)[:] = copy.deepcopy(self.after)

    def restore(self) -> None:
        self.document._list(self.list_path)[:] = copy.deepcopy(self.before)
