"""The transforms the roll-forward policy can name: how a value moves into the new year.

Each transform gets the context and the carried-over value and returns an ``Outcome``
(the new value, why, whether to mark it for review, whether it breaks the new year's rules),
or ``None`` when it has nothing to change or say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import paths
from ..dates import year_spans
from ..labels import plural
from ..model import Attachment, BudgetType, Dossier, Project
from ..rules import RulePack, priority_mappings
from .report import CHANGED, CLEARED, CONFLICT, CONVERTED
from .years import bump_year, collapse_range, names_past_year
from .years import shift_date as _shift


@dataclass(frozen=True)
class Context:
    last: Dossier
    old_pack: RulePack
    new_pack: RulePack
    year: int
    now: dt.datetime | None = None

    @property
    def old_year(self) -> int:
        return self.last.year

    @property
    def delta(self) -> int:
        return self.year - self.last.year

    @property
    def key(self) -> str:
        return self.new_pack.key

    def old_project(self, path: str) -> Project:
        return self._old_projects[paths.split(path)[1]]  # projects/P2/…

    def old_project_by_id(self, project_id: str) -> Project:
        return self._old_projects[project_id]

    @cached_property
    def new_categories(self) -> frozenset[str]:
        """Codes of the new year's budget categories (asked once per budget line)."""
        return frozenset(self.new_pack.categories.codes)

    @cached_property
    def _old_projects(self) -> dict[str, Project]:
        # By id once: a lookup per rule and project would make roll-forward quadratic in projects.
        return {p.id: p for p in self.last.projects}

    def one_year_reason(self, project: Project) -> str:
        """Why a multi-year project must become a one-year one in the new year ("" if it need not)."""
        span = project.multi_year
        if span is None:
            return ""
        if not self.new_pack.multi_year_allowed.value:
            return f"v roce {self.key} nejsou víceleté projekty povoleny"
        if not span.from_year <= self.year <= span.to_year:
            return f"víceletý projekt {span.from_year}–{span.to_year} v roce {self.year} již neběží"
        return ""


@dataclass(frozen=True)
class Outcome:
    value: Any
    reason: str = ""
    review: bool = False
    #: How the value meets the new year's rules: CONVERTED to fit them, or a CONFLICT the user must resolve.
    fit: str = ""
    #: "changed" / "cleared"; empty lets the caller decide by comparing values.
    kind: str = ""
    #: A few words for the project list of the wizard ("víceletý → jednoletý"); empty: not worth a note.
    short: str = ""
    #: Report text of the new value when the value itself says little (None → "jednoletý projekt").
    text: str = ""


Transform = Callable[..., "Outcome | None"]
TRANSFORMS: dict[str, Transform] = {}


#: Transforms whose outcome depends on the context and the value alone, not on the value's path:
#: the engine asks them once per distinct text (the lines of a budget repeat their texts and codes).
BY_VALUE: set[str] = set()
#: Transforms with nothing to say about any field of a project when the test holds for
#: (context, project id): the engine then does not ask them line by line.
SILENT_WHEN: dict[str, Callable[[Context, str], bool]] = {}


def transform(fn: Transform) -> Transform:
    TRANSFORMS[fn.__name__] = fn
    return fn


def by_value(fn: Transform) -> Transform:
    """``transform``, for one whose outcome does not depend on the path it is given."""
    BY_VALUE.add(fn.__name__)
    return transform(fn)


def silent_when(test: Callable[[Context, str], bool]) -> Callable[[Transform], Transform]:
    """``transform``, for one that returns None for every field of a project for which ``test`` holds."""

    def register(fn: Transform) -> Transform:
        SILENT_WHEN[fn.__name__] = test
        return transform(fn)

    return register


def _years(n: int) -> str:
    return f"{n} {plural(n, 'rok', 'roky', 'let')}"


# --- years in texts and dates ----------------------------------------------------------------------


@transform
def year_in_title(ctx: Context, path: str, value: str) -> Outcome | None:
    text = value
    converted = ctx.one_year_reason(ctx.old_project(path))
    if converted:
        text = collapse_range(text, ctx.old_year, ctx.year)
    text = bump_year(text, ctx.old_year, ctx.year)
    if ctx.delta and names_past_year(text, ctx.old_year, ctx.year):
        return Outcome(
            text,
            f"v názvu zůstal rok {ctx.old_year} (rozsah let) – upravte jej ručně",
            review=True,
            fit=CONFLICT,
            short="rok v názvu k úpravě",
        )
    if text != value:
        if converted:
            return Outcome(text, f"název jednoletého projektu na rok {ctx.year}", fit=CONVERTED)
        return Outcome(text, f"rok v názvu posunut na {ctx.year}")
    return None


@by_value
def year_in_text(ctx: Context, path: str, value: str) -> Outcome | None:
    text = bump_year(value, ctx.old_year, ctx.year)
    if ctx.delta and names_past_year(text, ctx.old_year, ctx.year):
        return Outcome(text, f"text obsahuje rok {ctx.old_year} – zkontrolujte", review=True)
    return Outcome(text, f"rok posunut na {ctx.year}") if text != value else None


@transform
def shift_date(ctx: Context, path: str, value: dt.date | None) -> Outcome | None:
    if value is None or not ctx.delta:
        return None
    return Outcome(_shift(value, ctx.delta), f"posunuto o {_years(ctx.delta)}")


@transform
def project_date(ctx: Context, path: str, value: dt.date | None, one_year: str = "start") -> Outcome | None:
    if ctx.one_year_reason(ctx.old_project(path)):
        new = dt.date(ctx.year, 1, 1) if one_year == "start" else dt.date(ctx.year, 12, 31)
        return Outcome(new, f"jednoletý projekt: celý rok {ctx.year}", fit=CONVERTED)
    return shift_date(ctx, path, value)


# --- code lists and rules of the new year ------------------------------------------------------------


@transform
def priority_map(ctx: Context, path: str, value: str) -> Outcome | None:
    if not value:
        return None
    old_list, new_list = ctx.old_pack.priorities, ctx.new_pack.priorities
    if old_list.id == new_list.id:
        if value in new_list.codes:
            return None
        return Outcome(
            value,
            f"kód {value} není v číselníku priorit roku {ctx.key}",
            review=True,
            fit=CONFLICT,
            short="neplatná priorita",
        )
    mapped = priority_mappings().get((old_list.id, new_list.id), {}).get(value)
    old_name = old_list.name_of(value) or value
    if mapped is None or mapped not in new_list.codes:
        return Outcome(
            "",
            f"priorita {value} „{old_name}“ nemá v roce {ctx.key} obdobu – vyberte ji z nového číselníku",
            review=True,
            fit=CONFLICT,
            kind=CLEARED,
            short=f"priorita {value} bez obdoby",
        )
    return Outcome(
        mapped,
        f"priorita {value} „{old_name}“ převedena na {mapped} „{new_list.name_of(mapped)}“ podle převodní tabulky",
        review=True,
        short=f"priorita {value} → {mapped}",
    )


@transform
def multi_year_fit(ctx: Context, path: str, value: Any) -> Outcome | None:
    why = ctx.one_year_reason(ctx.old_project(path))
    if not why:
        return None
    return Outcome(
        None,
        f"víceletý → jednoletý: {why}",
        review=True,
        fit=CONVERTED,
        kind=CHANGED,
        text=f"jednoletý projekt {ctx.year}",
        short="víceletý → jednoletý",
    )


@transform
def investment_fit(ctx: Context, path: str, value: BudgetType) -> Outcome | None:
    if value != BudgetType.INV or ctx.new_pack.investment_allowed.value:
        return None
    return Outcome(
        value,
        f"v roce {ctx.key} nelze žádat o investiční dotaci – projekt převeďte na neinvestiční, nebo jej vynechte",
        review=True,
        fit=CONFLICT,
        short=f"investiční – v roce {ctx.key} nepovoleno",
    )


@by_value
def category_fit(ctx: Context, path: str, value: str) -> Outcome | None:
    if not value or value in ctx.new_categories:
        return None
    return Outcome(
        value,
        f"kategorie {value} není v číselníku nákladů roku {ctx.key}",
        review=True,
        fit=CONFLICT,
        short=f"kategorie rozpočtu mimo číselník {ctx.key}",
    )


@transform
def apk_count_fit(ctx: Context, path: str, value: Any) -> Outcome | None:
    cap = ctx.new_pack.max_apk.value
    if value is None or cap is None or value.count <= cap:
        return None
    return Outcome(
        value,
        f"{value.count} APK, v roce {ctx.key} nejvýše {cap}",
        review=True,
        fit=CONFLICT,
        short=f"nejvýše {cap} APK",
    )


@transform
def period_covers_year(ctx: Context, path: str, value: Any, field: str = "period") -> Outcome | None:
    """A period such as a strategy's "2016–2020" is history: never rewritten, flagged when it ends too early."""
    text = getattr(value, field, "") if value is not None else ""
    spans = year_spans(text)
    if not spans or any(first <= ctx.year <= last for first, last in spans):
        return None
    return Outcome(
        value, f"období {text} nepokrývá rok {ctx.year} – doplňte platný dokument", review=True, fit=CONFLICT
    )


@transform
def attachments_from_pack(ctx: Context, path: str, value: list[Attachment]) -> Outcome:
    """The checklist of the new year's pack, nothing done; the user's own extra items stay, undone."""
    wanted = ctx.new_pack.attachments.value
    names = {rule.name for rule in wanted}
    new = [Attachment(name=rule.name, required=rule.required) for rule in wanted]
    new += [Attachment(name=a.name, required=a.required) for a in value if a.name not in names]
    return Outcome(new, f"seznam příloh podle pravidel {ctx.key}; vše k doplnění", kind=CLEARED)


@transform
def strategy_fit(ctx: Context, path: str, value: str) -> Outcome | None:
    """A national-strategy code stays while the new year's code list has it; else it is cleared for a new choice."""
    from ..strategy import strategy_for

    new_list = strategy_for(ctx.year)
    if not value or new_list is None or value in new_list.codes:
        return None
    return Outcome(
        "",
        f"kód {value} není v číselníku „{new_list.title}“ platném pro rok {ctx.year} – vyberte cíl znovu",
        review=True,
        fit=CONFLICT,
        kind=CLEARED,
        short="cíl Strategie PK k výběru",
    )


@transform
def documents_renew(ctx: Context, path: str, value: list[Any]) -> Outcome | None:
    """Last year's attached documents are not this year's: each is needed again; the new pack's rows are added."""
    from ..documents import missing_rows
    from ..model import DocumentStatus

    project = ctx.old_project(path)
    renewed = [
        doc.model_copy(update={"status": DocumentStatus.NEEDED})
        if doc.status == DocumentStatus.ATTACHED
        else doc.model_copy()
        for doc in value
    ]
    renewed += missing_rows(project.model_copy(update={"documents": renewed}), ctx.new_pack)
    if renewed == value:
        return None
    return Outcome(
        renewed,
        f"dokumenty způsobilosti podle pravidel {ctx.key}; přiložené loni je třeba doložit znovu",
        kind=CLEARED if value else CHANGED,
    )


from . import actuals  # noqa: E402,F401 - registers the transforms that use last year's ledger
