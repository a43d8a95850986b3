"""How serious a finding is: one type instead of the bare strings "error", "warning", "info".

A ``StrEnum``: members equal their strings, so ``check --json`` prints "error" and code that
compares with the old strings keeps working; ``sorted(..., key=Severity.rank)`` puts errors first.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information: the order people read them in."""
        return _RANK[self]

    @classmethod
    def of(cls, value: str) -> Severity:
        return value if isinstance(value, cls) else cls(value)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
#: All severities, most serious first.
ORDER = tuple(Severity)
