"""Run the checks again after a change, re-running only what the change can affect.

Project checks read one project, the year and the rule pack; their findings are kept per
project object and re-run only for the projects the caller names as changed (or that are new,
re-inserted or replaced objects). Dossier-wide checks are cheap and run every time. The result
is the same list ``run_checks`` gives, in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..model import Dossier, Project
from ..rules import rules_for
from ..severity import Severity
from .base import ORDER, PROJECT_CHECKS, REGISTRY, Context, Finding


class CheckRunner:
    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        #: id(project) → (the project, its id when checked, findings of each project check)
        self._projects: dict[int, tuple[Project, str, list[list[Finding]]]] = {}
        self._memo: dict[str, Any] = {}
        self.project_runs = 0  # how many times the project checks ran for one project (tests count)

    def run(
        self, dossier: Dossier, changed: Iterable[str] | None = None, *, today: dt.date | None = None
    ) -> list[Finding]:
        """All findings; ``changed`` names the project ids edited since the last run (``None``: all).

        ``today`` is the date the deadline checks count from (the clock unless a test gives one).
        """
        ctx = Context(dossier, rules_for(dossier.year, dossier.round), today or dt.date.today(), self._memo)
        key = (id(dossier), dossier.year, dossier.round, ctx.pack.key)
        if changed is None or key != self._key:
            self._projects.clear()
            self._key = key
        else:
            stale = set(changed)
            if stale:
                # By the id checked under too: an edit of the id itself is reported under the old one.
                self._projects = {k: v for k, v in self._projects.items() if v[1] not in stale and v[0].id not in stale}
        current: dict[int, tuple[Project, str, list[list[Finding]]]] = {}
        for project in dossier.projects:
            entry = self._projects.get(id(project))
            if entry is None or entry[0] is not project:
                entry = (project, project.id, [list(fn(ctx, project)) for fn in PROJECT_CHECKS])
                self.project_runs += 1
            current[id(project)] = entry  # holding the project keeps its id() unique
        self._projects = current
        findings: list[Finding] = []
        for scope, index in ORDER:
            if scope == "dossier":
                findings.extend(REGISTRY[index](ctx))
            else:
                for project in dossier.projects:
                    findings.extend(current[id(project)][2][index])
        # Errors first, then warnings, then information; dossier order within a severity.
        return [f for severity in Severity for f in findings if f.severity == severity]
