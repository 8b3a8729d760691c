"""The picture a video call shows: a person drawn filling the frame (head and shoulders, in a
room), not an icon in a box. Painted, so it fills any size; the bottom darkens, as a call's
picture does under its buttons, so their white captions stay readable."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

WOMEN = {"daughter", "person-woman"}
CHILDREN = {"grandson"}
CLOTHES = {"daughter": "#B5523B", "person-woman": "#6B4E9B", "grandson": "#2F6FB0"}


class RemotePicture(QWidget):
    """Someone on a video call, by their avatar: long hair for a woman, a smaller face for a child."""

    def __init__(self, avatar: str, *, small: bool = False) -> None:
        super().__init__()
        self.setObjectName("remote-picture")
        self._woman = avatar in WOMEN
        self._child = avatar in CHILDREN
        self._clothes = CLOTHES.get(avatar, "#3F6B4F")
        self._small = small  # the self view: no darkened bottom
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        wall = QLinearGradient(0, 0, 0, h)
        wall.setColorAt(0, QColor("#C9B79C"))
        wall.setColorAt(1, QColor("#8C7A63"))
        painter.fillRect(self.rect(), wall)
        painter.setPen(Qt.PenStyle.NoPen)
        if not self._small:  # a window behind, for a room
            painter.setBrush(QColor("#DCE9F2"))
            painter.drawRect(QRectF(w * 0.06, h * 0.12, w * 0.26, h * 0.24))
        head = w * (0.34 if self._child else 0.4)
        cx, cy = w / 2, h * (0.42 if self._child else 0.38)
        hair = QColor("#2B1B14")
        if self._woman:  # long hair falls behind the shoulders
            painter.setBrush(hair)
            painter.drawRoundedRect(
                QRectF(cx - head * 0.62, cy - head * 0.55, head * 1.24, head * 1.45), head * 0.5, head * 0.5
            )
        body = QPainterPath()
        shoulders = cy + head * 0.85
        body.moveTo(cx - w * 0.48, h)
        body.cubicTo(cx - w * 0.46, shoulders, cx - w * 0.2, shoulders - head * 0.05, cx, shoulders - head * 0.05)
        body.cubicTo(cx + w * 0.2, shoulders - head * 0.05, cx + w * 0.46, shoulders, cx + w * 0.48, h)
        body.closeSubpath()
        painter.setBrush(QColor(self._clothes))
        painter.drawPath(body)
        skin = QColor("#E9B990")
        painter.setBrush(skin)
        painter.drawRect(QRectF(cx - head * 0.17, cy + head * 0.3, head * 0.34, head * 0.5))  # neck
        painter.drawEllipse(QPointF(cx, cy), head * 0.46, head * 0.56)
        painter.setBrush(hair)  # the hair over the forehead
        top = QPainterPath()
        top.moveTo(cx - head * 0.5, cy - head * 0.05)
        top.cubicTo(
            cx - head * 0.5, cy - head * 0.75, cx + head * 0.5, cy - head * 0.75, cx + head * 0.5, cy - head * 0.05
        )
        top.cubicTo(
            cx + head * 0.3, cy - head * 0.35, cx - head * 0.2, cy - head * 0.3, cx - head * 0.5, cy - head * 0.05
        )
        painter.drawPath(top)
        painter.setBrush(QColor("#2B1B14"))
        for side in (-1, 1):
            painter.drawEllipse(QPointF(cx + side * head * 0.17, cy + head * 0.05), head * 0.045, head * 0.055)
        painter.setPen(QPen(QColor("#8E3B2E"), max(1.5, head * 0.035), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(cx - head * 0.15, cy + head * 0.12, head * 0.3, head * 0.22), -20 * 16, -140 * 16)
        if not self._small:
            shade = QLinearGradient(0, h * 0.55, 0, h)
            shade.setColorAt(0, QColor(0, 0, 0, 0))
            shade.setColorAt(0.45, QColor(0, 0, 0, 200))
            shade.setColorAt(1, QColor(0, 0, 0, 235))
            painter.fillRect(QRectF(0, h * 0.55, w, h * 0.45), shade)
        painter.end()
