"""Checks: dossier → findings (severity, code, field path, Czech message, rule citation).

Each check is a small generator registered with ``@check`` in one of the modules of this
package; ``run_checks`` runs them all against the rule pack of the dossier's own year and
round. Together they cover what an MV reviewer looks at in an application.
"""
from __future__ import annotations

import datetime as dt

from ..model import Dossier
from ..rules import rules_for
from . import applicant, assessment, budget, general, grant, kinds, projects, submission  # noqa: F401 - importing registers the checks
from .base import ERROR, INFO, REGISTRY, WARNING, Context, Finding

__all__ = ["ERROR", "INFO", "WARNING", "Finding", "counts", "run_checks"]


def run_checks(dossier: Dossier, *, today: dt.date | None = None) -> list[Finding]:
    """All findings for the dossier, errors first, in the order of the dossier; ``today`` defaults to the clock."""
    ctx = Context(dossier, rules_for(dossier.year, dossier.round), today or dt.date.today())
    findings = [f for fn in REGISTRY for f in fn(ctx)]
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])  # stable: keeps dossier order within a severity


def counts(findings: list[Finding]) -> dict[str, int]:
    return {sev: sum(f.severity == sev for f in findings) for sev in (ERROR, WARNING, INFO)}
