"""A street map: blocks, roads, a park and a river, pins for you and the places that matter,
and the route between them. Pins with an id are targets laid over the drawing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.core.components_media import MapView
from app.ui.phone.basic import icon_label
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext

PIN_ICONS = {"me": "person", "place": "pin", "car": "car", "bus": "bus"}
ROUTE = "#0B4F8A"


class StreetMap(QWidget):
    """The drawing; pins are child widgets placed by percent in `resizeEvent`."""

    def __init__(self, component: MapView, ctx: BuildContext) -> None:
        super().__init__()
        self._component = component
        self.setMinimumHeight(ctx.theme.px(380))
        self._pins: list[tuple[QWidget, int, int]] = []
        size = ctx.theme.px(64)
        for pin in component.pins:
            face = QFrame()
            face.setObjectName("pin-face")
            face.setStyleSheet(f"#pin-face {{ background: {CARD_BG}; border-radius: {ctx.theme.px(10)}px; }}")
            column = QVBoxLayout(face)
            column.setContentsMargins(ctx.theme.px(4), ctx.theme.px(4), ctx.theme.px(4), ctx.theme.px(2))
            column.setSpacing(0)
            column.addWidget(icon_label(ctx, PIN_ICONS[pin.kind], ctx.theme.px(40)), 0, Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(ctx.label(ctx.t(pin.label), colour=LIGHT_TEXT, align="center", wrap=False))
            if pin.id:
                holder = ctx.target(pin.id, self)
                holder.setStyleSheet(
                    f"QPushButton {{ background: transparent; border: 3px solid {ROUTE}; border-radius: {ctx.theme.px(12)}px; }}"
                )
                inner = QVBoxLayout(holder)
                inner.setContentsMargins(3, 3, 3, 3)
                inner.addWidget(face)
                widget: QWidget = holder
            else:
                face.setParent(self)
                face.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                widget = face
            widget.setMinimumSize(size, size)
            self._pins.append((widget, pin.x, pin.y))

    def _point(self, x: int, y: int) -> QPointF:
        return QPointF(self.width() * x / 100, self.height() * y / 100)

    def resizeEvent(self, event: QResizeEvent) -> None:
        for widget, x, y in self._pins:
            widget.adjustSize()
            centre = self._point(x, y)
            left = min(max(0, centre.x() - widget.width() / 2), self.width() - widget.width())
            top = min(max(0, centre.y() - widget.height() / 2), self.height() - widget.height())
            widget.move(int(left), int(top))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#EDE9DF"))
        painter.drawRoundedRect(QRectF(self.rect()), 16, 16)
        w, h = self.width(), self.height()
        painter.setBrush(QColor("#CFE6C8"))  # a park
        painter.drawRoundedRect(QRectF(w * 0.62, h * 0.08, w * 0.3, h * 0.22), 12, 12)
        painter.setBrush(QColor("#BFD9EE"))  # a river
        painter.drawRect(QRectF(0, h * 0.8, w, h * 0.07))
        road = QPen(QColor("#FFFFFF"), max(10, w // 28))
        painter.setPen(road)
        for fraction in (0.3, 0.62):
            painter.drawLine(QPointF(0, h * fraction), QPointF(w, h * fraction))
        for fraction in (0.25, 0.55, 0.85):
            painter.drawLine(QPointF(w * fraction, 0), QPointF(w * fraction, h))
        me = next((p for p in self._component.pins if p.kind == "me"), None)
        goal = next((p for p in self._component.pins if p.kind != "me"), None)
        if self._component.route and me and goal:
            start, end = self._point(me.x, me.y), self._point(goal.x, goal.y)
            pen = QPen(QColor(ROUTE), 8)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            corner = QPointF(end.x(), start.y())
            painter.drawPolyline([start, corner, end])
        painter.end()


def build_map(component: MapView, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(8))
    column.addWidget(StreetMap(component, ctx))
    if component.caption:
        column.addWidget(ctx.label(ctx.t(component.caption), colour=MUTED_TEXT))
    return box
