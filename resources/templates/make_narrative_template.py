"""Regenerate ``narrative.docx``, the bundled template of the Word narrative export.

Run from the repository root: ``.venv/bin/python resources/templates/make_narrative_template.py``.
Page setup and footer come from ``dossier/formats/docx_template.py``, the styles from
``dossier/formats/docx_styles.py`` (the export uses the same definitions to repair user
templates). The office may restyle the generated file in Word (fonts, letterhead in the header,
margins); the export keeps its styles, page setup and header/footer and replaces only the body.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dossier.formats.docx_template import build_default_template  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "narrative.docx"


def main() -> None:
    build_default_template().save(OUTPUT)
    print(f"written {OUTPUT}")


if __name__ == "__main__":
    main()
