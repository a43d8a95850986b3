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
    yield Finding(
        INFO,
        "DEADLINE",
        "year",
        f"Termín podání žádosti: {format_date(deadline.value)} (datovou schránkou).",
        deadline.citation,
    )


@check
def review_marks(ctx: Context) -> Iterator[Finding]:
    # A rolled-over dossier has some 15 000 marks. A finding depends only on the path, the note
    # and the project's title, so a runner's memo keeps them: when neither the marks nor the
    # titles changed, the very same findings come back (a view can compare them cheaply).
    items = list(ctx.dossier.review.items())
    titles = {p.id: p.title for p in ctx.dossier.projects}
    state = ctx.memo.get("review")
    if state is not None and state["items"] == items and state["titles"] == titles:
        yield from state["findings"]
        return
    memo: dict[str, tuple[str, str | None, Finding]] = state["paths"] if state else {}
    kept: dict[str, tuple[str, str | None, Finding]] = {}
    findings: list[Finding] = []
    places: dict[str, str] = {}
    for path, note in items:
        project_id = _project_id(path)
        title = titles.get(project_id) if project_id is not None else None
        cached = memo.get(path)
        if cached is not None and cached[0] == note and cached[1] == title:
            finding = cached[2]
        else:
            where = _place(ctx, path, project_id, title, places)
            finding = Finding(WARNING, "REVIEW", path, f"{where}: {note}", CITE_REVIEW)
        kept[path] = (note, title, finding)
        findings.append(finding)
    ctx.memo["review"] = {"items": items, "titles": titles, "paths": kept, "findings": findings}
    yield from findings


def _place(ctx: Context, path: str, project_id: str | None, title: str | None, places: dict[str, str]) -> str:
    """``paths.place`` for many marks: "Title – řádek 4 – Množství" is the project's title (or id)
    followed by a part that depends only on the rest of the path, worked out once per rest."""
    if project_id is None:
        return paths.place(ctx.dossier, path)
    head = title or project_id
    rest_of_path = path[len("projects/") + len(project_id) :]
    rest = places.get(rest_of_path)
    if rest is None:
        rest = places[rest_of_path] = paths.place(ctx.dossier, path)[len(head) :]
    return head + rest


def _project_id(path: str) -> str | None:
    """``paths.project_id_of`` without splitting the whole path (called for every mark)."""
    if not path.startswith("projects/"):
        return None
    end = path.find("/", 9)
    return path[9:] if end < 0 else path[9:end]
