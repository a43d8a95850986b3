"""Roll-forward: last year's dossier moved into a new programme year (domain logic, no files).

``engine`` applies the policy (``policy``: ``resources/rules/rollover-policy.json`` plus the
rules each project kind brings), ``transforms`` and ``actuals`` are the named value changes the
policy refers to, ``years`` the year arithmetic in texts and dates, ``report`` what changed.
"""

from .engine import RolloverResult, rollover, targets_after

__all__ = ["RolloverResult", "rollover", "targets_after"]
