"""The roll-forward policy (``resources/rules/rollover-policy.json``): what happens to each field.

The policy is data; this module reads it and matches its path patterns against a dossier.
``*`` in a pattern stands for any project id or list index.
"""
from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core import paths
from ..core.errors import DossierError
from ..core.model import Dossier
from ..resources import resource_path

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
    rules: list[PolicyRule]


@lru_cache(maxsize=1)
def load_policy() -> Policy:
    path = resource_path("rules", POLICY_FILE)
    try:
        return Policy.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise DossierError(f"Pravidla převzetí z loňska ({POLICY_FILE}) nelze načíst: {exc}") from exc


def expand(pattern: str, dossier: Dossier) -> list[str]:
    """The concrete paths a pattern names in this dossier; parts that are ``None`` are skipped."""
    found = [""]
    for part in paths.split(pattern):
        next_found = []
        for prefix in found:
            node = paths.get(dossier, prefix) if prefix else dossier
            if node is None:
                continue
            if part == WILDCARD:
                keys = [p.id for p in node] if prefix == "projects" else [str(i) for i in range(len(node))]
            else:
                keys = [part]
            next_found.extend(f"{prefix}/{key}" if prefix else key for key in keys)
        found = next_found
    # A None date or number is still a field to speak about; a None section (no APK part) is not.
    return [path for path in found if paths.get(dossier, path) is not None or not _is_section(dossier, path)]


def _is_section(dossier: Dossier, path: str) -> bool:
    parts = paths.split(path)
    parent = paths.get(dossier, "/".join(parts[:-1])) if len(parts) > 1 else dossier
    if not isinstance(parent, BaseModel):
        return False
    inner, _ = _inner_model(type(parent).model_fields[parts[-1]].annotation)
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


def field_patterns(model: type[BaseModel] = Dossier, prefix: str = "", _outer: tuple = ()) -> list[str]:
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
    return len(rule) <= len(field) and field[:len(rule)] == rule


def uncovered_fields(policy: Policy | None = None) -> list[str]:
    """Fields of the model that no rule speaks about: a new field needs a policy decision."""
    policy = policy or load_policy()
    return [f for f in field_patterns() if not any(covers(r.path, f) for r in policy.rules)]
