"""The Excel export pinned cell for cell, so speed-ups of the writer cannot change the workbook.

Each workbook is read back with openpyxl (formulas and, separately, their cached values) and
described as text: sheet state, column widths, row heights, merged ranges, print set-up and
every cell's value, cached value, number format, font, fill, alignment and borders. The hidden
data sheet is described by its cells' digest (its text is the native file, tested elsewhere).
The descriptions are kept in ``tests/data/xlsx_pinned``; after an intended change of the
workbook, regenerate them with ``python -m tests.formats.test_xlsx_pinned``.
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

import openpyxl
import pytest

from dossier.bench.generate import make_dossier
from dossier.core.model import Dossier
from dossier.formats import native
from dossier.formats.xlsx_common import DATA_SHEET
from dossier.formats.xlsx_export import build_xlsx

from .xlsx_helpers import halere_dossier

ROOT = Path(__file__).resolve().parents[2]
PINNED = ROOT / "tests" / "data" / "xlsx_pinned"
CASES = ("plzen-2020", "plzen-2021", "generated-3x12", "halere")


def dossier_for(case: str) -> Dossier:
    if case == "generated-3x12":
        return make_dossier(3, 12)
    if case == "halere":
        return halere_dossier()
    return native.load(ROOT / "resources" / "examples" / f"{case}.dossier")


def _rgb(color) -> str:
    return color.rgb if color is not None and color.type == "rgb" else ""


def _style(cell) -> str:
    font, fill, align, border = cell.font, cell.fill, cell.alignment, cell.border
    sides = ",".join(f"{s.style}:{_rgb(s.color)}" for s in (border.left, border.right, border.top, border.bottom))
    return (
        f"fmt={cell.number_format!r} font={font.name},{font.sz},{font.b},{font.i},{_rgb(font.color)} "
        f"fill={_rgb(fill.fgColor) if fill.fill_type else ''} "
        f"align={align.horizontal},{align.vertical},{align.wrap_text} border={sides}"
    )


def describe(data: bytes) -> str:
    """The workbook as text: everything a reader sees, one line per fact."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    out = [f"sheets {formulas.sheetnames} active={formulas.active.title}"]
    styles: dict[str, int] = {}  # listed once at the end, cells name them by number
    for sheet in formulas.worksheets:
        values = cached[sheet.title]
        out.append(f"== {sheet.title} state={sheet.sheet_state}")
        if sheet.title == DATA_SHEET:
            cells = repr([[c.value for c in row] for row in sheet.iter_rows()]).encode("utf-8")
            out.append(f"cells sha256={hashlib.sha256(cells).hexdigest()}")
            continue
        for key, dim in sorted(sheet.column_dimensions.items()):
            out.append(f"col {key} width={dim.width} {dim.min}-{dim.max}")
        for key, dim in sorted(sheet.row_dimensions.items()):
            if dim.ht is not None:
                out.append(f"row {key} height={dim.ht}")
        out.append(f"merged {sorted(str(r) for r in sheet.merged_cells.ranges)}")
        setup = sheet.page_setup
        out.append(
            f"print area={sheet.print_area} titles={sheet.print_title_rows} freeze={sheet.freeze_panes} "
            f"paper={setup.paperSize} orientation={setup.orientation} "
            f"fit={sheet.sheet_properties.pageSetUpPr.fitToPage},{setup.fitToWidth},{setup.fitToHeight} "
            f"margins={sheet.page_margins.left},{sheet.page_margins.right},{sheet.page_margins.top},"
            f"{sheet.page_margins.bottom} "
            f"footer={sheet.oddFooter.left.text!r}|{sheet.oddFooter.right.text!r}"
        )
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                shown = values[cell.coordinate].value
                style = styles.setdefault(_style(cell), len(styles))
                out.append(f"{cell.coordinate} {cell.value!r} cached={shown!r} style={style}")
    out += [f"style {number}: {style}" for style, number in styles.items()]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_the_workbook_is_the_pinned_one(case, tmp_path):
    actual = describe(build_xlsx(dossier_for(case)))
    expected = (PINNED / f"{case}.txt").read_text(encoding="utf-8")
    if actual != expected:
        (tmp_path / f"{case}.txt").write_text(actual, encoding="utf-8")
        diff = [f"{a!r} != {e!r}" for a, e in zip(actual.splitlines(), expected.splitlines()) if a != e]
        pytest.fail(f"{case}: the workbook differs from the pinned one; first differences: {diff[:5]}")


def test_the_pins_describe_what_a_reader_sees():
    pinned = (PINNED / "plzen-2021.txt").read_text(encoding="utf-8")
    assert "state=veryHidden" in pinned
    assert "row 1 height=" in pinned and "col A width=" in pinned
    assert "cached=" in pinned and "'=ROUND(E" in pinned
    assert "merged ['A1:K1'" in pinned


if __name__ == "__main__":  # regenerate the pins after an intended change of the workbook
    PINNED.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[1:] or CASES:
        (PINNED / f"{name}.txt").write_text(describe(build_xlsx(dossier_for(name))), encoding="utf-8")
