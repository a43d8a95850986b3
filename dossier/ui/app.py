"""Start the desktop editor: ``run_app(file, screenshot=..., select=...)`` is the one entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.errors import DossierError
from ..formats import native
from ..logs import setup_logging
from ..resources import resource_path

SAMPLE = ("examples", "plzen-2021.dossier")
SCREENSHOT_SIZE = (1280, 800)


def run_app(file: Path | None, *, screenshot: Path | None = None, select: str | None = None) -> int:
    """Open the editor; with ``screenshot`` render the window to a PNG and return without an event loop."""
    if screenshot is not None:
        # A screenshot needs no display; respect a platform the caller chose (e.g. xcb under Xvfb).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    setup_logging()
    app = _application()
    if screenshot is not None:
        return _screenshot(file, Path(screenshot), select)
    from .budget_clipboard import release_clipboard
    from .safety import install_exception_hook, offer_recovery

    app.aboutToQuit.connect(release_clipboard)
    window = _open_window(file)
    window.show()
    install_exception_hook(window)
    offer_recovery(window)
    if select:
        window.select(select)
    return app.exec()


def _application():
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dossier"])
    app.setOrganizationName("Dossier")
    app.setApplicationName("Dossier")
    app.setWindowIcon(QIcon(str(resource_path("icons", "dossier.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.Czech, QLocale.Country.CzechRepublic))
    if not getattr(app, "_dossier_translator", None):
        from .qt_czech import CzechFallback

        app._dossier_fallback = CzechFallback(app)  # asked last: only where qtbase_cs has no Czech
        app.installTranslator(app._dossier_fallback)
        translator = QTranslator(app)
        # Czech texts in standard dialogs (file dialog, Ano/Ne); optional, English is the fallback.
        if translator.load("qtbase_cs", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
            app._dossier_translator = translator
    return app


def _screenshot(file: Path | None, out: Path, select: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    try:
        dossier = native.load(file) if file is not None else native.load(resource_path(*SAMPLE))
    except DossierError as exc:
        print(f"Chyba: {exc}", file=sys.stderr)
        return 2
    if (
        select
        and "/" not in select
        and not select.startswith(("applicant", "attachments"))
        and select not in {p.id for p in dossier.projects}
    ):
        print(
            f"Chyba: projekt {select} v žádosti není (projekty: {', '.join(p.id for p in dossier.projects)}).",
            file=sys.stderr,
        )
        return 2
    window = MainWindow(dossier, Path(file) if file else None, persist=False)
    from .safety import show_foreign_lock

    show_foreign_lock(window, Path(file) if file else None)  # takes no lock, but shows someone else's
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.select(select)
    for _ in range(5):  # layouts settle over a few passes
        QApplication.processEvents()
    window.check_panel.refresh()
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out), "PNG")
    window.document.undo_stack.setClean()
    window.hide()
    window.deleteLater()
    if not ok:
        print(f"Chyba: snímek nelze uložit do {out}.", file=sys.stderr)
        return 2
    return 0


def _open_window(file: Path | None):
    """The window with FILE, else the last file, else the bundled sample; never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    from . import settings
    from .file_actions import empty_dossier, latest_pack_key
    from .main_window import MainWindow

    candidates: list[Path] = [Path(file)] if file is not None else []
    if file is None and settings.last_file() is not None:
        candidates.append(settings.last_file())
    window = MainWindow(empty_dossier(latest_pack_key()))
    # open_path handles bundled samples, exported workbooks and unreadable files (Czech dialog).
    for path in candidates:
        if window.files.open_path(path, ask=False):
            window.update_title()
            return window
        if file is None:
            settings.forget_last_file()
    try:
        window.files.open_sample(resource_path(*SAMPLE))
        window.statusBar().showMessage("Otevřena ukázková žádost; uložte ji pod vlastním jménem.", 15000)
    except DossierError as exc:
        QMessageBox.critical(window, "Ukázku nelze otevřít", str(exc))
    window.update_title()
    return window
