"""An app instance that edits a dossier, lets autosave run, then dies without cleaning up.

``crash_app FILE``: one edit, wait for the debounced recovery copy, exit without clean-up.
``crash_app FILE --type-every-second N``: edit the title of P1 once a second, N times
(printing ``edit K`` after each), then keep running until the test kills it with SIGKILL.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier.formats import native  # noqa: E402
from dossier.ui import safety  # noqa: E402
from dossier.ui.main_window import MainWindow  # noqa: E402


def wait(ms: int) -> None:
    """The event loop runs as in the app (QTest.qWait would keep Python's lock from the copy's writer)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


path = Path(sys.argv[1])
app = QApplication([])
window = MainWindow(native.load(path), path)
window.show()
if "--type-every-second" in sys.argv:
    count = int(sys.argv[sys.argv.index("--type-every-second") + 1])
    for k in range(1, count + 1):
        window.document.set_value("projects/P1/title", f"Národní dny prevence – úprava {k}")
        print(f"edit {k}", flush=True)
        wait(1000)  # the event loop runs: the recovery timers may fire meanwhile
    while True:
        wait(1000)
window.document.set_value("projects/P1/title", "Národní dny prevence 2021 – upraveno před pádem")
wait(safety.AUTOSAVE_DELAY_MS + 700)  # the debounced recovery copy is written by the timer
print("edited", flush=True)
os._exit(3)  # a crash: no close event, no clean-up
