"""The rule pack in use, the deadline, and the review marks left by a roll-forward."""
from __future__ import annotations

from collections.abc import Iterator

from .. import paths
from ..dates import format_date
from .base import CITE_REVIEW, INFO, WARNING, Context, Finding, check


@check
def rule_pack(ctx: Context) -> Iterator[Finding]:
    if ctx.choice.is_fallback:
        yield Finding(WARNING, "RULES_FALLBACK", "year", ctx.choice.fallback_notice, "resources/rules")
    deadline = ctx.pack.deadline
    yield Finding(INFO, "DEADLINE", "year",
                  f"Termín podání žádosti: {format_date(deadline.value)} (datovou schránkou).", deadline.citation)


@check
def review_marks(ctx: Context) -> Iterator[Finding]:
    for path, note in ctx.dossier.review.items():
        yield Finding(WARNING, "REVIEW", path, f"{paths.place(ctx.dossier, path)}: {note}", CITE_REVIEW)
