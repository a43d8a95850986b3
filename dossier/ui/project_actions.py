"""Adding, duplicating, removing and reordering projects; every change is one undo step."""

from __future__ import annotations

from ..core import kinds
from ..core.documents import missing_rows
from ..core.model import ProjectKind
from .document import Document


def new_project(document: Document, kind: ProjectKind) -> str:
    """Append a project of ``kind`` with its section, a title and the programme year's dates."""
    dossier = document.dossier
    project = kinds.new_project(dossier, kind)
    project.documents = missing_rows(project, document.rules().pack)  # what the year's pack requires, "potřeba"
    document.insert("projects", len(dossier.projects), project, f"Nový projekt: {project.title}")
    return project.id


def duplicate_project(document: Document, project_id: str) -> str:
    """A deep copy right after the original, with a new id and " (kopie)" in the title."""
    dossier = document.dossier
    index = _index(document, project_id)
    copy = dossier.projects[index].model_copy(deep=True)
    copy.id = dossier.new_project_id()
    copy.title = f"{copy.title} (kopie)"
    copy.grant = None  # the award and the payments belong to the original project
    document.insert("projects", index + 1, copy, f"Duplikovat projekt: {dossier.projects[index].title}")
    return copy.id


def remove_project(document: Document, project_id: str) -> str | None:
    """Remove a project (undoable, so no confirmation); returns the id of a neighbour to show."""
    index = _index(document, project_id)
    title = document.dossier.projects[index].title
    document.remove("projects", index, f"Odstranit projekt: {title}")
    remaining = document.dossier.projects
    if not remaining:
        return None
    return remaining[min(index, len(remaining) - 1)].id


def move_project(document: Document, project_id: str, delta: int) -> bool:
    index = _index(document, project_id)
    target = index + delta
    if not 0 <= target < len(document.dossier.projects):
        return False
    document.move("projects", index, target, "Přesunout projekt")
    return True


def _index(document: Document, project_id: str) -> int:
    return next(i for i, p in enumerate(document.dossier.projects) if p.id == project_id)
