"""Every leaf field path of the dossier model, found by walking the pydantic classes.

Projects are addressed by id ("P1"), other list items by index ("0"). The frozen copy of the
submitted application (``submitted/application``) repeats the whole model and is not edited,
so the walk does not enter it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from dossier.core.model import Dossier

PROJECT_ID = "P1"
FROZEN = "submitted/application"
#: Sections that cannot be created empty: the values ``filled`` gives them.
REQUIRED = {"YearRange": {"from_year": 2021, "to_year": 2022}}


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the model class a field holds, whether it is a list of them)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            model, in_list = _model_of(arg)
            if model is not None:
                return model, in_list
        return None, False
    if origin in (list, tuple):
        model, _ = _model_of(get_args(annotation)[0])
        return model, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def leaf_paths(model: type[BaseModel] = Dossier, prefix: str = "") -> Iterator[str]:
    """Paths of the fields that hold a value (text, number, date, choice, list of texts…)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}/{name}" if prefix else name
        if path == FROZEN:
            continue
        sub, in_list = _model_of(info.annotation)
        if sub is None:
            yield path
        elif in_list:
            yield from leaf_paths(sub, f"{path}/{PROJECT_ID if path == 'projects' else '0'}")
        else:
            yield from leaf_paths(sub, path)


def filled(model: BaseModel) -> BaseModel:
    """``model`` with every empty section created and every empty list given one item, so that
    each leaf path of the model exists in it (the frozen copy excepted)."""
    for name, info in type(model).model_fields.items():
        if name == "submitted":
            continue
        sub, in_list = _model_of(info.annotation)
        if sub is None:
            continue
        value = getattr(model, name)
        if in_list:
            if not value:
                value.append(sub(**REQUIRED.get(sub.__name__, {})))
            for item in value:
                filled(item)
        else:
            if value is None:
                value = sub(**REQUIRED.get(sub.__name__, {}))
                setattr(model, name, value)
            filled(value)
    return model


def instance_paths(node: Any, prefix: str = "") -> Iterator[str]:
    """Concrete leaf paths of a filled dossier: every list item, every project."""
    for name, info in type(node).model_fields.items():
        path = f"{prefix}/{name}" if prefix else name
        if path == "submitted":
            continue
        sub, in_list = _model_of(info.annotation)
        value = getattr(node, name)
        if sub is None:
            yield path
        elif in_list:
            for index, item in enumerate(value):
                yield from instance_paths(item, f"{path}/{item.id if path == 'projects' else index}")
        elif value is not None:
            yield from instance_paths(value, path)
