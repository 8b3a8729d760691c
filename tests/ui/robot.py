"""A robot learner: plays lessons on the real phone widget by tapping, holding, swiping and
typing on the real target widgets, as a finger would."""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.course import ActionKind, Direction, Expect
from app.ui.phone import PhoneWidget
from app.ui.phone.targets import TargetButton

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
    # On a busy machine qWait can run out during its own sleep, before the phone's hold timer
    # (due by now) has been seen: let it fire before the finger comes up.
    QApplication.processEvents()
    if shiboken6.isValid(widget):  # a hold can move the lesson on while the finger is still down
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
    QApplication.processEvents()  # new widgets are shown by a queued call
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
        tap(target)  # opens the number pad or the word keyboard
        keys = phone.typing_keys(expect.target, expect.value or "")
        needs_done = phone.key_widget("done") is not None  # a payment password sends on its last digit
        for key_name in keys:
            QApplication.processEvents()
            key = phone.key_widget(key_name)
            assert key is not None and key.isVisible(), f"no visible key {key_name!r} on the keyboard"
            tap(key)
        if needs_done:
            tap(phone.key_widget("done"))


def miss(phone: PhoneWidget, expect: Expect, offered: Iterable[str] = ()) -> None:
    """Make an honest mistake: tap another target if there is one, else an empty spot.
    `offered`: targets the step offers as choices, which are not mistakes."""
    QApplication.processEvents()
    skip = {expect.target, *offered}
    others = [t for t in phone.target_ids() if t not in skip and phone.target_widget(t).isVisible()]
    if others:
        tap(phone.target_widget(others[0]))
        return
    surface = phone.surface()
    visible = surface.visibleRegion().boundingRect()
    for y in range(visible.top() + 10, visible.bottom() - 10, 16):
        for x in range(visible.left() + 10, visible.right() - 10, 16):
            point = QPoint(x, y)
            child = surface.childAt(point)
            if child is None:
                QTest.mouseClick(surface, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
                return
            ancestors = [child]
            while ancestors[-1] is not surface:
                ancestors.append(ancestors[-1].parentWidget())
            if not any(isinstance(w, TargetButton) for w in ancestors):
                QTest.mouseClick(
                    child, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, child.mapFrom(surface, point)
                )
                return
    raise AssertionError("no empty spot on the phone screen to tap")
