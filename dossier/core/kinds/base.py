"""What a project kind is made of: the pieces every kind module fills in.

A kind module (``apk.py``, ``mkds.py``…) builds one ``KindSpec``; ``kinds/__init__.py`` lists
them. Everything here is plain data and functions over the model: no Qt, no files. The Word
and PDF exports draw a kind's ``KindBlock``, the Excel export shows its facts, the checks run
its checks, the roll-forward applies its rules; the form page is registered by kind in
``ui/kind_forms.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import BudgetType, Model, Project, ProjectKind


@dataclass(frozen=True)
class Column:
    """A column of a kind's table; ``width`` in centimetres of an A4 page (Word, PDF)."""

    title: str
    width: float
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class KindBlock:
    """A kind's own part of a project, ready to print: facts first, then tables, then texts.

    Exporters draw it in their own way; a table without rows and a text that is empty are left out.
    """

    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)


#: A check of one project of the kind; gets the checks' ``Context`` and yields ``Finding``s.
ProjectCheck = Callable[[Any, Project], Iterator[Any]]
#: A check over the whole dossier (e.g. a cap counted over all projects of the kind).
DossierCheck = Callable[[Any], Iterator[Any]]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the policy cache is keyed by specs
class KindSpec:
    kind: ProjectKind
    #: "Asistent prevence kriminality (APK)": menus, the card, exports.
    label: str
    #: "APK": the navigator, summary tables, default project titles.
    short: str
    default_budget_type: BudgetType = BudgetType.NEINV
    #: Whether the years' rules may allow a multi-year project of this kind.
    multi_year: bool = False
    #: The ``Project`` field holding the kind's own section ("apk"), or "" for kinds without one.
    section: str = ""
    section_model: type[Model] | None = None
    #: Title of the form tab of the section.
    tab_title: str = ""
    #: Czech names of the section's fields (paths below it: undo texts, check places).
    field_labels: dict[str, str] = field(default_factory=dict)
    #: The kind's part of the Word and PDF narrative; its facts also head the Excel sheet.
    block: Callable[[Project], KindBlock] | None = None
    #: Heading of that part; "" for the section's label ("Asistenti prevence kriminality").
    block_title: str = ""
    project_checks: tuple[ProjectCheck, ...] = ()
    dossier_checks: tuple[DossierCheck, ...] = ()
    #: Roll-forward rules for the section (same shape as in ``rollover-policy.json``).
    rollover_rules: tuple[dict[str, Any], ...] = ()

    def section_of(self, project: Project) -> Model | None:
        """The project's section of this kind, or ``None`` (no section, or not filled in yet)."""
        return getattr(project, self.section) if self.section else None

    def new_section(self) -> Model | None:
        return self.section_model() if self.section_model is not None else None

    @property
    def heading(self) -> str:
        """The heading of the kind's printed part."""
        from .. import labels  # labels reads the kind registry on use

        return self.block_title or labels.PROJECT_FIELDS.get(self.section, self.label)

    def block_of(self, project: Project) -> KindBlock | None:
        """The part to print: only for a project of this kind, and (for a kind with a section)
        when the section exists: a part left over from a changed kind is not shown in the app either."""
        if self.block is None or project.kind != self.kind:
            return None
        if self.section and self.section_of(project) is None:
            return None
        return self.block(project)
