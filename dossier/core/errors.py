"""The one error type that crosses layers: its message is Czech and meant for the user."""

from __future__ import annotations

from pathlib import PurePath

#: File names in messages are clipped so that a message stays one readable sentence.
NAME_LIMIT = 60


class DossierError(Exception):
    """A file cannot be read or written; ``str(error)`` is a one-line Czech message."""


def short_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A long file name with its middle left out ("Žádost o dotaci … návrh.dossier")."""
    name = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    if len(name) <= limit:
        return name
    tail = min(20, limit // 3)
    return f"{name[: limit - tail - 1].rstrip()}…{name[-tail:]}"


def file_label(path: str | PurePath) -> str:
    """``Soubor „name“`` for the start of a message about a file."""
    from pathlib import PurePath

    return f"Soubor „{short_name(PurePath(path).name)}“"
