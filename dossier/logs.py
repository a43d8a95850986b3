"""The per-user log file: tracebacks of unexpected errors, so support can see what happened.

A rotating file (1 MB, three old copies) in the user's data folder; ``DOSSIER_DATA_DIR``
moves it (tests, portable installs). Logging never stops the app: without a writable folder
the messages are dropped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER_NAME = "dossier"
LOG_NAME = "dossier.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

log = logging.getLogger(LOGGER_NAME)


def log_dir() -> Path:
    """Beside the recovery copies: the folder Qt names AppDataLocation for organisation and app "Dossier"."""
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override) / "protokol"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Dossier" / "Dossier" / "protokol"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Attach the rotating file (again, if the folder moved); returns its path, or None when it cannot be written."""
    path = log_file()
    for handler in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
        if Path(handler.baseFilename) == path.absolute():
            return path
        log.removeHandler(handler)
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # the console shows the Czech one-liners, the file the details
    return path


def log_unexpected(what: str, exc: BaseException) -> None:
    """Record an unexpected error with its traceback (and flush: the process may be about to die)."""
    setup_logging()
    log.error("%s: %s", what, exc, exc_info=(type(exc), exc, exc.__traceback__))
    for handler in log.handlers:
        with contextlib.suppress(OSError):  # a full disk or a lost share: the log is best effort
            handler.flush()
