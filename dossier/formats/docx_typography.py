"""Czech typography for the Word narrative, applied to the finished document in one pass.

Text enters the narrative through many helpers (headings, facts, fast XML tables, labelled
paragraphs); walking every ``w:t`` of the body once at the end covers them all, including the
template-independent labels, and costs one linear pass.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from ..core.typography import typeset

_TEXT = qn("w:t")


def typeset_document(doc: DocxDocument) -> None:
    """Non-breaking spaces after one-letter words and inside amounts in every text run of the body."""
    typeset_element(doc.element.body)


def typeset_element(root) -> None:
    """The same for one element and what it holds (a streamed project chapter)."""
    for element in root.iter(_TEXT):
        value = element.text
        if value and " " in value:
            element.text = typeset(value)
