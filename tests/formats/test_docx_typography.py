"""Word narrative: no run of text has an ordinary space after a one-letter word (Czech typography)."""

from __future__ import annotations

import re
import zipfile

from dossier.core.money import NBSP
from dossier.formats.docx_export import export_docx

_BREAKABLE_AFTER_ONE_LETTER = re.compile(r"(?<!\w)[vszkouaiVSZKOUAI] ")
_BREAKABLE_AMOUNT = re.compile(r"\d \d{3}(?!\d)|\d Kč")


def _texts(docx_path) -> list[str]:
    with zipfile.ZipFile(docx_path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", xml, re.S)]


def test_sample_2021_has_no_breakable_space_after_one_letter_words(sample_2021, tmp_path):
    path = tmp_path / "narrative.docx"
    export_docx(sample_2021, path)
    texts = _texts(path)
    offenders = [t for t in texts if _BREAKABLE_AFTER_ONE_LETTER.search(t)]
    assert offenders == []
    joined = "".join(texts)
    # The sample is full of them: the rule was really applied, not vacuously true.
    assert joined.count(f" v{NBSP}") + joined.count(f" a{NBSP}") > 20
    assert not _BREAKABLE_AMOUNT.search(joined)


def test_typed_amounts_and_prepositions_in_narrative(sample_2021, tmp_path):
    project = sample_2021.projects[0]
    project.problem = "Náklady 1 234 567 Kč v roce 2021 a k tomu s partnery z kraje."
    path = tmp_path / "narrative.docx"
    export_docx(sample_2021, path)
    joined = "".join(_texts(path))
    assert f"1{NBSP}234{NBSP}567{NBSP}Kč v{NBSP}roce 2021 a{NBSP}k{NBSP}tomu s{NBSP}partnery z{NBSP}kraje." in joined
