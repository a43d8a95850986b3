"""Cell formats and print setup of the Excel export, created once per workbook.

Number formats are written in the file's neutral notation (``#,##0 "Kč"``): Excel and
LibreOffice then show the reader's own separators, "1 234 568 Kč" in Czech settings. Every
format names Calibri, otherwise LibreOffice falls back to its default serif font.
"""

from __future__ import annotations

from .xlsx_common import utf16_cut, utf16_len
from .xlsx_measure import lines_needed

FONT = "Calibri"
FONT_SIZE = 10
HEADER_FILL = "#DDE4EE"
SUBTOTAL_FILL = "#F2F2F2"
#: Points per text line at FONT_SIZE, for rows whose height we must set ourselves (merged cells).
LINE_HEIGHT = 12.75
MAX_ROW_HEIGHT = 409  # Excel's limit
#: Room for the file name in the footer; with doubled "&" and the codes it stays under 255.
FOOTER_LABEL_UNITS = 90


class Styles:
    def __init__(self, workbook, *, halere: bool):
        self.halere = halere
        money = '#,##0.00 "Kč"' if halere else '#,##0 "Kč"'
        base = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "top"}

        def fmt(**options):
            return workbook.add_format({**base, **options})

        cell = {"border": 1, "border_color": "#808080"}
        self.title = fmt(bold=True, font_size=14, text_wrap=True, valign="vcenter")
        self.label = fmt(bold=True, text_wrap=True)
        self.value = fmt(text_wrap=True)
        self.note = fmt(italic=True, text_wrap=True, font_color="#9C0006")
        self.th = fmt(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color=HEADER_FILL, **cell)
        self.text = fmt(text_wrap=True, **cell)
        self.center = fmt(align="center", **cell)
        self.integer = fmt(num_format="#,##0", **cell)
        self.fraction = fmt(num_format="#,##0.0###", **cell)
        self.money = fmt(num_format=money, **cell)
        self.percent = fmt(num_format="0.0 %", align="right", **cell)
        self.sub_label = fmt(italic=True, text_wrap=True, bg_color=SUBTOTAL_FILL, **cell)
        self.sub_money = fmt(italic=True, num_format=money, bg_color=SUBTOTAL_FILL, **cell)
        self.sub_percent = fmt(italic=True, num_format="0.0 %", align="right", bg_color=SUBTOTAL_FILL, **cell)
        self.total_label = fmt(bold=True, text_wrap=True, bg_color=HEADER_FILL, **cell)
        self.total_money = fmt(bold=True, num_format=money, bg_color=HEADER_FILL, **cell)
        self.total_percent = fmt(bold=True, num_format="0.0 %", align="right", bg_color=HEADER_FILL, **cell)
        self.data = workbook.add_format({"font_name": FONT})


def row_height(text: str, width_chars: float, *, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Height in points for ``text`` wrapped in a (merged) cell ``width_chars`` wide."""
    lines = lines_needed(text, width_chars, size=size, bold=bold)
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT * size / FONT_SIZE + 3)


def fit_row(sheet, row: int, cells: list[tuple[str, float]], *, bold: bool = False) -> None:
    """Set the row tall enough for the most wrapped of its (text, column width) cells."""
    set_lines(sheet, row, max((lines_needed(text, width, bold=bold) for text, width in cells), default=1))


def set_lines(sheet, row: int, lines: int) -> None:
    """Make the row ``lines`` text lines tall; a one-line row keeps the default height."""
    if lines > 1:
        sheet.set_row(row, min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3))


def fit(length: int, low: float, high: float) -> float:
    """A column width from the longest content, kept between ``low`` and ``high``."""
    return max(low, min(high, length + 2))


def footer_text(label: str) -> str:
    # Excel allows 255 UTF-16 units for the whole footer (XlsxWriter drops a longer one), and
    # "&" starts a control code, so it is doubled after shortening.
    if utf16_len(label) > FOOTER_LABEL_UNITS:
        label = utf16_cut(label, FOOTER_LABEL_UNITS - 1) + "…"
    safe = label.replace("&", "&&")
    return f'&L&"{FONT},Regular"{safe}&R&"{FONT},Regular"strana &P z &N'


def page_setup(sheet, *, header_row: int, last_row: int, last_col: int, footer: str) -> None:
    """A4 landscape, one page wide, table header repeated and frozen, footer with page numbers."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.print_area(0, 0, last_row, last_col)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.set_footer(footer_text(footer))
