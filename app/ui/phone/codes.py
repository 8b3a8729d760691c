"""The learner's own code to show at a counter's scanner: a payment code (barcode over QR code)
or the medical insurance code (a QR code under its badge). Drawn, never a real scannable code."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.core.components_apps import MyCode
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.scan import MODULES, qr_pattern

PAY_COLOUR = "#0A5C2C"
INSURANCE_BADGE = {"zh": "医保电子凭证", "en": "Medical insurance code"}
INSURANCE_CHIP = "#0B5394"  # the insurance service's blue; white words on it at least 7:1


class DrawnCode(QWidget):
    """A QR-looking code in `colour`, with a barcode above it for payment codes."""

    def __init__(self, seed: str, colour: str, side: int, barcode: bool) -> None:
        super().__init__()
        self._cells = qr_pattern(seed)
        self._colour = QColor(colour)
        self._side = side
        self._barcode = barcode
        self._bar_height = side // 4 if barcode else 0
        self.setFixedSize(side, side + (self._bar_height + side // 12 if barcode else 0))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#111111"))
        top = 0.0
        if self._barcode:
            x = 0.0
            widths = [2, 1, 3, 1, 1, 2, 1, 3, 2, 1, 1, 2, 3, 1, 2, 1, 1, 3, 1, 2]
            unit = self._side / (sum(widths) * 2)
            for i, width in enumerate(widths * 2):
                if i % 2 == 0:
                    painter.drawRect(QRectF(x, 0, width * unit, self._bar_height))
                x += width * unit
            top = self._bar_height + self._side / 12
        cell = self._side / MODULES
        painter.setBrush(self._colour)
        for r, row in enumerate(self._cells):
            for c, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(c * cell, top + r * cell, cell + 0.5, cell + 0.5))
        painter.end()


def build_my_code(component: MyCode, ctx: BuildContext) -> QWidget:
    card = QFrame()
    card.setObjectName("code-card")
    card.setStyleSheet(f"#code-card {{ background: {CARD_BG}; border-radius: {ctx.theme.px(18)}px; }}")
    column = QVBoxLayout(card)
    pad = ctx.theme.px(16)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(ctx.theme.px(8))
    column.addWidget(ctx.label(ctx.t(component.title), "phone_title", colour=LIGHT_TEXT, align="center"))
    payment = component.kind == "payment"
    if not payment:
        badge = ctx.label(INSURANCE_BADGE[ctx.lang], "phone_title", colour="#FFFFFF", align="center")
        badge.setStyleSheet(
            f"color: #FFFFFF; background: {INSURANCE_CHIP};"
            f" border-radius: {ctx.theme.px(10)}px; padding: {ctx.theme.px(4)}px;"
        )
        column.addWidget(badge)
    side = min(ctx.theme.px(230), ctx.width - 2 * ctx.theme.px(48))
    code = DrawnCode(component.kind, "#111111", side, barcode=payment)
    column.addWidget(code, 0, Qt.AlignmentFlag.AlignHCenter)
    if component.caption:
        column.addWidget(ctx.label(ctx.t(component.caption), colour=MUTED_TEXT, align="center"))
    if component.refresh:
        refresh = ctx.target(component.refresh)
        refresh.setStyleSheet(
            f"QPushButton {{ background: #FFFFFF; border: 2px solid {PAY_COLOUR}; border-radius: {ctx.theme.px(12)}px; }}"
        )
        inner = QVBoxLayout(refresh)
        inner.setContentsMargins(ctx.theme.px(8), ctx.theme.px(8), ctx.theme.px(8), ctx.theme.px(8))
        words = {"zh": "刷新", "en": "Refresh"}[ctx.lang]
        inner.addWidget(ctx.label(words, "phone_title", colour=PAY_COLOUR, align="center"))
        column.addWidget(refresh)
    return card
