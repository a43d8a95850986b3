"""File names that Windows accepts, made from Czech titles (pure, no Qt, no file system).

Users type titles such as „Plzeň: rozpočet 2021/2022“; Explorer refuses ``: / ? *`` and the
old device names (``CON``, ``NUL.txt`` …), and silently drops trailing dots and spaces, so a
name proposed in a save dialog is cleaned first. Czech letters and spaces are kept.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports nothing from here, but keep this module light
    from .model import Dossier

#: Characters Windows forbids in a name; separators become "-", the rest a space.
_REPLACE = str.maketrans({"/": "-", "\\": "-", "|": "-", ":": " ", "*": " ", "?": " ", "<": " ", ">": " ", '"': "'"})
#: Device names, reserved with any extension and in any case; Windows 10+ also reserves ¹²³.
_DIGITS = "123456789¹²³"
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"COM{d}" for d in _DIGITS} | {f"LPT{d}" for d in _DIGITS}
)
_WHITESPACE = re.compile(r"\s+")
#: Control, format (zero-width, bidi overrides that disguise an extension) and lone surrogates.
_DROP_CATEGORIES = {"Cc", "Cf", "Cs"}


def is_reserved(name: str) -> bool:
    """``CON``, ``con.txt``, ``Nul .tar.gz`` – Windows treats all of them as devices."""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def _utf16_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _truncate(text: str, max_length: int) -> str:
    """At most ``max_length`` UTF-16 units (what Windows counts); never half a surrogate pair."""
    used = 0
    for index, ch in enumerate(text):
        used += _utf16_units(ch)
        if used > max_length:
            return text[:index]
    return text


def _clean(text: str, max_length: int) -> str:
    text = _WHITESPACE.sub(" ", text)  # tabs and line breaks are Cc too, but mean a space
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROP_CATEGORIES)
    # NFC after dropping: "e", zero-width joiner, combining acute must end up as one "é".
    text = unicodedata.normalize("NFC", text.translate(_REPLACE))
    text = _WHITESPACE.sub(" ", text).strip(" .")  # leading dots hide files; trailing ones vanish
    text = _truncate(text, max_length).rstrip(" .")
    if is_reserved(text):
        text = _truncate("_" + text, max_length).rstrip(" .")
    return text


def safe_filename(title: str, *, default: str = "zadost", max_length: int = 120) -> str:
    """A single path component Windows (and every other OS) accepts; never empty, idempotent."""
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    return _clean(title, max_length) or _clean(default, max_length) or "zadost"[:max_length]


def default_export_name(dossier: Dossier, suffix: str, label: str | None = None) -> str:
    """E.g. "Statutární město Plzeň 2021 – rozpočet.xlsx" for the export dialogs.

    ``suffix`` is the extension (".xlsx", ".docx", ".dossier"); ``label`` defaults to what
    that export holds. The extension always survives the length limit.
    """
    suffix = suffix if suffix.startswith(".") else f".{suffix}"
    if label is None:
        label = {".xlsx": "rozpočet", ".docx": "popis projektů"}.get(suffix.lower(), "")
    applicant = (dossier.applicant.name or "").strip() or "Žádost"
    programme = f"{dossier.year}" + (f" {dossier.round}. kolo" if dossier.round else "")
    stem = f"{applicant} {programme}" + (f" – {label}" if label else "")
    return safe_filename(stem, max_length=120 - len(suffix)) + suffix
