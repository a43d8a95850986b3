"""Text hygiene shared by the model and every export.

XML 1.0 (and therefore .xlsx and .docx) cannot hold most C0 control characters, lone
surrogates or U+FFFE/U+FFFF. They arrive by paste from PDFs and e-mails; we drop them
instead of crashing an export days before the deadline.
"""

from __future__ import annotations

import re

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Normalise line ends to ``\\n`` and remove characters XML cannot store."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", value)
