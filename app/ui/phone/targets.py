"""The touchable parts of the phone: a target button that tells a tap from a press-and-hold
and a swipe, and the screen surface that reports taps on nothing in particular."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import QPushButton, QScrollBar, QSizePolicy, QWidget

from app.core.course import ActionKind, Direction
from app.core.engine import Action

LONG_PRESS_MS = 600
SWIPE_PX = 60
DRAG_PX = 12  # a finger that moves further than this on the background is scrolling
Emit = Callable[[Action], None]


def swipe_direction(delta: QPoint) -> Direction:
    if abs(delta.y()) >= abs(delta.x()):
        return Direction.UP if delta.y() < 0 else Direction.DOWN
    return Direction.LEFT if delta.x() < 0 else Direction.RIGHT


class TargetButton(QPushButton):
    """A phone element the lesson can ask for. One finger: tap, hold, or swipe; nothing else.

    Its contents (icon, wrapping labels) live in a layout, so it sizes itself from that layout;
    the labels let presses through.
    """

    def __init__(self, target_id: str, emit: Emit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target_id = target_id
        self._emit = emit
        self.setProperty("target", target_id)
        self.setObjectName(f"target-{target_id}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)  # wrapped labels inside make it taller, never clipped
        self.setSizePolicy(policy)
        self._press_at: QPoint | None = None
        self._held = QElapsedTimer()
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(LONG_PRESS_MS)
        self._hold_timer.timeout.connect(self._on_hold)
        self._long_pressed = False

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout else super().minimumSizeHint()

    def showEvent(self, event: QShowEvent) -> None:
        # A style sheet's min-height (a fingertip) replaces the layout's own minimum, so a
        # picture inside would be squeezed; by the time the button shows, its contents are
        # styled and their size is known.
        if self.layout() is not None:
            self.setMinimumSize(self.minimumSize().expandedTo(self.layout().minimumSize()))
        super().showEvent(event)

    def hasHeightForWidth(self) -> bool:
        return self.layout() is not None

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        wanted = layout.heightForWidth(width)
        if wanted < 0:  # nothing inside wraps (a picture, an icon): its own height stands
            wanted = layout.sizeHint().height()
        return max(wanted, self.minimumHeight())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._press_at = event.position().toPoint()
        self._long_pressed = False
        self._hold_timer.start()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self._press_at is not None and (event.position().toPoint() - self._press_at).manhattanLength() > SWIPE_PX:
            self._hold_timer.stop()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._hold_timer.stop()
        start, self._press_at = self._press_at, None
        self.setDown(False)
        if start is None:
            return
        delta = event.position().toPoint() - start
        if delta.manhattanLength() > SWIPE_PX:
            self._emit(Action(ActionKind.SWIPE, self.target_id, direction=swipe_direction(delta)))
        elif not self._long_pressed:
            self._emit(Action(ActionKind.TAP, self.target_id))
        event.accept()

    def _on_hold(self) -> None:
        self._long_pressed = True
        self._emit(Action(ActionKind.LONG_PRESS, self.target_id))


class Surface(QWidget):
    """A phone screen background: a tap here touched no target, which the engine counts as a
    gentle miss. Labels on it pass their presses down to it. Dragging it scrolls the page, as a
    finger does on a real phone, and a drag is not a tap."""

    def __init__(self, emit: Emit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._emit = emit
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.scroll_bar: QScrollBar | None = None  # set when the surface sits in a scroll area
        self._press_y: float | None = None
        self._start_value = 0
        self._dragged = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_y = event.globalPosition().y()
        self._start_value = self.scroll_bar.value() if self.scroll_bar else 0
        self._dragged = False
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press_y is None:
            return
        moved = event.globalPosition().y() - self._press_y
        if abs(moved) > DRAG_PX:
            self._dragged = True
        if self._dragged and self.scroll_bar is not None:
            self.scroll_bar.setValue(self._start_value - round(moved))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._press_y = self._press_y is not None, None
        if pressed and not self._dragged:
            self._emit(Action(ActionKind.TAP, ""))
        event.accept()
