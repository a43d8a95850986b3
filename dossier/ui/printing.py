"""Printing, print preview and PDF of the dossier: the HTML of ``formats/print_document`` rendered
page by page onto A4 with a footer "Strana X z Y".

``export_pdf`` needs only QtGui (``QPdfWriter``) and creates a headless ``QGuiApplication`` when
none runs, so ``python main.py export FILE --pdf OUT.pdf`` works without a display. The print
dialog and preview come from QtPrintSupport (part of PySide6-Essentials).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from ..core.errors import DossierError
from ..core.model import Dossier
from ..formats.atomic import atomic_write_bytes
from ..formats.print_document import document_title, dossier_html, footer_text

#: Fonts with Czech glyphs, best first: Office's Calibri, its metric twin Carlito, then common sans fonts.
FONT_FAMILIES = ["Calibri", "Carlito", "Arial", "Liberation Sans", "DejaVu Sans"]
PAGE_MARGINS_MM = QMarginsF(20, 15, 20, 12)
FOOTER_GAP_MM = 6
PDF_DPI = 300
_HEADLESS_APP = None


def page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        PAGE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    # Without ligatures: a "ti" or "fi" glyph has no text behind it in the PDF, so copying a name
    # into the portal or an e-mail would drop those letters ("Mar n" for "Martin").
    for feature in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def build_text_document(
    dossier: Dossier, project_id: str | None = None, printed_on: dt.date | None = None
) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(_font(10))
    document.setHtml(dossier_html(dossier, project_id=project_id, printed_on=printed_on))
    return document


def render(
    dossier: Dossier,
    device: QPagedPaintDevice,
    project_id: str | None = None,
    printed_on: dt.date | None = None,
    page_range: tuple[int, int] | None = None,
) -> int:
    """Paint the dossier onto ``device`` (printer, PDF writer, preview); returns the page count.

    ``page_range`` (first, last), numbered from 1, prints only those pages ("Strany od … do …").
    """
    document = build_text_document(dossier, project_id, printed_on)
    layout = document.documentLayout()
    layout.setPaintDevice(device)  # fonts and pagination in the device's own resolution
    width, height = device.width(), device.height()
    footer_font = _font(8)
    dots_per_mm = device.logicalDpiY() / 25.4
    footer_height = int((FOOTER_GAP_MM + 4) * dots_per_mm)
    body_height = height - footer_height
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(width, body_height))
    pages = max(1, document.pageCount())
    footer_left = footer_text(dossier)
    painter = QPainter()
    if not painter.begin(device):
        raise DossierError("Tisk nelze zahájit: tiskárnu ani soubor PDF se nepodařilo otevřít.")
    try:
        first, last = page_range or (1, pages)
        wanted = [page for page in range(pages) if first - 1 <= page <= last - 1] or [0]
        for page in wanted:
            if page != wanted[0]:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body_height, width, body_height)
            painter.setClipRect(context.clip)
            layout.draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line_y = height - footer_height + int(FOOTER_GAP_MM * dots_per_mm / 2)
            painter.drawLine(0, line_y, width, line_y)
            box = QRectF(0, line_y, width, height - line_y)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), footer_left)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"Strana {page + 1} z {pages}"
            )
    finally:
        painter.end()
    return pages


def pdf_bytes(dossier: Dossier, project_id: str | None = None, printed_on: dt.date | None = None) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout())
    writer.setTitle(document_title(dossier, project_id))
    writer.setCreator("Dossier")
    render(dossier, writer, project_id, printed_on)
    del writer  # flushes the PDF trailer into the buffer
    buffer.close()
    return bytes(data.data())


def ensure_gui_application() -> None:
    """A headless application for the CLI (fonts and painting need one); an existing app is reused.

    A QApplication rather than a QGuiApplication: widgets created later in the same process need it.
    """
    if QGuiApplication.instance() is None:
        if sys.platform != "win32":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _HEADLESS_APP  # the application must outlive this call
        _HEADLESS_APP = QApplication([sys.argv[0] if sys.argv else "dossier"])


def export_pdf(dossier: Dossier, path: Path, project_id: str | None = None) -> None:
    """Write the printable dossier to ``path`` atomically (the CLI and Export ▸ PDF)."""
    ensure_gui_application()
    atomic_write_bytes(Path(path), pdf_bytes(dossier, project_id), keep_backup=False)


# -- Soubor ▸ Tisk… and Náhled tisku (QtPrintSupport is imported here only, not by the CLI path) ------

WHOLE_DOSSIER = "Celá žádost"


def _scope_choices(window) -> list[tuple[str, str | None]]:
    """(label, project id) for the preview's scope box: the whole dossier, then the current project."""
    choices: list[tuple[str, str | None]] = [(WHOLE_DOSSIER, None)]
    project_id = window.current_project_id()
    if project_id is not None:
        project = window.document.dossier.project(project_id)
        choices.append((f"Jen projekt {project_id} – {project.title.strip() or 'bez názvu'}", project_id))
    return choices


def _printer():
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    return printer


def _render_reporting(window, printer, project_id: str | None, page_range=None) -> bool:
    try:
        render(window.document.dossier, printer, project_id, page_range=page_range)
    except DossierError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, "Tisk se nezdařil", str(exc))
        return False
    return True


def print_dossier(window) -> None:
    """Qt's print dialog; "Výběr" (selection) prints only the project shown in the editor."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    printer = _printer()
    printer.setDocName(document_title(window.document.dossier))
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Tisk žádosti")
    project_id = window.current_project_id()
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, project_id is not None)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    selection = printer.printRange() == printer.PrintRange.Selection
    pages = (printer.fromPage(), printer.toPage()) if printer.printRange() == printer.PrintRange.PageRange else None
    if _render_reporting(window, printer, project_id if selection else None, pages):
        window.statusBar().showMessage("Žádost byla odeslána na tiskárnu.", 5000)


def print_preview(window) -> None:
    """Soubor ▸ Náhled tisku: modal, printing from its toolbar goes to the chosen printer."""
    preview_dialog(window).exec()


def preview_dialog(window):
    """Qt's print preview with a choice of the whole dossier or the current project."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

    printer = _printer()
    dialog = QPrintPreviewDialog(printer, window)
    dialog.printer_ref = printer  # the dialog keeps a raw pointer: the printer must live as long as it does
    dialog.setWindowTitle("Náhled tisku")
    dialog.resize(min(1100, window.width()), max(600, window.height() - 40))
    scope = QComboBox(dialog)
    scope.setObjectName("print_scope")
    for label, project_id in _scope_choices(window):
        scope.addItem(label, project_id)
    scope.setToolTip("Co vytisknout: celou žádost, nebo jen projekt otevřený v editoru")
    if window.current_project_id() is not None:
        scope.setCurrentIndex(1)  # the user is looking at a project: preview that one first
    scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    scope.setMinimumContentsLength(28)  # a long project title must not push the zoom buttons off
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None and toolbar.actions():
        # First on the toolbar, so it never ends up behind the overflow arrow.
        first = toolbar.actions()[0]
        toolbar.insertWidget(first, QLabel(" Tisknout: "))
        toolbar.insertWidget(first, scope)
        toolbar.insertSeparator(first)
    preview = dialog.findChild(QPrintPreviewWidget)

    def paint(device) -> None:
        project_id = scope.currentData()
        device.setDocName(document_title(window.document.dossier, project_id))
        _render_reporting(window, device, project_id)

    dialog.paintRequested.connect(paint)
    if preview is not None:
        scope.currentIndexChanged.connect(lambda _index: preview.updatePreview())
    return dialog
