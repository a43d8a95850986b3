"""Draw the screenshots of the user guide (resources/help/img/*.png) offscreen at 1280×800.

    QT_QPA_PLATFORM=offscreen python packaging/make_help_images.py

Run it again after the window changes; the PNGs are committed (scaled down, they stay small).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402

from dossier.formats import native  # noqa: E402
from dossier.ui.app import _application  # noqa: E402

OUT = ROOT / "resources" / "help" / "img"
EXAMPLES = ROOT / "resources" / "examples"
WIDTH = 960  # the guide shows them at most this wide


def settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def save(widget_or_pixmap, name: str, width: int = WIDTH) -> None:
    pixmap = widget_or_pixmap if hasattr(widget_or_pixmap, "scaledToWidth") else widget_or_pixmap.grab()
    if pixmap.width() > width:
        pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    # 256 colours are plenty for a screenshot of widgets and keep the installed guide small.
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    OUT.mkdir(parents=True, exist_ok=True)
    assert image.save(str(OUT / name), "PNG", 9), name
    print(OUT / name)


def main() -> None:
    settings_dir = tempfile.mkdtemp()  # never touch the user's settings or recent files
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
    os.environ["DOSSIER_DATA_DIR"] = tempfile.mkdtemp()
    _application()
    from dossier.ui.main_window import MainWindow
    from dossier.ui.rollover_wizard import RolloverWizard

    sample = EXAMPLES / "plzen-2021.dossier"
    window = MainWindow(native.load(sample), sample, persist=False)
    window.resize(1280, 800)
    window.show()
    settle()
    window.check_panel.refresh()
    settle()
    save(window, "okno.png")
    window.select("P2")
    settle()
    save(window, "projekt.png")
    window.select("P2/budget")
    settle()
    save(window, "rozpocet.png")
    window.navigator.select("attachments")
    settle()
    save(window, "prilohy.png")
    window.select("P2")
    settle()
    from dossier.ui.printing import preview_dialog

    preview = preview_dialog(window)
    preview.resize(1100, 760)
    preview.show()
    settle()
    save(preview, "nahled-tisku.png", 860)
    preview.close()
    window.document.set_read_only(
        True,
        "Žádost má otevřenou Jana Nováková (PC-PREVENCE) od 9:12; "
        "otevřeno jen pro čtení. Změny uložte pod jiným jménem (Uložit jako).",
    )
    window.navigator.select("applicant")
    window.statusBar().showMessage(window.document.read_only_reason)
    settle()
    save(window, "jen-pro-cteni.png")
    window.document.undo_stack.setClean()
    window.close()

    # Kontrola with something to show: a mistyped IČO and a project without its description.
    broken = native.load(sample)
    broken.applicant.ico = "1234"
    broken.projects[0].problem = ""
    window = MainWindow(broken, None, persist=False)
    window.resize(1280, 800)
    window.show()
    settle()
    window.check_panel.refresh()
    settle()
    window.resizeDocks([window.check_panel], [220], Qt.Orientation.Vertical)
    settle()
    save(window.check_panel, "kontrola.png", 900)
    window.document.undo_stack.setClean()
    window.close()

    wizard = RolloverWizard(None, EXAMPLES / "plzen-2020.dossier")
    wizard.show()
    settle()
    wizard.button(QWizard.WizardButton.NextButton).click()
    settle()
    wizard.button(QWizard.WizardButton.NextButton).click()
    settle()
    save(wizard, "novy-rocnik.png", 860)
    wizard.close()


if __name__ == "__main__":
    main()
