"""Draw the application icon with QPainter (offscreen) and write the PNGs and the Windows .ico.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py``.
The outputs are committed; the build does not run this script.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (16, 32, 48)  # QIcon picks the nearest for title bars and task bars

BLUE = QColor("#2f5f8f")  # folder body: neutral office blue
BLUE_DARK = QColor("#1f4266")  # folder tab and outlines
PAPER = QColor("#f7f9fc")
LINE = QColor("#b8c4d2")
SHIELD = QColor("#3d7cc0")


def _shield(cx: float, top: float, w: float, h: float) -> QPainterPath:
    """A heater shield: flat top with rounded corners, straight sides, curved point."""
    r = w * 0.12
    path = QPainterPath(QPointF(cx - w / 2 + r, top))
    path.lineTo(cx + w / 2 - r, top)
    path.quadTo(cx + w / 2, top, cx + w / 2, top + r)
    path.lineTo(cx + w / 2, top + h * 0.42)
    path.cubicTo(cx + w / 2, top + h * 0.72, cx + w * 0.22, top + h * 0.9, cx, top + h)
    path.cubicTo(cx - w * 0.22, top + h * 0.9, cx - w / 2, top + h * 0.72, cx - w / 2, top + h * 0.42)
    path.lineTo(cx - w / 2, top + r)
    path.quadTo(cx - w / 2, top, cx - w / 2 + r, top)
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    """One icon at ``size`` px, drawn in a 256-unit space; small sizes drop the text lines."""
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(size / 256, size / 256)
    small = size <= 32

    # Folder back with its tab.
    p.setPen(Qt.NoPen)
    p.setBrush(BLUE_DARK)
    back = QPainterPath()
    back.setFillRule(Qt.WindingFill)  # union of body and tab, not their odd-even difference
    back.addRoundedRect(QRectF(16, 40, 224, 196), 18, 18)
    back.addRoundedRect(QRectF(16, 24, 96, 48), 14, 14)
    p.drawPath(back.simplified())

    # A sheet of paper sticking out of the folder.
    p.setBrush(PAPER)
    p.setPen(QPen(LINE, 4) if not small else Qt.NoPen)
    p.drawRoundedRect(QRectF(44, 52, 168, 150), 8, 8)
    if not small:
        p.setPen(QPen(LINE, 8, Qt.SolidLine, Qt.RoundCap))
        for y in (76, 94):
            p.drawLine(QPointF(66, y), QPointF(190, y))

    # Folder front.
    p.setPen(Qt.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(16, 112, 224, 124), 18, 18)

    # Shield on the front: white rim, blue field, white tick.
    rim = _shield(128, 104, 112, 136) if not small else _shield(128, 88, 136, 156)
    p.setBrush(PAPER)
    p.drawPath(rim)
    inner = _shield(128, 116, 88, 110) if not small else _shield(128, 104, 104, 122)
    p.setBrush(SHIELD)
    p.drawPath(inner)
    p.setPen(QPen(PAPER, 14 if not small else 22, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(Qt.NoBrush)
    tick = QPainterPath(QPointF(106, 162))
    tick.lineTo(123, 180)
    tick.lineTo(152, 146)
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size .ico with PNG-compressed entries (read by Windows Vista and later)."""
    blobs = [png_bytes(img) for img in images]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = 6 + 16 * len(blobs)
    entries = b""
    for img, blob in zip(images, blobs):
        side = img.width() if img.width() < 256 else 0  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return header + entries + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    (ICONS / "dossier.png").write_bytes(png_bytes(images[256]))
    for size in PNG_SIZES:
        (ICONS / f"dossier-{size}.png").write_bytes(png_bytes(images[size]))
    (ICONS / "dossier.ico").write_bytes(ico_bytes([images[s] for s in SIZES]))
    print(f"Ikony zapsány do {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
