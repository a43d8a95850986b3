"""Guards against a PySide6 defect that crashes long editing sessions.

PySide6 6.12.0 drops one reference to ``True`` on every ``Signal.emit()`` and one to ``None``
on every void method call; on Python 3.11 (where they are not immortal) the interpreter
aborts with "bool_dealloc"/"none_dealloc" after a few thousand edits. pyproject.toml
excludes that release; these tests fail if it comes back.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_signal_emit_keeps_reference_counts_of_true():
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.plain.emit()
        emitter.text.emit("projects/P1/title")
    assert sys.getrefcount(True) >= before - 5


def test_void_method_calls_keep_reference_counts_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
    assert sys.getrefcount(None) >= before - 50
