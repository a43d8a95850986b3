"""What the app remembers between runs (QSettings "Dossier"): recent files, window layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def _settings() -> QSettings:
    return QSettings("Dossier", "Dossier")


def recent_files() -> list[Path]:
    """Most recent first; files that no longer exist are left out (not forgotten: a USB stick may return)."""
    value = _settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(p) for p in value or [] if p]


def existing_recent_files() -> list[Path]:
    return [p for p in recent_files() if p.is_file()]


def add_recent(path: Path) -> None:
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files() if p != path]
    settings = _settings()
    settings.setValue("recent_files", [str(p) for p in files[:MAX_RECENT]])
    settings.setValue("last_file", str(path))


def last_file() -> Path | None:
    value = _settings().value("last_file", "")
    return Path(value) if value else None


def forget_last_file() -> None:
    _settings().remove("last_file")


def save_window(geometry: QByteArray, state: QByteArray) -> None:
    settings = _settings()
    settings.setValue("window/geometry", geometry)
    settings.setValue("window/state", state)


def window_geometry() -> tuple[QByteArray | None, QByteArray | None]:
    settings = _settings()
    return settings.value("window/geometry"), settings.value("window/state")


def word_template() -> Path | None:
    """The office's own Word template for the narrative, or ``None`` for the bundled one."""
    value = _settings().value("export/word_template", "")
    return Path(value) if value else None


def set_word_template(path: Path | None) -> None:
    _settings().setValue("export/word_template", str(path) if path else "")
