"""A robot learner: plays lessons on the real phone widget by tapping, holding, swiping and
typing on the real target widgets, as a finger would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.course import ActionKind, Direction, Expect
from app.ui.phone import PhoneWidget

SWIPE_OFFSETS = {
    Direction.UP: QPoint(0, -160),
    Direction.DOWN: QPoint(0, 160),
    Direction.LEFT: QPoint(-160, 0),
    Direction.RIGHT: QPoint(160, 0),
}


def _send(widget: QWidget, kind: QMouseEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    local = QPointF(pos)
    glob = QPointF(widget.mapToGlobal(pos))
    button = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, local, glob, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center())


def long_press(widget: QWidget, hold_ms: int = 750) -> None:
    centre = widget.rect().center()
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.qWait(hold_ms)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def swipe(widget: QWidget, direction: Direction) -> None:
    start = widget.rect().center()
    end = start + SWIPE_OFFSETS[direction]
    _send(widget, QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for i in range(1, 9):
        _send(widget, QMouseEvent.Type.MouseMove, start + (end - start) * (i / 8), Qt.MouseButton.LeftButton)
    _send(widget, QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def perform(phone: PhoneWidget, expect: Expect) -> None:
    """Do what the step asks, on the widget a learner would touch."""
    phone.ensure_visible(expect.target)
    target = phone.target_widget(expect.target)
    assert target is not None, f"target {expect.target!r} is not on the phone"
    assert target.isVisible(), f"target {expect.target!r} is hidden"
    if expect.action is ActionKind.TAP:
        tap(target)
    elif expect.action is ActionKind.LONG_PRESS:
        long_press(target)
    elif expect.action is ActionKind.SWIPE:
        swipe(target, expect.direction)
    else:
        tap(target)  # opens the number pad
        for char in expect.value or "":
            key = phone.key_widget(char)
            assert key is not None and key.isVisible(), f"no visible key {char!r} on the number pad"
            tap(key)
        tap(phone.key_widget("done"))


def miss(phone: PhoneWidget, expect: Expect) -> None:
    """Make an honest mistake: tap another target if there is one, else an empty spot."""
    others = [t for t in phone.target_ids() if t != expect.target and phone.target_widget(t).isVisible()]
    if others:
        tap(phone.target_widget(others[0]))
        return
    screen = phone.screen_rect()
    target_rects = [phone.target_widget(t).geometry().translated(phone.target_widget(t).parentWidget().mapTo(phone, QPoint(0, 0))) for t in phone.target_ids()]
    for y in range(screen.top() + 80, screen.bottom() - 20, 20):
        for x in range(screen.left() + 20, screen.right() - 20, 20):
            point = QPoint(x, y)
            if not any(rect.adjusted(-8, -8, 8, 8).contains(point) for rect in target_rects):
                child = phone.childAt(point) or phone
                QTest.mouseClick(child, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, child.mapFrom(phone, point))
                return
    raise AssertionError("no empty spot on the phone screen to tap")
