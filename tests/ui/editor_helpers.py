"""Fixtures and helpers for the main-window tests (imported by the test modules)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from dossier.formats import native

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "plzen-2021.dossier"


def type_text(widget, text: str) -> None:
    """Unicode-safe replacement for qtbot.keyClicks (which aborts on non-ASCII characters)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _unexpected_dialog(*_args, **_kwargs):
    raise AssertionError("unexpected modal dialog in a test")


@pytest.fixture
def no_dialogs(monkeypatch, tmp_path):
    """Keep the user's settings untouched and fail instead of hanging on any modal dialog."""
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "data"))  # recovery copies, logs
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    for name in ("exec", "critical", "warning", "question", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, _unexpected_dialog)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, _unexpected_dialog)
    monkeypatch.setattr(QInputDialog, "getItem", _unexpected_dialog)
    from dossier.ui.paste_preview import PastePreviewDialog

    monkeypatch.setattr(PastePreviewDialog, "exec", _unexpected_dialog)


@pytest.fixture
def dossier_file(tmp_path) -> Path:
    path = tmp_path / "plzeň-2021.dossier"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def window(qtbot, no_dialogs, dossier_file):
    from dossier.ui.main_window import MainWindow

    win = MainWindow(native.load(dossier_file), dossier_file)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.document.undo_stack.setClean()  # close without the unsaved-changes question
    win.close()
    win.deleteLater()


def press_in_next_dialog(key: Qt.Key, seen: list, look=None) -> None:
    """Once a modal dialog is up, note it in ``seen``, let ``look(dialog)`` read it, press ``key`` in it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialog)
        if look is not None:
            look(dialog)
        QTest.keyClick(dialog.focusWidget() or dialog, key)

    QTimer.singleShot(0, attempt)


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list:
    """Make the unsaved-changes question answer ``button``; returns the list of questions asked."""
    asked = []

    def fake_exec(box):
        asked.append(box.text())
        return button

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked
