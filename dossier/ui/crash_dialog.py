"""The crash dialog: an unexpected exception writes a recovery copy first, logs the traceback and
tells the user the truth in Czech (copy saved or not, log written or not), instead of the window
vanishing. Nothing raises out of the hook.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..logs import log_file, log_unexpected


def install_exception_hook(window) -> None:
    """Unexpected errors: save a recovery copy, log the traceback, tell the user the truth; keep running."""
    showing: list[bool] = []  # an error while the dialog is open is saved and logged, not stacked on it

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        with contextlib.suppress(Exception):  # the handler itself must never fail
            _report_crash(window, exc if exc is not None else exc_type(), showing)

    sys.excepthook = hook


def _report_crash(window, exc: BaseException, showing: list[bool]) -> None:
    try:
        unsaved = window.document.is_modified
        failure = window.safety.write_recovery_now(tell_user=False)
    except Exception:  # noqa: BLE001 - the window is half gone: no copy can be promised
        unsaved, failure = True, "Záložní kopii rozpracované žádosti se nepodařilo uložit."
    logged = _log_crash(exc)
    if showing:
        return
    if failure:
        text = (
            f"V aplikaci nastala neočekávaná chyba.\n\n{failure}\n\n"
            "Uložte žádost hned teď pod novým jménem příkazem Soubor → Uložit jako… (okno zůstává "
            "otevřené) a potom aplikaci restartujte."
        )
    elif unsaved:
        text = (
            "V aplikaci nastala neočekávaná chyba. Rozpracovaná žádost byla uložena do záložní kopie, "
            "o kterou nepřijdete.\n\nDoporučujeme žádost uložit a aplikaci restartovat."
        )
    else:
        text = (
            "V aplikaci nastala neočekávaná chyba. Žádost nemá neuložené změny, nic se neztratilo."
            "\n\nDoporučujeme aplikaci restartovat."
        )
    if logged:
        text += f"\n\nPodrobnosti jsou v souboru {log_file()}."
    showing.append(True)
    try:
        QMessageBox.critical(window, "Neočekávaná chyba", text)
    finally:
        showing.clear()


def _log_crash(exc: BaseException) -> bool:
    """Log the traceback; True only when it reached the log file (the dialog names the file only then)."""
    before = _file_state(log_file())
    try:
        log_unexpected("neočekávaná chyba v okně", exc)
    except Exception:  # noqa: BLE001 - no log must not mean no dialog
        return False
    after = _file_state(log_file())
    return after is not None and after != before


def _file_state(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino
