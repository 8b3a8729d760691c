"""The page a payment ends on, as payment apps draw it: a green tick in a circle, "Payment
successful", the sum in large figures, who was paid, a few details, and Done at the bottom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.core.components_apps import PaymentSuccess
from app.ui.phone.basic import filled_button
from app.ui.phone.context import LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.painted import PaintedMark

SUCCESS_GREEN = "#0A5C2C"  # 7:1 on the page
TITLE = {"zh": "支付成功", "en": "Payment successful"}
DONE = {"zh": "完成", "en": "Done"}


class Tick(PaintedMark):
    """A white tick in a green circle."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.width()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SUCCESS_GREEN))
        painter.drawEllipse(QRectF(1, 1, side - 2, side - 2))
        pen = QPen(QColor("#FFFFFF"), side * 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(side * x, side * y) for x, y in ((0.28, 0.52), (0.44, 0.67), (0.73, 0.36))])
        painter.end()


def build_payment_success(component: PaymentSuccess, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(24), 0, ctx.theme.px(8))
    column.setSpacing(ctx.theme.px(8))
    column.addWidget(Tick(ctx.theme.px(88)), 0, Qt.AlignmentFlag.AlignHCenter)
    column.addSpacing(ctx.theme.px(8))
    title = ctx.t(component.title) or TITLE[ctx.lang]
    column.addWidget(ctx.label(title, "phone_title", colour=SUCCESS_GREEN, align="center"))
    column.addWidget(ctx.label(component.value, "phone_clock", colour=LIGHT_TEXT, align="center"))
    column.addWidget(ctx.label(ctx.t(component.payee), colour=LIGHT_TEXT, align="center"))
    if component.rows:
        column.addSpacing(ctx.theme.px(12))
    for row in component.rows:
        line = QHBoxLayout()
        line.setSpacing(ctx.theme.px(12))
        line.addWidget(ctx.label(ctx.t(row.label), colour=MUTED_TEXT), 1)
        line.addWidget(ctx.label(ctx.t(row.value), colour=LIGHT_TEXT, align="right"), 1)
        column.addLayout(line)
    column.addStretch(1)
    done = ctx.t(component.done_label) or DONE[ctx.lang]
    button = filled_button(ctx, component.done, done, "primary")
    holder = QHBoxLayout()
    holder.addStretch(1)
    holder.addWidget(button, 3)
    holder.addStretch(1)
    column.addLayout(holder)
    return box
