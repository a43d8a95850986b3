"""Checks: dossier → findings (severity, code, field path, Czech message, rule citation).

Each check is a small generator registered with ``@check`` in one of the modules of this
package; ``run_checks`` runs them all against the rule pack of the dossier's own year and
round. The numbers in comments refer to program-pk.md §6, the list of what an MV reviewer
looks at.
"""
from __future__ import annotations

from collections import Counter

from ..model import Dossier
from . import applicant, budget, general, kinds, projects  # noqa: F401 - importing registers the checks
from .base import ERROR, INFO, WARNING, Finding
from .incremental import CheckRunner

__all__ = ["ERROR", "INFO", "WARNING", "CheckRunner", "Finding", "counts", "run_checks"]


def run_checks(dossier: Dossier) -> list[Finding]:
    """All findings for the dossier, errors first, in the order of the dossier."""
    return CheckRunner().run(dossier)


def counts(findings: list[Finding]) -> dict[str, int]:
    found = Counter(f.severity for f in findings)  # one pass: a rolled-over dossier has 15 000 findings
    return {sev: found[sev] for sev in (ERROR, WARNING, INFO)}
