"""Checks: dossier → findings (severity, code, field path, Czech message, rule citation).

Each check is a small generator registered with ``@check`` in one of the modules of this
package; ``run_checks`` runs them all against the rule pack of the dossier's own year and
round. Together they cover what an MV reviewer looks at in an application.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..model import Dossier
from ..severity import Severity
from . import applicant, assessment, budget, general, grant, kinds, projects, submission  # noqa: F401 - importing registers the checks
from .base import ERROR, INFO, WARNING, Finding
from .incremental import CheckRunner

__all__ = ["ERROR", "INFO", "WARNING", "CheckRunner", "Finding", "Severity", "counts", "run_checks"]


def run_checks(dossier: Dossier, *, today: dt.date | None = None) -> list[Finding]:
    """All findings for the dossier, errors first, in the order of the dossier; ``today`` defaults to the clock."""
    return CheckRunner().run(dossier, today=today)


def counts(findings: list[Finding]) -> dict[Severity, int]:
    """Findings per severity, every severity present (``counts(f)["error"]`` works too)."""
    found = Counter(f.severity for f in findings)  # one pass: a rolled-over dossier has 15 000 findings
    return {sev: found[sev] for sev in Severity}
