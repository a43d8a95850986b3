"""Kind-specific checks (§6 points 14–17): each kind's own checks come from its module in
``core/kinds``; what spans kinds (which kinds may be multi-year) is here."""

from __future__ import annotations

from collections.abc import Iterator

from .. import kinds as kind_registry  # the kind modules import this package: read it at call time
from ..model import Project
from ..paths import project_path
from .base import ERROR, WARNING, Context, Finding, check, project_check, where


@project_check
def kind_checks(ctx: Context, p: Project) -> Iterator[Finding]:
    for fn in kind_registry.spec_of(p.kind).project_checks:
        yield from fn(ctx, p)


@check
def kind_dossier_checks(ctx: Context) -> Iterator[Finding]:
    """Checks a kind makes over the whole dossier (the cap on assistants over all APK projects)."""
    for spec in kind_registry.all_kinds():
        for fn in spec.dossier_checks:
            yield from fn(ctx)


@project_check
def multi_year(ctx: Context, p: Project) -> Iterator[Finding]:
    allowed = ctx.pack.multi_year_allowed
    if p.multi_year is None:
        return
    path = project_path(p.id, "multi_year")
    if not allowed.value:
        yield Finding(
            ERROR,
            "MULTI_YEAR_NOT_ALLOWED",
            path,
            f"{where(p)}: víceleté projekty nejsou v roce {ctx.pack.key} přípustné; projekt musí být jednoletý.",
            allowed.citation,
        )
    elif not kind_registry.spec_of(p.kind).multi_year:
        kinds = " a ".join(f"„{s.label}“" for s in kind_registry.all_kinds() if s.multi_year)
        yield Finding(
            WARNING, "MULTI_YEAR_KIND", path, f"{where(p)}: víceleté mohou být jen projekty {kinds}.", allowed.citation
        )
    elif not p.multi_year.from_year <= ctx.year <= p.multi_year.to_year:
        yield Finding(
            ERROR,
            "MULTI_YEAR_RANGE",
            path,
            f"{where(p)}: rok {ctx.year} neleží v období projektu {p.multi_year.from_year}–{p.multi_year.to_year}.",
            allowed.citation,
        )
