"""Names of files kept beside a dossier (lock, backup, copies) that still fit the file system.

A legal 248-byte dossier name plus ``.bak`` or ``.~lock.…#`` exceeds the 255-byte limit of
most file systems; such a name keeps its start and gets a short hash instead of the rest, so
it stays unique and recognisable.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import TypeVar

P = TypeVar("P", bound=PurePath)  # a Path stays a Path

#: ext4, NTFS (UTF-16 units), SMB: 255; UTF-8 bytes are the stricter measure for Czech names.
MAX_NAME_BYTES = 255


def fits(name: str) -> bool:
    return len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES


def sibling_name(name: str, prefix: str = "", suffix: str = "") -> str:
    """``prefix + name + suffix``, with the middle shortened when the whole would be too long."""
    full = f"{prefix}{name}{suffix}"
    if fits(full):
        return full
    tag = "~" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    budget = MAX_NAME_BYTES - len(f"{prefix}{tag}{suffix}".encode())
    head = name
    while len(head.encode("utf-8", "surrogatepass")) > budget:
        head = head[:-1]
    return f"{prefix}{head}{tag}{suffix}"


def sibling(path: P, prefix: str = "", suffix: str = "") -> P:
    return path.with_name(sibling_name(path.name, prefix, suffix))
