"""Undoable edits (QUndoCommand), named in Czech for the Úpravy menu."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..core import paths

if TYPE_CHECKING:
    from .document import Document

_MERGE_ID = 1001


class SetValue(QUndoCommand):
    def __init__(self, document: "Document", path: str, value: Any, *, merge: bool = False):
        super().__init__(f"Úprava: {paths.label(path)}")
        self.document = document
        self.path = path
        self.old = copy.deepcopy(document.get(path))
        self.new = copy.deepcopy(value)
        self.mergeable = merge

    def id(self) -> int:
        return _MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValue) or not other.mergeable or other.path != self.path:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document._apply_value(self.path, self.new)

    def undo(self) -> None:
        self.document._apply_value(self.path, self.old)


class InsertItem(QUndoCommand):
    def __init__(self, document: "Document", list_path: str, index: int, item: Any, text: str = ""):
        super().__init__(text or "Vložit položku")
        self.document, self.list_path, self.index = document, list_path, index
        self.item = copy.deepcopy(item)

    def redo(self) -> None:
        self.document._list(self.list_path).insert(self.index, copy.deepcopy(self.item))
        self.document.listChanged.emit(self.list_path)

    def undo(self) -> None:
        del self.document._list(self.list_path)[self.index]
        self.document.listChanged.emit(self.list_path)


class RemoveItem(QUndoCommand):
    def __init__(self, document: "Document", list_path: str, index: int, text: str = ""):
        super().__init__(text or "Odstranit položku")
        self.document, self.list_path, self.index = document, list_path, index
        self.item = copy.deepcopy(document._list(list_path)[index])

    def redo(self) -> None:
        del self.document._list(self.list_path)[self.index]
        self.document.listChanged.emit(self.list_path)

    def undo(self) -> None:
        self.document._list(self.list_path).insert(self.index, copy.deepcopy(self.item))
        self.document.listChanged.emit(self.list_path)


class MoveItem(QUndoCommand):
    def __init__(self, document: "Document", list_path: str, source: int, target: int, text: str = ""):
        super().__init__(text or "Přesunout položku")
        self.document, self.list_path, self.source, self.target = document, list_path, source, target

    def _move(self, source: int, target: int) -> None:
        items = self.document._list(self.list_path)
        items.insert(target, items.pop(source))
        self.document.listChanged.emit(self.list_path)

    def redo(self) -> None:
        self._move(self.source, self.target)

    def undo(self) -> None:
        self._move(self.target, self.source)
