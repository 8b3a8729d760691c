"""Scrolling by finger: a page moves under a dragged finger and carries on after a flick, a
small drift of the finger still counts as a tap, and the button under the finger at the end of
a drag is not pressed by it.

Why not QScroller's own gestures: its touch gesture lets the button under the finger click at
the end of every drag (Qt turns the unhandled touch into a mouse press and release there), and
its left-button gesture (for touch screens that report as a mouse) holds every press back
until it knows it is no drag, which loses a click that arrives at once (tests', and a fast
tap's). So one event filter reads the mouse events Qt makes from a finger (and a mouse's own),
lets a press and a release without a drag through untouched, and once the finger has moved
further than a tap drifts, un-presses the button and feeds the movement to the viewport's
QScroller (`handleInput`), which does the kinetic scrolling.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QScroller,
    QScrollerProperties,
    QWidget,
)

DRIFT_PX = 20  # a finger that moves less than this (about 5 mm) between down and up has tapped
MARK = "finger_scroll"  # the viewports that scroll by finger carry this property
DRAWS = "draws_by_finger"  # a widget a finger writes on (the handwriting pad): never a drag
DECELERATION = 0.35


def scroll_by_finger(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Let `area` be dragged and flicked (vertically) by a finger or a mouse held down."""
    viewport = area.viewport()
    viewport.setProperty(MARK, True)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    # No rubber band past the ends: a page that springs back looks like it refused to move.
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # A flick slows down sooner than Qt's default (0.125): the page should not fly away from an
    # older reader, and it comes to rest within about half a second.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.DecelerationFactor, DECELERATION)
    scroller.setScrollerProperties(properties)
    return area


class FingerScroll(QObject):
    """Installed once on the application (`install`); reads the left-button events of widgets
    inside a viewport marked by `scroll_by_finger`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._viewport: QWidget | None = None  # the viewport a press started in
        self._pressed: QWidget | None = None
        self._start = QPointF()
        self._target: QWidget | None = None  # the widget the last press was given to first
        self._pressed_at = -1  # and that press's time: a press passed on to a parent keeps it
        self._dragging = False
        self._stopping = False  # the press only stopped a page still moving from a flick

    @classmethod
    def install(cls, app: QApplication) -> FingerScroll:
        """One filter for the application, however many windows ask."""
        finger = app.findChild(cls)
        if finger is None:
            finger = cls(app)
            app.installEventFilter(finger)
        return finger

    @property
    def dragging(self) -> bool:
        return self._dragging

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            return self._press(watched, event)  # type: ignore[arg-type]
        if self._viewport is None:
            return False
        if kind == QEvent.Type.MouseMove:
            return self._move(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseButtonRelease:
            return self._release(event)  # type: ignore[arg-type]
        return False

    def _press(self, watched: QObject, event: QMouseEvent) -> bool:
        left = QtCore.Qt.MouseButton.LeftButton  # named at a press, never before the first paint (widgets.py)
        if not isinstance(watched, QWidget) or event.button() != left:
            return False
        if self._passed_on(watched, event):
            return False  # the same press, passed on to a parent nobody below took it from
        self._target, self._start, self._pressed_at = watched, event.globalPosition(), event.timestamp()
        viewport = _marked_viewport(watched)
        if viewport is None:
            self._forget()  # a press elsewhere: whatever came before is over
            return False
        scroller = QScroller.scroller(viewport)
        moving = scroller.state() == QScroller.State.Scrolling
        if moving:
            scroller.stop()  # a finger on a page still moving from a flick holds it there
        self._viewport, self._pressed, self._dragging, self._stopping = viewport, watched, False, moving
        self._feed(QScroller.Input.InputPress, event)
        return moving  # and presses nothing under it

    def _passed_on(self, watched: QWidget, event: QMouseEvent) -> bool:
        target = self._target
        try:
            if target is None or event.timestamp() != self._pressed_at or event.globalPosition() != self._start:
                return False
            return watched is not target and watched.isAncestorOf(target)
        except RuntimeError:  # the widget pressed before has gone
            return False

    def _move(self, event: QMouseEvent) -> bool:
        if self._stopping and not self._dragging:
            if (event.globalPosition() - self._start).manhattanLength() > DRIFT_PX:
                self._dragging = True  # it stopped the page, and now drags it on
            else:
                return True
        if not self._dragging:
            if (event.globalPosition() - self._start).manhattanLength() <= DRIFT_PX:
                return False
            self._dragging = True
            if isinstance(self._pressed, QAbstractButton):
                self._pressed.setDown(False)  # and its release is kept from it below
        self._feed(QScroller.Input.InputMove, event)
        return True

    def _release(self, event: QMouseEvent) -> bool:
        swallowed = self._dragging or self._stopping
        self._feed(QScroller.Input.InputRelease, event)
        self._forget()
        return swallowed  # a drag's release presses nothing, nor one that stopped a flick

    def _forget(self) -> None:
        self._viewport = self._pressed = None
        self._dragging = self._stopping = False

    def _feed(self, what: QScroller.Input, event: QMouseEvent) -> None:
        viewport = self._viewport
        if viewport is None:
            return
        try:
            position = QPointF(viewport.mapFromGlobal(event.globalPosition()))
            QScroller.scroller(viewport).handleInput(what, position, self._clock.elapsed())
        except RuntimeError:  # the page went away under the finger (a screen changed)
            self._forget()


def _marked_viewport(widget: QWidget | None) -> QWidget | None:
    while widget is not None:
        if widget.property(DRAWS):
            return None  # its strokes are writing, not scrolling
        if widget.property(MARK):
            return widget
        widget = widget.parentWidget()
    return None
