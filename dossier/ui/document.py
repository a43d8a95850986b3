"""The open dossier as the UI sees it: the model, its undo stack, its file and change signals.

Widgets never mutate the model directly: they call ``set_value`` / ``insert`` / ``remove`` /
``move``, which push undoable commands (``commands.py``). Views listen to ``valueChanged``
and ``listChanged`` and redraw.

Totals are cached per project. Every change under ``projects/<id>/`` drops that project's
entry and marks it touched; once the undo step is complete (``indexChanged``: a single edit, a
whole paste macro, an undo) ``projectChanged`` fires once per touched project. Views that show
totals (navigator, project header, budget footer) listen to that, so a 1 000-row paste is one
recomputation of one project, not 1 000 recomputations of every project.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core import paths, totals
from ..core.model import Dossier, Project
from ..core.rules import RuleChoice, rules_for
from . import commands


class Document(QObject):
    #: A field changed (path of the field).
    valueChanged = Signal(str)  # noqa: N815 - Qt signal naming
    #: Items were inserted, removed or moved in a list (path of the list).
    listChanged = Signal(str)  # noqa: N815 - Qt signal naming
    #: A different dossier was loaded (new, open, recovery).
    dossierReplaced = Signal()  # noqa: N815 - Qt signal naming
    #: The file path or the read-only state changed.
    fileChanged = Signal()  # noqa: N815 - Qt signal naming
    #: Fields or lines of a project changed; once per undo step and project (project id).
    projectChanged = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, dossier: Dossier, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.dossier = dossier
        self.path = path
        self.read_only = False
        self.read_only_reason = ""
        #: project id → (the project object the totals were computed from, its totals)
        self._totals: dict[str, tuple[Project, totals.ProjectTotals]] = {}
        #: (the project objects, their combined totals): the status bar and the Žadatel page share it
        self._combined: tuple[tuple[Project, ...], totals.DossierTotals] | None = None
        self._touched: dict[str, None] = {}  # ordered set of project ids changed in this undo step
        self.totals_computed = 0  # how many project totals were computed (tests count them)
        # Connected first, so the cache is invalidated before any view reads it.
        self.valueChanged.connect(self._touch)
        self.listChanged.connect(self._touch)
        self.undo_stack.indexChanged.connect(self._announce_touched)

    # -- whole document -------------------------------------------------------------------
    def replace(self, dossier: Dossier, path: Path | None) -> None:
        self.dossier = dossier
        self.path = path
        self._totals.clear()
        self._combined = None
        self._touched.clear()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.dossierReplaced.emit()
        self.fileChanged.emit()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.fileChanged.emit()

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        self.read_only = read_only
        self.read_only_reason = reason
        self.fileChanged.emit()

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def rules(self) -> RuleChoice:
        return rules_for(self.dossier.year, self.dossier.round)

    # -- reading ----------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        return paths.get(self.dossier, path)

    def project_totals(self, project_id: str) -> totals.ProjectTotals:
        """The project's totals, computed once per change of the project (``KeyError`` if it is gone)."""
        return self._cached_totals(self.dossier.project(project_id))

    def dossier_totals(self) -> totals.DossierTotals:
        """The application's totals from the per-project cache: an edit recomputes one project, not all,
        and adds the projects up once, however many views ask."""
        projects = tuple(self.dossier.projects)
        if self._combined is None or not _same(self._combined[0], projects):
            self._combined = (projects, totals.combine(tuple(self._cached_totals(p) for p in projects)))
        return self._combined[1]

    def _cached_totals(self, project: Project) -> totals.ProjectTotals:
        cached = self._totals.get(project.id)
        if cached is not None and cached[0] is project:  # a re-inserted project is a new object
            return cached[1]
        result = totals.project_totals(project)
        self.totals_computed += 1
        self._totals[project.id] = (project, result)
        return result

    def _touch(self, path: str) -> None:
        self._combined = None  # any change may move a figure (or the list of projects)
        project_id = paths.project_id_of(path)
        if project_id is not None:
            self._totals.pop(project_id, None)
            self._touched[project_id] = None

    def _announce_touched(self, _index: int = 0) -> None:
        touched, self._touched = self._touched, {}
        for project_id in touched:
            self.projectChanged.emit(project_id)

    # -- editing (all undoable) -----------------------------------------------------------------
    def set_value(self, path: str, value: Any, *, merge: bool = False) -> None:
        """Change one field. ``merge`` joins consecutive edits of the same field (typing).

        Raises ``ValueError`` with a Czech reason, before anything is changed, when the value
        does not fit the field (e.g. "abc" as an amount).
        """
        value = paths.coerce(self.dossier, path, value)
        if self.get(path) == value:
            return
        self.undo_stack.push(commands.SetValue(self, path, value, merge=merge))

    def insert(self, list_path: str, index: int, item: Any, text: str = "") -> None:
        self.undo_stack.push(commands.InsertItem(self, list_path, index, item, text))

    def remove(self, list_path: str, index: int, text: str = "") -> None:
        self.undo_stack.push(commands.RemoveItem(self, list_path, index, text))

    def move(self, list_path: str, source: int, target: int, text: str = "") -> None:
        if source != target:
            self.undo_stack.push(commands.MoveItem(self, list_path, source, target, text))

    def replace_list(self, list_path: str, items: list, text: str = "") -> None:
        """Put ``items`` in place of the list's contents as one undo step (a pasted block)."""
        if list(self._list(list_path)) != list(items):
            self.undo_stack.push(commands.ReplaceList(self, list_path, items, text))

    def macro(self, text: str) -> _Macro:
        """``with document.macro("Vložit řádky"): ...`` groups edits into one undo step."""
        return _Macro(self.undo_stack, text)

    # -- used by commands only ----------------------------------------------------------------
    def _apply_value(self, path: str, value: Any) -> None:
        paths.set_value(self.dossier, path, copy.deepcopy(value))
        self.valueChanged.emit(path)

    def _list(self, list_path: str) -> list:
        return self.get(list_path)


def _same(first: tuple, second: tuple) -> bool:
    """The same objects in the same order (a project put back by undo is a new object)."""
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))


class _Macro:
    def __init__(self, stack: QUndoStack, text: str):
        self.stack, self.text = stack, text

    def __enter__(self):
        self.stack.beginMacro(self.text)
        return self

    def __exit__(self, *exc):
        self.stack.endMacro()
        return False
