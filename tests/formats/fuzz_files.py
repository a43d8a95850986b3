"""Broken dossiers made from the sample: wrong types, missing fields, bad values, truncation,
duplicate keys, deep nesting, huge strings (deterministic for a seed)."""

from __future__ import annotations

import json
import random

WRONG_VALUES = [
    123,
    -5,
    "text",
    "",
    [],
    {},
    None,
    True,
    "1e999999",
    "2021-13-45",
    "abc",
    [1, 2],
    {"x": 1},
    "ZZZ",
    10**25,
    "x" * 3000,
    "\u0000\u202e",
    "1 234,5,6",
]


def _walk(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, path + (index,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def mutate(sample_text: str, rng: random.Random) -> bytes:
    data = json.loads(sample_text)
    paths = [p for p, _ in _walk(data) if p and p[0] not in ("format", "schema_version")]
    kind = rng.choice(
        [
            "type",
            "type",
            "missing",
            "value",
            "extra",
            "truncate",
            "duplicate",
            "nesting",
            "huge",
            "several",
            "duplicate_id",
        ]
    )
    if kind == "truncate":
        text = _dump(data).encode("utf-8")
        return text[: rng.randrange(0, len(text))]
    if kind == "nesting":
        path = rng.choice(paths)
        depth = rng.choice([50, 5000, 200000])
        marker = "\u0001NEST\u0001"
        _parent(data, path)[path[-1]] = marker
        return _dump(data).replace(json.dumps(marker), "[" * depth + "]" * depth).encode("utf-8")
    if kind == "duplicate":
        text = _dump(data)
        lines = text.splitlines()
        candidates = [i for i, line in enumerate(lines) if line.strip().startswith('"') and line.rstrip().endswith(",")]
        i = rng.choice(candidates)
        lines.insert(i, lines[i])
        return "\n".join(lines).encode("utf-8")
    if kind == "duplicate_id" and len(data["projects"]) >= 2:
        data["projects"][1]["id"] = data["projects"][0]["id"]
        return _dump(data).encode("utf-8")
    for _ in range(3 if kind == "several" else 1):
        path = rng.choice(paths)
        parent = _parent(data, path)
        try:
            if kind in ("type", "several", "duplicate_id"):
                parent[path[-1]] = rng.choice(WRONG_VALUES)
            elif kind == "missing" and isinstance(parent, dict):
                del parent[path[-1]]
            elif kind == "value":
                parent[path[-1]] = rng.choice([-1, 99999999999, "abc", "2021-02-30", "-5 Kč", "0,001", 3.5])
            elif kind == "extra" and isinstance(parent, dict):
                parent[rng.choice(["neznámé", "x" * 300, "price", "TITLE"])] = 1
            elif kind == "huge":
                parent[path[-1]] = rng.choice(["ž" * 300_000, "a" * 3_000_000])
            else:
                parent[path[-1]] = None
        except (KeyError, IndexError, TypeError):
            pass
        paths = [p for p, _ in _walk(data) if p and p[0] not in ("format", "schema_version")]
    return _dump(data).encode("utf-8")
