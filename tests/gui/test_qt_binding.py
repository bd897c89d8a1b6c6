"""The Qt binding the application runs on must not eat Python's shared objects.

PySide6 6.12.0 on CPython 3.11 drops one reference to None at every Qt call that returns
nothing (and one to True at every signal emitted): with the application loaded, None has
about 30,000 references, so a working day at the desk ends in « Fatal Python error:
none_dealloc ». pyproject.toml pins the 6.11 series, which does not; this test keeps any
other version from being installed unnoticed. (From Python 3.12 these objects are immortal
and the counts do not move at all.)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    happened = Signal(int)


def test_qt_calls_leave_the_count_of_none_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("Passage enregistré")
    assert sys.getrefcount(None) - before > -CALLS // 10


def test_signals_leave_the_count_of_true_alone(qtbot):
    emitter = _Emitter()
    received: list[int] = []
    emitter.happened.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(CALLS):
        emitter.happened.emit(value)
    assert len(received) == CALLS
    assert sys.getrefcount(True) - before > -CALLS // 10
