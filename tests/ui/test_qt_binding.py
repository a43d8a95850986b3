"""Guards against a PySide6 defect that crashes long editing sessions.

PySide6 6.12.0 drops one reference to ``True`` on every ``Signal.emit()``; on Python 3.11
(where ``True`` is not immortal) the interpreter aborts with "bool_dealloc" after a few
hundred edits. pyproject.toml excludes that release; this test fails if it comes back.
"""
import sys

from PySide6.QtCore import QObject, Signal


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
