"""Start the desktop editor: ``run_app(file, screenshot=..., select=...)`` is the one entry point.

The window comes first: its frame (menus, toolbar, "Načítám žádost…") needs Qt only, so it is
on screen before pydantic, the model and the file are loaded; loading starts in the event
loop's next turn after the window's first paint.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

from ..resources import resource_path

SAMPLE = ("examples", "plzen-2021.dossier")
SCREENSHOT_SIZE = (1280, 800)
#: Load anyway after this long if the window manager never lets the window paint (e.g. minimised).
PAINT_TIMEOUT_MS = 1000


def run_app(
    file: Path | None, *, screenshot: Path | None = None, select: str | None = None, at_start: bool = False
) -> int:
    """Open the editor; with ``screenshot`` render the window to a PNG and return without an event loop
    (``at_start``: the window as it first appears, before the dossier is loaded)."""
    if screenshot is not None:
        # A screenshot needs no display; respect a platform the caller chose (e.g. xcb under Xvfb).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    from .main_window import MainWindow

    if screenshot is not None:
        return _screenshot(file, Path(screenshot), select, at_start)
    window = MainWindow()
    window.show()
    after_first_paint(window, lambda: _finish_start(app, window, file, select))
    return app.exec()


def after_first_paint(widget, run: Callable[[], None]) -> None:
    """Call ``run`` once, in the event loop's turn after ``widget`` was first painted."""
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            run()

    class _FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, once)  # after the paint is on screen
            return False

    widget.installEventFilter(_FirstPaint(widget))
    QTimer.singleShot(PAINT_TIMEOUT_MS, once)


def _finish_start(app, window, file: Path | None, select: str | None) -> None:
    from ..logs import setup_logging
    from .budget_clipboard import release_clipboard
    from .crash_dialog import install_exception_hook
    from .safety import offer_recovery

    setup_logging()
    app.aboutToQuit.connect(release_clipboard)
    _open_first(window, file)
    install_exception_hook(window)
    offer_recovery(window)
    # The keyboard starts in the contents list, not on whichever button the frame offered first.
    window.focus_navigator()
    if select:
        window.select(select)


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


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):  # layouts settle over a few passes
        QApplication.processEvents()


def _screenshot(file: Path | None, out: Path, select: str | None, at_start: bool) -> int:
    """The same two steps as a start on screen: the frame is shown and painted, then the dossier loads."""
    from .main_window import MainWindow

    window = MainWindow(persist=False)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    _settle()
    code = 0 if at_start else _load_for_screenshot(window, file, select)
    if code == 0:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            print(f"Chyba: snímek nelze uložit do {out}.", file=sys.stderr)
            code = 2
    if window.document is not None:
        window.document.undo_stack.setClean()
    window.hide()
    window.deleteLater()
    return code


def _load_for_screenshot(window, file: Path | None, select: str | None) -> int:
    from ..core.errors import DossierError
    from ..formats import native
    from ..logs import setup_logging
    from .safety import show_foreign_lock

    setup_logging()
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
    window.attach(dossier, Path(file) if file else None)
    show_foreign_lock(window, Path(file) if file else None)  # takes no lock, but shows someone else's
    window.select(select)
    _settle()
    window.check_panel.refresh()
    _settle()
    return 0


def _open_window(file: Path | None):
    """The window with FILE, else the last file, else the bundled sample (not yet shown)."""
    from .main_window import MainWindow

    window = MainWindow()
    _open_first(window, file)
    return window


def _open_first(window, file: Path | None) -> None:
    """FILE, else the last file, else the bundled sample; never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    from ..core.errors import DossierError
    from . import settings
    from .file_actions import empty_dossier, latest_pack_key

    candidates: list[Path] = [Path(file)] if file is not None else []
    if file is None and settings.last_file() is not None:
        candidates.append(settings.last_file())
    window.attach(empty_dossier(latest_pack_key()))
    # open_path handles bundled samples, exported workbooks and unreadable files (Czech dialog).
    for path in candidates:
        if window.files.open_path(path, ask=False):
            window.update_title()
            return
        if file is None:
            settings.forget_last_file()
    try:
        window.files.open_sample(resource_path(*SAMPLE))
        window.statusBar().showMessage("Otevřena ukázková žádost; uložte ji pod vlastním jménem.", 15000)
    except DossierError as exc:
        QMessageBox.critical(window, "Ukázku nelze otevřít", str(exc))
    window.update_title()
