"""Text hygiene shared by the model and every export.

XML 1.0 (and therefore .xlsx and .docx) cannot hold most C0 control characters, lone
surrogates or U+FFFE/U+FFFF. They arrive by paste from PDFs and e-mails; we drop them
instead of crashing an export days before the deadline.
"""

from __future__ import annotations

import re

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What ``clean_text`` changes: the invalid characters and ``\r``.
_TO_CLEAN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Normalise line ends to ``\\n`` and remove characters XML cannot store."""
    # Loading a big dossier cleans some 130 000 strings, nearly all clean already: prove that
    # cheaply and return them as they are. Every character cleaned is unprintable (Cc, Cs, Cn).
    if value.isprintable() or _TO_CLEAN.search(value) is None:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", value)
