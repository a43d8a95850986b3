"""An app instance that edits a dossier, lets autosave run, then dies without cleaning up."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier.formats import native  # noqa: E402
from dossier.ui import safety  # noqa: E402
from dossier.ui.main_window import MainWindow  # noqa: E402

path = Path(sys.argv[1])
app = QApplication([])
window = MainWindow(native.load(path), path)
window.show()
window.document.set_value("projects/P1/title", "Národní dny prevence 2021 – upraveno před pádem")
QTest.qWait(safety.AUTOSAVE_DELAY_MS + 700)  # the debounced recovery copy is written by the timer
print("edited", flush=True)
os._exit(3)  # a crash: no close event, no clean-up
