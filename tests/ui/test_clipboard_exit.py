"""Quitting right after copying budget cells must not crash the process (PySide6 frees our QMimeData first)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from dossier.formats import native
from dossier.ui.budget_clipboard import copy_mime, release_clipboard
from dossier.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(native.load("resources/examples/plzen-2021.dossier"), None, persist=False)
window.select("P2")
model = window.project_form.budget_editor.model
QApplication.clipboard().setMimeData(copy_mime(model, [(0, 0), (0, 1), (1, 5)]))
text = QApplication.clipboard().text()
if sys.argv[1] == "release":
    app.aboutToQuit.connect(release_clipboard)
app.quit()
QApplication.processEvents()
release_clipboard() if sys.argv[1] == "release" else None
assert QApplication.clipboard().text() == text
print("ok")
"""


def _run(mode: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_released_clipboard_keeps_the_text_and_the_process_exits_cleanly():
    result = _run("release")
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
