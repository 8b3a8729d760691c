"""After a second miss the right spot is shown: a thick pulsing ring around it and a large
arrow pointing at it, drawn above everything and letting every touch through."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.ui.theme import PALETTE

PULSE_MS = 40
PERIOD_MS = 1200


class HighlightOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._target: QWidget | None = None
        self._phase = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(PULSE_MS)
        self.timer.timeout.connect(self._tick)
        self.hide()

    @property
    def target(self) -> QWidget | None:
        return self._target

    def point_at(self, target: QWidget) -> None:
        self._target = target
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.timer.start()

    def clear(self) -> None:
        self._target = None
        self.timer.stop()
        self.hide()

    def ring_rect(self) -> QRect:
        """The target's rectangle in this overlay's coordinates."""
        if self._target is None:
            return QRect()
        top_left = self._target.mapTo(self.parentWidget(), self._target.rect().topLeft())
        return QRect(top_left, self._target.size())

    def _tick(self) -> None:
        self._phase = (self._phase + PULSE_MS / PERIOD_MS) % 1.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._target is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.ring_rect())
        grow = 8 + 10 * (0.5 + 0.5 * math.sin(self._phase * 2 * math.pi))
        ring = rect.adjusted(-grow, -grow, grow, grow)
        colour = QColor(PALETTE.highlight)
        painter.setPen(QPen(QColor("#FFFFFF"), 12))
        painter.drawRoundedRect(ring, 18, 18)
        painter.setPen(QPen(colour, 7))
        painter.drawRoundedRect(ring, 18, 18)
        self._draw_arrow(painter, ring, colour)
        painter.end()

    def _draw_arrow(self, painter: QPainter, ring: QRectF, colour: QColor) -> None:
        """A fat arrow above the ring pointing down (or below it pointing up if no room)."""
        length, width = 90.0, 56.0
        bob = 8 * math.sin(self._phase * 2 * math.pi)
        down = ring.top() - length - 10 > 0
        # Over a wide target (a full-width button) point at its right end: words and amounts
        # above it are usually centred, and the arrow must not hide what the learner checks.
        x = ring.right() - min(ring.width() / 2, 70.0)
        tip = QPointF(x, ring.top() - 6 + bob) if down else QPointF(x, ring.bottom() + 6 - bob)
        sign = -1 if down else 1
        path = QPainterPath(tip)
        path.lineTo(tip.x() - width / 2, tip.y() + sign * width * 0.6)
        path.lineTo(tip.x() - width / 5, tip.y() + sign * width * 0.6)
        path.lineTo(tip.x() - width / 5, tip.y() + sign * length)
        path.lineTo(tip.x() + width / 5, tip.y() + sign * length)
        path.lineTo(tip.x() + width / 5, tip.y() + sign * width * 0.6)
        path.lineTo(tip.x() + width / 2, tip.y() + sign * width * 0.6)
        path.closeSubpath()
        painter.setPen(QPen(QColor("#FFFFFF"), 4))
        painter.setBrush(colour)
        painter.drawPath(path)
