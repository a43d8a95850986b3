"""Start the new programme year from last year's dossier: carry fields over by the policy, mark them for review.

Domain logic only: no files, no printing (``formats/rollover.py`` reads the source file, saves
the result and prints the report for the CLI). ``rollover`` is pure: the same inputs give the same dossier, byte for byte once saved (the
creation time is ``now`` if given, else empty). What happens to each field is data in
``resources/rules/rollover-policy.json``; this module only interprets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import paths
from ..checks import run_checks
from ..errors import DossierError
from ..model import Dossier
from ..rules import RulePack, all_packs, next_year, rules_for
from .policy import Policy, PolicyRule, load_policy, walk
from .report import CHANGED, CLEARED, KEPT, ReportEntry, RolloverReport, describe, render_text
from .transforms import TRANSFORMS, Context, Outcome

NOW = "@now"


@dataclass
class RolloverResult:
    dossier: Dossier
    report: RolloverReport

    def text(self) -> str:
        return render_text(self.report)


def targets_after(last: Dossier) -> list[str]:
    """Rule-pack keys of the programme years and rounds after ``last``, oldest first."""
    packs = sorted(all_packs().values(), key=lambda p: (p.year, p.round))
    keys = [p.key for p in packs if (p.year, p.round) > (last.year, last.round)]
    # The year after the newest pack: its Zásady are not out yet, the newest rules stand in (flagged).
    return keys + [str(next_year())] if next_year() > last.year else keys


def _target_pack(last: Dossier, year: int, round: str) -> RulePack:
    key = f"{year}-{round}" if round else str(year)
    packs = all_packs()
    if key not in packs and not round and last.year < year <= next_year():
        return rules_for(year).pack  # the nearest older pack; the report and the check panel say so
    if key not in packs:
        raise DossierError(
            f"Pro ročník {key} nejsou v aplikaci pravidla programu; k dispozici jsou: {', '.join(sorted(packs))}."
        )
    if (year, round) <= (last.year, last.round):
        raise DossierError(f"Nový ročník {key} musí následovat po ročníku loňské žádosti ({last.program_key}).")
    return packs[key]


def _select_projects(new: Dossier, project_ids: list[str] | None) -> tuple[list[str], list[tuple[str, str]]]:
    if project_ids is None:
        return [p.id for p in new.projects], []
    known = {p.id for p in new.projects}
    unknown = [pid for pid in project_ids if pid not in known]
    if unknown:
        raise DossierError(
            f"Loňská žádost neobsahuje projekt {', '.join(unknown)} "
            f"(má projekty {', '.join(p.id for p in new.projects) or 'žádné'})."
        )
    left = [(p.id, p.title) for p in new.projects if p.id not in project_ids]
    new.projects = [p for p in new.projects if p.id in project_ids]
    return [p.id for p in new.projects], left


def _is_empty(value: Any) -> bool:
    """Nothing to carry over: no text, no items, or a section left at its defaults."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, BaseModel):
        try:
            return value == type(value)()
        except ValidationError:
            return False
    return False


class _Roller:
    """Applies the policy rules one by one to the copy of last year's dossier."""

    def __init__(self, policy: Policy, ctx: Context, new: Dossier, targets: dict[str, Any]):
        self.policy, self.ctx, self.new, self.targets = policy, ctx, new, targets
        self.note = policy.review_note.format(old_year=ctx.old_year)
        self.marks: dict[str, str] = {}
        self.entries: list[ReportEntry] = []
        self.labels: dict[int, str] = {}  # id(rule) → label of its fields

    def run(self) -> None:
        fields = _Fields(self.new)
        for rule, path, found in self.ordered():
            self.apply(rule, path, fields, found)
        self.new.review = self.marks

    def ordered(self) -> list[tuple[PolicyRule, str, Any]]:
        """(rule, path, value) project by project and budget line by line, so the report and the
        review marks read in the order of the dossier; within that, in the policy's order."""
        positions = {p.id: i for i, p in enumerate(self.new.projects)}
        first_project_rule = next(
            (i for i, r in enumerate(self.policy.rules) if r.path.startswith("projects/")), len(self.policy.rules)
        )
        keyed = []
        for index, rule in enumerate(self.policy.rules):
            for path, value in walk(rule.path, self.new):
                parts = path.split("/", 4)
                if parts[0] == "projects":
                    line = int(parts[3]) if len(parts) > 3 and parts[2] == "budget" else -1
                    key = (positions[parts[1]], line, index)
                else:
                    key = (-1 if index < first_project_rule else len(positions), -1, index)
                keyed.append((key, rule, path, value))
        keyed.sort(key=lambda item: item[0])  # stable: expansion order breaks ties
        return [(rule, path, value) for _, rule, path, value in keyed]

    def outcome(self, rule: PolicyRule, path: str, old: Any) -> Outcome | None:
        if rule.action == "target":
            return Outcome(self.targets[path])
        if rule.transform:
            try:
                fn = TRANSFORMS[rule.transform]
            except KeyError:
                raise DossierError(f"Pravidla převzetí z loňska: neznámá úprava „{rule.transform}“.") from None
            return fn(self.ctx, path, old, **rule.args)
        if rule.action == "clear":
            return Outcome(self.ctx.now if rule.value == NOW else rule.value, kind=CLEARED)
        return None

    def apply(self, rule: PolicyRule, path: str, fields: _Fields, found: Any) -> None:
        old = fields.get(path, found)
        if rule.action == "review" and not rule.transform:
            self.carry_for_review(rule, path, old)  # the common case: three per budget line
            return
        outcome = self.outcome(rule, path, old)
        value = outcome.value if outcome else old
        changed = value is not old and value != old
        if changed:
            fields.set(path, value)
        empty = _is_empty(old)
        review = (rule.action == "review" and not empty) or bool(outcome and outcome.review)
        kind = outcome.kind if outcome and outcome.kind else CHANGED if changed else KEPT
        if kind == CLEARED and empty:
            return  # nothing was there to clear
        if kind == KEPT and not review and (rule.quiet or empty):
            return
        reason = outcome.reason if outcome and outcome.reason else rule.reason
        if review:
            # The plain note for a field carried as it was; the reason too when something changed.
            self.marks[path] = f"{self.note} ({outcome.reason})" if outcome and outcome.reason else self.note
        old_text = describe(old)
        self.entries.append(
            ReportEntry(
                kind=kind,
                path=path,
                label=self.label(rule, path),
                old=old_text,
                new=outcome.text if outcome and outcome.text else old_text if not changed else describe(value),
                reason=reason,
                review=review,
                fit=outcome.fit if outcome else "",
                short=outcome.short if outcome else "",
            )
        )

    def carry_for_review(self, rule: PolicyRule, path: str, old: Any) -> None:
        """``apply`` for a plain "review" rule: the value stays; a filled one is marked and reported."""
        if _is_empty(old):
            return
        self.marks[path] = self.note
        text = describe(old)
        self.entries.append(
            ReportEntry(
                kind=KEPT, path=path, label=self.label(rule, path), old=text, new=text, reason=rule.reason, review=True
            )
        )

    def label(self, rule: PolicyRule, path: str) -> str:
        """The rule's label, or the field's; the same for every path of a pattern, so kept per rule."""
        if rule.label:
            return rule.label
        found = self.labels.get(id(rule))
        if found is None:
            found = self.labels[id(rule)] = paths.label(path)
        return found


class _Fields:
    """Reads and writes fields by path, resolving each parent once.

    The walk found every value before any rule ran; a value is trusted until a rule replaces a
    whole section or list above it, after which paths below it are resolved again.
    """

    def __init__(self, dossier: Dossier):
        self.dossier = dossier
        self.written: set[str] = set()  # paths a rule has set
        self.replaced: set[str] = set()  # of those, paths that hold a section or list

    def get(self, path: str, found: Any) -> Any:
        # Only the path's own ancestors can have been replaced: a few set lookups, not one per replacement.
        parts = path.split("/")
        stale = path in self.written or any("/".join(parts[:i]) in self.replaced for i in range(1, len(parts)))
        return paths.get(self.dossier, path) if stale else found

    def set(self, path: str, value: Any) -> None:
        paths.set_value(self.dossier, path, value)  # rare: most fields keep their value
        self.written.add(path)
        if isinstance(value, (BaseModel, list, dict)):
            self.replaced.add(path)


def rollover(
    last: Dossier,
    year: int,
    round: str = "",
    *,
    project_ids: list[str] | None = None,
    source_name: str = "",
    now: dt.datetime | None = None,
) -> RolloverResult:
    """Last year's dossier moved into ``year``/``round`` by the policy, with review marks and a report.

    Raises ``DossierError`` (Czech) for a year without rules, a year not after the source's,
    or an unknown project id. ``last`` is not changed.
    """
    round = round or ""
    new_pack = _target_pack(last, year, round)
    old_choice = rules_for(last.year, last.round)
    policy = load_policy()
    new = last.model_copy(deep=True)
    taken, left = _select_projects(new, project_ids)
    ctx = Context(last=last, old_pack=old_choice.pack, new_pack=new_pack, year=year, now=now)
    targets = {"year": year, "round": round, "metadata/rolled_from": f"{source_name} ({last.program_key})".strip()}
    roller = _Roller(policy, ctx, new, targets)
    roller.run()

    report = RolloverReport(
        source_name=source_name,
        old_key=last.program_key,
        new_key=f"{year}-{round}" if round else str(year),
        review_note=roller.note,
        entries=roller.entries,
        projects_taken=[(pid, new.project(pid).title) for pid in taken],
        projects_left=left,
        findings=run_checks(new),
    )
    if old_choice.is_fallback:
        report.notes.append(old_choice.fallback_notice)
    new_choice = rules_for(year, round)
    if new_choice.is_fallback:
        report.notes.append(new_choice.fallback_notice)
    if policy.recompute_note:
        report.notes.append(policy.recompute_note)
    return RolloverResult(new, report)
