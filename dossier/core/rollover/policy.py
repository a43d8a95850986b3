"""The roll-forward policy (``resources/rules/rollover-policy.json``): what happens to each field.

The policy is data; this module reads it and matches its path patterns against a dossier.
``*`` in a pattern stands for any project id or list index.
"""

from __future__ import annotations

import types
import typing
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...resources import resource_path
from .. import paths
from ..errors import DossierError
from ..model import Dossier

if TYPE_CHECKING:  # the kinds import the checks, which the engine imports too: a late import at run time
    from ..kinds import KindSpec

POLICY_FILE = "rollover-policy.json"
WILDCARD = "*"


class PolicyRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    action: Literal["keep", "review", "clear", "target"]
    transform: str = ""
    args: dict[str, Any] = Field(default_factory=dict)
    #: For ``clear``: the value left behind; ``"@now"`` is the time the new dossier is made.
    value: Any = None
    reason: str = ""
    label: str = ""
    #: Leave out of the report unless the value changes or is marked for review.
    quiet: bool = False


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["dossier-rollover-policy"]
    version: int
    review_note: str
    comment: list[str] = Field(default_factory=list)
    recompute_note: str = ""
    #: The rules of the project kinds (``core/kinds``) go right after the rule with this path.
    kind_rules_after: str = ""
    rules: list[PolicyRule]


def load_policy() -> Policy:
    """The bundled policy with the roll-forward rules of every registered project kind."""
    from .. import kinds  # the kind modules import the checks, which the engine imports too

    global _merged
    policy, specs = _load_file(), tuple(kinds.all_kinds())
    if (
        _merged is None
        or _merged[0] is not policy
        or len(_merged[1]) != len(specs)
        or any(a is not b for a, b in zip(_merged[1], specs))
    ):
        _merged = (policy, specs, _with_kinds(policy, specs))  # again only when the registry changed (tests)
    return _merged[2]


_merged: tuple[Policy, tuple[KindSpec, ...], Policy] | None = None


@lru_cache(maxsize=1)
def _load_file() -> Policy:
    path = resource_path("rules", POLICY_FILE)
    try:
        return Policy.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise DossierError(f"Pravidla převzetí z loňska ({POLICY_FILE}) nelze načíst: {exc}") from exc


def _with_kinds(policy: Policy, specs: tuple[KindSpec, ...]) -> Policy:
    try:
        kind_rules = [PolicyRule.model_validate(rule) for spec in specs for rule in spec.rollover_rules]
    except ValidationError as exc:
        raise DossierError(f"Pravidla převzetí z loňska pro druhy projektů nelze načíst: {exc}") from exc
    rules = list(policy.rules)
    at = next((i + 1 for i, rule in enumerate(rules) if rule.path == policy.kind_rules_after), len(rules))
    return policy.model_copy(update={"rules": rules[:at] + kind_rules + rules[at:]})


#: (path, value, the list, dict or model holding it, its index or name there)
Found = tuple[str, Any, Any, Any]


def walk(
    pattern: str | tuple[str, ...], root: Any, prefix: str = "", holder: Any = None, place: Any = None
) -> list[Found]:
    """Every field a pattern names under ``root``, found by walking the model once.

    ``root`` is the dossier, or a node at path ``prefix`` held by ``holder`` under ``place`` (a project
    in the list of projects at index 2). Resolving every concrete path from the top again made a
    roll-forward of 50 × 100 spend most of its time finding fields.
    """
    found: list[tuple[str, Any, Any, Any, bool]] = [(prefix, root, holder, place, False)]  # … a None is no section
    previous = paths.split(prefix)[-1] if prefix else ""
    for part in paths.split(pattern) if isinstance(pattern, str) else pattern:
        next_found: list[tuple[str, Any, Any, Any, bool]] = []
        for path, node, _, _, _ in found:
            if node is None:
                continue
            if part == WILDCARD:
                if previous == "projects":
                    next_found.extend((f"{path}/{p.id}", p, node, i, False) for i, p in enumerate(node))
                else:
                    next_found.extend((f"{path}/{i}", item, node, i, False) for i, item in enumerate(node))
            else:
                child, key, section = child_of(node, part, previous)
                next_found.append((f"{path}/{part}" if path else part, child, node, key, section))
        found = next_found
        previous = part
    # A None date or number is still a field to speak about; a None section (no APK part) is not.
    return [
        (path, value, parent, key) for path, value, parent, key, section in found if value is not None or not section
    ]


def child_of(node: Any, part: str, parent_key: str) -> tuple[Any, Any, bool]:
    """The value under ``node`` named ``part``, its index or name in ``node``, and whether it is a section."""
    if isinstance(node, BaseModel):
        section = holds_section(type(node), part)  # first: it refuses a name the model does not have
        return getattr(node, part), part, section
    if isinstance(node, dict):
        return node[part], part, False
    if isinstance(node, list):
        if parent_key == "projects":
            index = next((i for i, p in enumerate(node) if p.id == part), None)
            return (None, None, False) if index is None else (node[index], index, False)
        return node[int(part)], int(part), False
    raise paths.PathError(part)


@cache
def holds_section(model: type[BaseModel], name: str) -> bool:
    """Whether the field holds a section (a model); ``PathError`` if the model has no such field."""
    if name not in model.model_fields:
        raise paths.PathError(name)
    inner, _ = _inner_model(model.model_fields[name].annotation)
    return inner is not None


# --- coverage: every field of the model has a rule -----------------------------------------------


def _inner_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(model class inside an annotation, whether it sits in a list)."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        inner, _ = _inner_model(typing.get_args(annotation)[0])
        return inner, True
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner, in_list = _inner_model(arg)
            if inner is not None:
                return inner, in_list
        return None, False
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def field_patterns(
    model: type[BaseModel] = Dossier, prefix: str = "", _outer: tuple[type[BaseModel], ...] = ()
) -> list[str]:
    """Every leaf field of the model as a pattern ("projects/*/budget/*/unit_price")."""
    out = []
    outer = _outer + (model,)
    for name, info in model.model_fields.items():
        path = f"{prefix}/{name}" if prefix else name
        inner, in_list = _inner_model(info.annotation)
        if inner is None or inner in outer:  # a model inside itself (the frozen application) is one field
            out.append(path)
        else:
            out.extend(field_patterns(inner, f"{path}/*" if in_list else path, outer))
    return out


def covers(rule_pattern: str, field_pattern: str) -> bool:
    rule, field = paths.split(rule_pattern), paths.split(field_pattern)
    return len(rule) <= len(field) and field[: len(rule)] == rule


def uncovered_fields(policy: Policy | None = None) -> list[str]:
    """Fields of the model that no rule speaks about: a new field needs a policy decision."""
    policy = policy or load_policy()
    return [f for f in field_patterns() if not any(covers(r.path, f) for r in policy.rules)]
