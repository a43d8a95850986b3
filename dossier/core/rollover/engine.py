"""Start the new programme year from last year's dossier: carry fields over by the policy, mark them for review.

Domain logic only: no files, no printing (``formats/rollover.py`` reads the source file, saves
the result and prints the report for the CLI). ``rollover`` is pure: the same inputs give the same dossier, byte for byte once saved (the
creation time is ``now`` if given, else empty). What happens to each field is data in
``resources/rules/rollover-policy.json``; this module only interprets it.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import paths
from ..errors import DossierError
from ..model import Dossier
from ..rules import RulePack, all_packs, next_year, rules_for
from .policy import WILDCARD, Found, Policy, PolicyRule, holds_section, load_policy, walk
from .report import (
    CHANGED,
    CLEARED,
    KEPT,
    VALUE_TYPES,
    Described,
    ReportEntry,
    ReviewRun,
    RolloverReport,
    fixed,
    render_text,
)
from .transforms import BY_VALUE, SILENT_WHEN, TRANSFORMS, Context, Outcome

NOW = "@now"
#: How ``apply_to_lines`` applies a rule: by ``apply_below``, as a review rule without a transform,
#: by its transform, by its transform once per distinct text.
_GENERAL, _PLAIN, _TRANSFORM, _BY_VALUE = "general", "plain review", "transform", "by value"


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
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return not value
    if not isinstance(value, VALUE_TYPES) and isinstance(value, BaseModel):
        try:
            return value == type(value)()
        except ValidationError:
            return False
    return False


def copy_tree(node: Any, moved: frozenset[int] = frozenset()) -> Any:
    """A copy of a model with every model, list and dict in it copied too and the values (texts,
    numbers, dates, which cannot change) shared: what ``model_copy(deep=True)`` gives, at a fraction
    of its cost on a dossier of thousands of budget lines. The lists whose ``id`` is in ``moved``
    are new lists of the same items."""
    if isinstance(node, BaseModel):
        copy = _shallow_copy(node)
        fields = copy.__dict__
        for name in _nested_fields(type(node)):
            value = fields[name]
            if isinstance(value, (BaseModel, list, dict)):
                fields[name] = copy_tree(value, moved)
        return copy
    if isinstance(node, list):
        if id(node) in moved:
            return list(node)
        kind = type(node[0]) if node else None
        if _holds_values_only(kind) and all(type(item) is kind for item in node):  # such as budget lines
            return [_shallow_copy(item) for item in node]
        return [copy_tree(item, moved) for item in node]
    if isinstance(node, dict):
        return {key: copy_tree(value, moved) for key, value in node.items()}
    return node


def _shallow_copy(node: BaseModel) -> Any:
    """``node.__copy__()`` (the fields' dict and the set of fields given, copied) for a model without
    extra or private attributes, as all of ours are, at a third of its cost: a budget line is copied
    30 000 times in a roll-forward of 300 × 100."""
    if node.__pydantic_extra__ is not None or node.__pydantic_private__ is not None:
        return node.__copy__()
    copy = _new_object(type(node))
    _set_attribute(copy, "__dict__", node.__dict__.copy())
    _set_attribute(copy, "__pydantic_extra__", None)
    _set_attribute(copy, "__pydantic_fields_set__", node.__pydantic_fields_set__.copy())
    _set_attribute(copy, "__pydantic_private__", None)
    return copy


_new_object = object.__new__
_set_attribute = object.__setattr__


def _holds_values_only(kind: type | None) -> bool:
    """Whether ``kind`` is a model whose fields hold values only (a copy of it is a shallow one)."""
    return kind is not None and issubclass(kind, BaseModel) and not _nested_fields(kind)


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Fields of ``model`` that can hold a model, list or dict (the others hold values only)."""
    return tuple(name for name, info in model.model_fields.items() if not _holds_values(info.annotation))


def _holds_values(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _holds_values(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return all(_holds_values(arg) for arg in typing.get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, VALUE_TYPES)


@dataclass(frozen=True)
class _Plan:
    """The policy's rules by where they apply, so that the report and the review marks read in the order
    of the dossier: its own fields first, then project by project (the project's fields, then budget line
    by budget line), then the rest; within each, in the policy's order."""

    before: tuple[PolicyRule, ...]
    #: (rule, project id or "*", the path below the project, its one field or "")
    project: tuple[tuple[PolicyRule, str, tuple[str, ...], str], ...]
    #: (rule, project id or "*", line index or "*", the path below the line, its one field or "")
    line: tuple[tuple[PolicyRule, str, str, tuple[str, ...], str], ...]
    after: tuple[PolicyRule, ...]


def _plan(policy: Policy) -> _Plan:
    before: list[PolicyRule] = []
    project: list[tuple[PolicyRule, str, tuple[str, ...], str]] = []
    line: list[tuple[PolicyRule, str, str, tuple[str, ...], str]] = []
    after: list[PolicyRule] = []
    projects_seen = False
    for rule in policy.rules:
        parts = tuple(paths.split(rule.path))
        in_project = len(parts) > 1 and parts[0] == "projects"
        projects_seen = projects_seen or in_project
        if rule.action == "keep" and rule.quiet and not rule.transform:
            continue  # the value stays and nothing is said about it
        if not in_project:
            (after if projects_seen else before).append(rule)
        elif len(parts) > 3 and parts[2] == "budget":
            line.append((rule, parts[1], parts[3], parts[4:], _one_field(parts[4:])))
        else:
            project.append((rule, parts[1], parts[2:], _one_field(parts[2:])))
    return _Plan(tuple(before), tuple(project), tuple(line), tuple(after))


def _one_field(rest: tuple[str, ...]) -> str:
    """The field a rule names right below its project or line (most rules), or ""."""
    return rest[0] if len(rest) == 1 and rest[0] != WILDCARD else ""


def _store(holder: Any, place: Any, value: Any) -> None:
    """Put ``value`` where the walk found the old one; a model validates it (``validate_assignment``)."""
    if isinstance(holder, (list, dict)):
        holder[place] = value
    else:
        setattr(holder, place, value)


def _set_marks(dossier: Dossier, marks: dict[str, str]) -> None:
    """``dossier.review = marks``, each distinct note validated once: a roll-forward of 300 × 100 makes
    90 000 marks with a handful of notes. The keys are paths the walk made; the notes get the checks
    and the cleaning of the assignment, which raises as it would."""
    notes = list(dict.fromkeys(marks.values()))
    dossier.review = {str(index): note for index, note in enumerate(notes)}
    valid = dict(zip(notes, dossier.review.values()))
    if any(valid[note] != note for note in notes):  # a note the model cleans (not the policy's own)
        marks = {path: valid[note] for path, note in marks.items()}
    dossier.__dict__["review"] = marks


class _Roller:
    """Applies the policy rules one by one to the copy of last year's dossier."""

    def __init__(self, policy: Policy, ctx: Context, new: Dossier, targets: dict[str, Any], lines_moved: bool):
        self.policy, self.ctx, self.new, self.targets = policy, ctx, new, targets
        self.lines_moved = lines_moved  # the budgets hold last year's own line objects
        self.note = policy.review_note.format(old_year=ctx.old_year)
        self.marks: dict[str, str] = {}
        self.parts: list[ReportEntry | ReviewRun] = []
        self.labels: dict[int, str] = {}  # id(rule) → label of its fields
        self.seen: dict[int, dict[str, Outcome | None]] = {}  # id(rule) → text → outcome of a BY_VALUE transform

    def run(self) -> None:
        plan = _plan(self.policy)
        for rule in plan.before:
            self.apply_all(rule, walk(rule.path, self.new))
        projects = self.new.projects
        for index, project in enumerate(projects):
            prefix = f"projects/{project.id}"
            for rule, project_id, rest, field in plan.project:
                if project_id in (WILDCARD, project.id):
                    self.apply_below(rule, rest, field, project, prefix, projects, index)
            line_rules = [
                (rule, at, rest, field) for rule, pid, at, rest, field in plan.line if pid in (WILDCARD, project.id)
            ]
            if line_rules and project.budget:
                self.apply_to_lines(line_rules, project.budget, f"{prefix}/budget")
        for rule in plan.after:
            self.apply_all(rule, walk(rule.path, self.new))
        _set_marks(self.new, self.marks)

    def apply_to_lines(
        self, rules: list[tuple[PolicyRule, str, tuple[str, ...], str]], budget: list[Any], prefix: str
    ) -> None:
        """The line rules on a project's budget (at ``prefix``), line by line: what ``apply_below`` does,
        with the common cases of one field inline (a roll-forward of 300 × 100 applies five rules to each
        of 30 000 lines): a plain review, a transform asked once per distinct text, one silent for the
        project."""
        project_id = paths.split(prefix)[1]
        steps: list[tuple[PolicyRule, str, tuple[str, ...], str, str, Any, dict[str, Any], dict[str, Any], str]] = []
        for rule, at, rest, field in rules:
            mode = self.line_mode(rule, field, project_id)
            if mode is None:
                continue
            fn = TRANSFORMS[rule.transform] if mode in (_TRANSFORM, _BY_VALUE) else None
            seen = self.seen.setdefault(id(rule), {}) if mode is _BY_VALUE else {}
            label = self.label(rule, f"{prefix}/{0 if at == WILDCARD else at}/{field}") if field else ""
            steps.append((rule, at, rest, field, mode, fn, rule.args, seen, label))
        if self.lines_at_once(steps, budget, prefix):
            return
        if self.lines_moved:  # rules may change lines: last year's, which transforms read, stay as they were
            budget[:] = [_shallow_copy(line) for line in budget]
        marks, note, parts, ctx = self.marks, self.note, self.parts, self.ctx
        for number, line in enumerate(budget):
            line_prefix = f"{prefix}/{number}"
            for rule, at, rest, field, mode, fn, args, seen, label in steps:
                if at != WILDCARD and at != str(number):
                    continue
                value = line.__dict__.get(field)  # afresh: a rule before may have set a field anew
                if mode is _GENERAL or value is None:  # a whole section, or a None: the general way
                    self.apply_below(rule, rest, field, line, line_prefix, budget, number)
                    continue
                if mode is not _PLAIN:
                    if mode is _BY_VALUE and value.__class__ is str and value in seen:
                        outcome = seen[value]
                    elif mode is _BY_VALUE and value.__class__ is str:
                        outcome = seen[value] = fn(ctx, f"{line_prefix}/{field}", value, **args)
                    else:
                        outcome = fn(ctx, f"{line_prefix}/{field}", value, **args)
                    if outcome is not None or rule.action != "review":
                        if outcome is not None or not rule.quiet:
                            self.record(rule, f"{line_prefix}/{field}", value, line, field, outcome)
                        continue
                # A review rule whose value stays: ``carry_for_review``.
                if value.__class__ is not Decimal and _is_empty(value):
                    continue
                path = f"{line_prefix}/{field}"
                marks[path] = note
                was = value if value.__class__ is Decimal else fixed(value)
                parts.append(ReportEntry(KEPT, path, label, was, was, rule.reason, True))

    def lines_at_once(self, steps: list[Any], budget: list[Any], prefix: str) -> bool:
        """The loop of ``apply_to_lines`` field by field instead of line by line, for the budget of
        most projects: every rule for every line, each a plain review of an amount or a transform by
        value with nothing to say about any of the texts. False (nothing done) for any other budget."""
        rows = [line.__dict__ for line in budget]
        plain = []
        for rule, at, _, field, mode, fn, args, seen, label in steps:
            if at != WILDCARD or mode not in (_PLAIN, _BY_VALUE):
                return False
            if mode is _PLAIN:
                plain.append((field, label, rule.reason))
                continue
            if rule.action != "keep" or not rule.quiet:
                return False
            texts = [row.get(field) for row in rows]  # a field the model lacks: None, and the loop says so
            if not set(map(type, texts)) <= {str}:
                return False
            # Each distinct text asked once, at its first line, in the order of the lines.
            first = dict(zip(reversed(texts), range(len(texts) - 1, -1, -1)))
            for value in dict.fromkeys(texts):
                if value not in seen:
                    seen[value] = fn(self.ctx, f"{prefix}/{first[value]}/{field}", value, **args)
                if seen[value] is not None:
                    return False
        values = [row.get(field) for row in rows for field, _, _ in plain]
        if not set(map(type, values)) <= {Decimal}:
            return False  # a None or an empty text is left out: the loop
        fields = [field for field, _, _ in plain]
        paths = [row + field for row in [f"{prefix}/{number}/" for number in range(len(rows))] for field in fields]
        self.marks.update(dict.fromkeys(paths, self.note))
        self.parts.append(ReviewRun(paths, values, plain))
        return True

    def line_mode(self, rule: PolicyRule, field: str, project_id: str) -> str | None:
        """How ``apply_to_lines`` applies the rule to the lines of a project; None: not at all."""
        if not field or rule.action not in ("keep", "review"):
            return _GENERAL
        if not rule.transform:
            return _PLAIN if rule.action == "review" else _GENERAL
        if rule.transform not in TRANSFORMS:
            return _GENERAL  # ``transform`` says it is unknown
        silent = SILENT_WHEN.get(rule.transform)
        if silent is not None and silent(self.ctx, project_id):
            if rule.action == "review":
                return _PLAIN
            return None if rule.quiet else _GENERAL
        return _BY_VALUE if rule.transform in BY_VALUE else _TRANSFORM

    def apply_all(self, rule: PolicyRule, found: list[Found]) -> None:
        for path, old, holder, place in found:
            self.apply(rule, path, old, holder, place)

    def apply_below(
        self, rule: PolicyRule, rest: tuple[str, ...], field: str, node: Any, prefix: str, holder: Any, place: Any
    ) -> None:
        """The rule on the fields ``rest`` names below ``node`` (at ``prefix``, ``holder[place]``)."""
        if field and isinstance(node, BaseModel):  # one field of a model, as most rules name: no walk
            values = node.__dict__  # a model's fields, and nothing else
            if field not in values:
                raise paths.PathError(field)
            value = values[field]
            if value is not None or not holds_section(type(node), field):  # as ``walk``: a missing section is none
                self.apply(rule, f"{prefix}/{field}", value, node, field)
        else:
            self.apply_all(rule, walk(rest, node, prefix, holder, place))

    def outcome(self, rule: PolicyRule, path: str, old: Any) -> Outcome | None:
        if rule.action == "target":
            return Outcome(self.targets[path])
        if rule.transform:
            return self.transform(rule, path, old)
        if rule.action == "clear":
            return Outcome(self.ctx.now if rule.value == NOW else rule.value, kind=CLEARED)
        return None

    def transform(self, rule: PolicyRule, path: str, old: Any) -> Outcome | None:
        try:
            fn = TRANSFORMS[rule.transform]
        except KeyError:
            raise DossierError(f"Pravidla převzetí z loňska: neznámá úprava „{rule.transform}“.") from None
        return fn(self.ctx, path, old, **rule.args)

    def apply(self, rule: PolicyRule, path: str, old: Any, holder: Any, place: Any) -> None:
        if rule.action == "review" and not rule.transform:
            self.carry_for_review(rule, path, old)  # the common case: three per budget line
            return
        self.record(rule, path, old, holder, place, self.outcome(rule, path, old))

    def record(self, rule: PolicyRule, path: str, old: Any, holder: Any, place: Any, outcome: Outcome | None) -> None:
        """Store the rule's outcome for the field (``holder[place]``), mark it and report it."""
        if outcome is None and rule.quiet and rule.action == "keep":
            return  # kept as it was, and nothing to say (a budget line's text without a year)
        value = outcome.value if outcome else old
        changed = value is not old and value != old
        if changed:
            _store(holder, place, value)
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
        was = fixed(old)
        self.parts.append(
            ReportEntry(
                kind,
                path,
                self.label(rule, path),
                was,
                Described(outcome.text) if outcome and outcome.text else fixed(value) if changed else was,
                reason,
                review,
                outcome.fit if outcome else "",
                outcome.short if outcome else "",
            )
        )

    def carry_for_review(self, rule: PolicyRule, path: str, old: Any) -> None:
        """``apply`` for a plain "review" rule: the value stays; a filled one is marked and reported."""
        if _is_empty(old):
            return
        self.marks[path] = self.note
        was = fixed(old)
        self.parts.append(ReportEntry(KEPT, path, self.label(rule, path), was, was, rule.reason, True))

    def label(self, rule: PolicyRule, path: str) -> str:
        """The rule's label, or the field's; the same for every path of a pattern, so kept per rule."""
        if rule.label:
            return rule.label
        found = self.labels.get(id(rule))
        if found is None:
            found = self.labels[id(rule)] = paths.label(path)
        return found


def rollover(
    last: Dossier,
    year: int,
    round: str = "",
    *,
    project_ids: list[str] | None = None,
    source_name: str = "",
    now: dt.datetime | None = None,
    keep_last: bool = True,
) -> RolloverResult:
    """Last year's dossier moved into ``year``/``round`` by the policy, with review marks and a report.

    Raises ``DossierError`` (Czech) for a year without rules, a year not after the source's,
    or an unknown project id. ``last`` is not changed. ``keep_last=False`` is for a caller that
    read ``last`` only for this (the command line): budget lines that no rule changes then move
    into the new dossier instead of being copied (most of the copying of a big dossier), and
    ``last`` must not be used afterwards.
    """
    round = round or ""
    new_pack = _target_pack(last, year, round)
    old_choice = rules_for(last.year, last.round)
    policy = load_policy()
    new = copy_tree(last, frozenset() if keep_last else frozenset(id(p.budget) for p in last.projects))
    taken, left = _select_projects(new, project_ids)
    ctx = Context(last=last, old_pack=old_choice.pack, new_pack=new_pack, year=year, now=now)
    targets = {"year": year, "round": round, "metadata/rolled_from": f"{source_name} ({last.program_key})".strip()}
    roller = _Roller(policy, ctx, new, targets, lines_moved=not keep_last)
    roller.run()

    report = RolloverReport(
        source_name=source_name,
        old_key=last.program_key,
        new_key=f"{year}-{round}" if round else str(year),
        review_note=roller.note,
        parts=roller.parts,
        projects_taken=[(pid, new.project(pid).title) for pid in taken],
        projects_left=left,
        dossier=new,
    )
    if old_choice.is_fallback:
        report.notes.append(old_choice.fallback_notice)
    new_choice = rules_for(year, round)
    if new_choice.is_fallback:
        report.notes.append(new_choice.fallback_notice)
    if policy.recompute_note:
        report.notes.append(policy.recompute_note)
    return RolloverResult(new, report)
