"""The Qt binding keeps Python's reference counts straight. PySide6 6.12.0 did not: each
processEvents() released None once too often and each argument-less signal True or False,
and the kiosk aborted ("deallocating None") after some thousands of events. A long-running
kiosk cannot live with that, so the pinned version is checked here."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton

pytestmark = pytest.mark.gui
CALLS = 2000


class Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


SINGLETONS = {"None": None, "True": True, "False": False}


def drift(action) -> dict[str, int]:
    before = {name: sys.getrefcount(value) for name, value in SINGLETONS.items()}
    action()
    return {name: sys.getrefcount(value) - before[name] for name, value in SINGLETONS.items()}


def assert_no_drift(action) -> None:
    changes = drift(action)
    assert all(abs(change) < CALLS // 4 for change in changes.values()), changes


def test_process_events_keeps_reference_counts(qapp):
    assert_no_drift(lambda: [QApplication.processEvents() for _ in range(CALLS)])


def test_signals_keep_reference_counts(qapp):
    emitter = Emitter()
    received = []
    emitter.plain.connect(lambda: received.append(1))
    emitter.carrying.connect(received.append)
    button = QPushButton()
    button.clicked.connect(lambda: received.append(2))

    def emit_all() -> None:
        for i in range(CALLS):
            emitter.plain.emit()
            emitter.carrying.emit(i)
            button.click()

    assert_no_drift(emit_all)
    assert len(received) == 3 * CALLS


def test_timers_keep_reference_counts(qapp):
    ticks = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1))

    def run() -> None:
        timer.start()
        while len(ticks) < CALLS:
            QApplication.processEvents()
        timer.stop()

    assert_no_drift(run)
