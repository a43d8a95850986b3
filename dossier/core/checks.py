"""Checks: dossier → findings (severity, code, field path, Czech message, rule citation)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Dossier


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    code: str
    path: str  # "applicant/ico", "projects/P2/budget/3/requested"
    message: str
    citation: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def run_checks(dossier: Dossier) -> list[Finding]:
    return []
