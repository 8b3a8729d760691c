"""A finger for the tests: real touch events from a touch-screen device (QTest.touchEvent on a
QPointingDevice), sent to the window at the place a person would touch, with the short pauses
a real finger takes between moves (the page's flick speed is worked out from them)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

MOVE_MS = 16  # a finger reports about sixty times a second
_device: list[QPointingDevice] = []


def touch_screen() -> QPointingDevice:
    if not _device:
        _device.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _device[0]


def _in_window(widget: QWidget, at: QPoint | None) -> tuple[QWidget, QPoint]:
    window = widget.window()
    return window, widget.mapTo(window, at if at is not None else widget.rect().center())


def tap(widget: QWidget, at: QPoint | None = None, *, drift: QPoint | None = None) -> None:
    """Touch `widget` (at its centre, or `at`) and lift the finger, having moved it by `drift`."""
    window, point = _in_window(widget, at)
    QTest.touchEvent(window, touch_screen()).press(0, point)
    QTest.qWait(40)
    if drift is not None:
        point = point + drift
        QTest.touchEvent(window, touch_screen()).move(0, point)
        QTest.qWait(40)
    QTest.touchEvent(window, touch_screen()).release(0, point)
    QApplication.processEvents()


def drag(widget: QWidget, start: QPoint, end: QPoint, *, steps: int = 12, settle_ms: int = 0) -> None:
    """Put a finger down at `start` (in `widget`), draw it to `end` and lift it there."""
    window, begin = _in_window(widget, start)
    _, finish = _in_window(widget, end)
    QTest.touchEvent(window, touch_screen()).press(0, begin)
    QTest.qWait(MOVE_MS)
    for i in range(1, steps + 1):
        point = begin + (finish - begin) * i / steps
        QTest.touchEvent(window, touch_screen()).move(0, point)
        QTest.qWait(MOVE_MS)
    QTest.touchEvent(window, touch_screen()).release(0, finish)
    QTest.qWait(settle_ms)
    QApplication.processEvents()


def drag_up(widget: QWidget, share: float = 0.6, **kwargs: int) -> None:
    """Push the page up (to see what is below) by `share` of the widget's height, slowly."""
    rect = widget.rect()
    x = rect.center().x()
    low, high = round(rect.height() * (0.5 + share / 2)), round(rect.height() * (0.5 - share / 2))
    drag(widget, QPoint(x, low), QPoint(x, high), **kwargs)


def trace(widget: QWidget, points: Sequence[QPoint], *, steps: int = 4, settle_ms: int = 0) -> None:
    """Write with a finger along `points` (in `widget`): down at the first, through each in turn
    (`steps` moves from one to the next), lifted at the last. A single point is a dot."""
    window, begin = _in_window(widget, points[0])
    QTest.touchEvent(window, touch_screen()).press(0, begin)
    QTest.qWait(MOVE_MS)
    last = begin
    for point in points[1:]:
        _, target = _in_window(widget, point)
        for i in range(1, steps + 1):
            QTest.touchEvent(window, touch_screen()).move(0, last + (target - last) * i / steps)
            QTest.qWait(MOVE_MS)
        last = target
    QTest.touchEvent(window, touch_screen()).release(0, last)
    QTest.qWait(settle_ms)
    QApplication.processEvents()
