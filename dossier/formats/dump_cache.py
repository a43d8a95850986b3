"""The open dossier as a recovery copy, again and again while it is edited, re-encoding only what changed.

The editor writes a recovery copy every few seconds of typing. ``native.dumps`` of a 300 × 100
dossier takes most of a second, all of it holding Python's interpreter lock (and making
hundreds of thousands of objects, which then cost full garbage collections), so even a worker
thread would stall the window. Here the JSON text of every project (and of the frozen submitted
application) is kept until the editor says it changed (``changed``); pydantic encodes it in one
go, without making Python objects.

``snapshot`` runs on the editor's thread and is cheap: kept texts are taken as they are, changed
parts are encoded, the small rest of the dossier is dumped to fresh plain data. Nothing in a
snapshot is shared with the live model, which the editor goes on changing, so
``Snapshot.encode`` runs on the writer's thread. The copy is compact JSON, not the pretty-printed
layout of a saved file, and it loads with ``native.load`` like any saved file (the tests compare
the loaded dossiers).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from ..core import paths
from ..core.model import Dossier
from .native import FORMAT_MARKER, SCHEMA_VERSION

#: The key of the frozen submitted application among the kept texts (project ids have no "/").
SUBMITTED = "/submitted"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Snapshot:
    rest: dict[str, Any]  # the dossier without its projects and submitted application, as plain data
    projects: tuple[bytes, ...]  # the projects' JSON texts (UTF-8), in order
    submitted: bytes | None

    def encode(self) -> bytes:
        """The copy's bytes: the file's marker and version, then the dossier's fields in the model's order."""
        fields = [f'"format":{_json(FORMAT_MARKER)}'.encode(), f'"schema_version":{SCHEMA_VERSION}'.encode()]
        for name in Dossier.model_fields:
            if name == "projects":
                fields.append(b'"projects":[' + b",".join(self.projects) + b"]")
            elif name == "submitted":
                if self.submitted is not None:
                    fields.append(b'"submitted":' + self.submitted)
            elif name in self.rest:
                fields.append(f"{_json(name)}:{_json(self.rest[name])}".encode())
        return b"{" + b",".join(fields) + b"}\n"


class DumpCache:
    """The kept texts of one open dossier; used on the editor's thread only."""

    def __init__(self) -> None:
        #: key (project id or SUBMITTED) → (the object encoded, its JSON text in UTF-8)
        self._kept: dict[str, tuple[object, bytes]] = {}

    def changed(self, path: str) -> None:
        """Something under ``path`` changed; "" for everything (another dossier)."""
        parts = paths.split(path) if path else []
        if not parts:
            self._kept.clear()
        elif parts[0] == "projects" and len(parts) >= 2:
            self._kept.pop(parts[1], None)
        elif parts[0] == "submitted":
            self._kept.pop(SUBMITTED, None)
        # The rest is dumped anew for every snapshot; a new or moved project is a new object.

    def snapshot(self, dossier: Dossier) -> Snapshot:
        """What the copy will hold, taken now."""
        rest = dossier.model_dump(mode="json", exclude={"projects", "submitted"})
        projects = tuple(self._text(p.id, p) for p in dossier.projects)
        submitted = None if dossier.submitted is None else self._text(SUBMITTED, dossier.submitted)
        for key in self._kept.keys() - {p.id for p in dossier.projects} - {SUBMITTED}:
            del self._kept[key]  # a removed project
        return Snapshot(rest, projects, submitted)

    def warm(self, dossier: Dossier, seconds: float) -> bool:
        """Encode the parts not kept yet, for about ``seconds`` at a time (the editor calls it when
        idle, so that the first snapshot of a big dossier is as cheap as the next); True when done."""
        deadline = time.perf_counter() + seconds
        parts: list[tuple[str, Any]] = [(p.id, p) for p in dossier.projects]
        if dossier.submitted is not None:
            parts.append((SUBMITTED, dossier.submitted))
        for key, value in parts:
            if time.perf_counter() > deadline:
                return False
            self._text(key, value)
        return True

    def _text(self, key: str, value: Any) -> bytes:
        kept = self._kept.get(key)
        if kept is None or kept[0] is not value:  # a project put back by undo is a new object
            kept = (value, value.model_dump_json().encode("utf-8"))
            self._kept[key] = kept
        return kept[1]
