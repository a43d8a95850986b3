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
    # A rolled-over dossier has some 15 000 marks; a finding depends only on the path, the note
    # and the project's title, so a runner's memo keeps them across runs.
    memo = ctx.memo.setdefault("review", {})
    titles = {p.id: p.title for p in ctx.dossier.projects}
    kept = {}
    for path, note in ctx.dossier.review.items():
        key = (path, note, titles.get(paths.project_id_of(path) or ""))
        finding = memo.get(key)
        if finding is None:
            finding = Finding(WARNING, "REVIEW", path, f"{paths.place(ctx.dossier, path)}: {note}", CITE_REVIEW)
        kept[key] = finding
        yield finding
    ctx.memo["review"] = kept  # forget confirmed marks
