"""The scanner's camera view with a shop's QR code in it. The code is drawn (deterministic
squares), not a real payment code."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.course import QrScan
from app.ui.phone.context import BuildContext
from app.ui.phone.targets import TargetButton

MODULES = 21


def qr_pattern(seed: str) -> list[list[bool]]:
    """A QR-looking grid: three finder squares and pseudo-random modules from `seed`."""
    digest = hashlib.sha256(seed.encode()).digest() * 4
    cells = [
        [bool(digest[(r * MODULES + c) % len(digest)] >> ((r + c) % 8) & 1) for c in range(MODULES)]
        for r in range(MODULES)
    ]
    for top, left in ((0, 0), (0, MODULES - 7), (MODULES - 7, 0)):
        for r in range(7):
            for c in range(7):
                ring = r in (0, 6) or c in (0, 6)
                core = 2 <= r <= 4 and 2 <= c <= 4
                cells[top + r][left + c] = ring or core
        for i in range(-1, 8):  # quiet separator around each finder
            for r, c in ((top + i, left - 1), (top + i, left + 7), (top - 1, left + i), (top + 7, left + i)):
                if 0 <= r < MODULES and 0 <= c < MODULES:
                    cells[r][c] = False
    return cells


class QrCodeTarget(TargetButton):
    """The code itself is the target: tapping it is "pointing the camera at it"."""

    def __init__(self, target_id: str, ctx: BuildContext) -> None:
        super().__init__(target_id, ctx.emit)
        self._cells = qr_pattern(target_id)
        self._side = ctx.theme.px(210)
        self.setFixedSize(self._side + ctx.theme.px(24), self._side + ctx.theme.px(24))
        self.setStyleSheet("QPushButton { background: #FFFFFF; border: none; border-radius: 8px; }")

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        cell = self._side / MODULES
        offset = (self.width() - self._side) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#111111"))
        for r, row in enumerate(self._cells):
            for c, dark in enumerate(row):
                if dark:
                    painter.drawRect(
                        QRect(int(offset + c * cell), int(offset + r * cell), int(cell + 1), int(cell + 1))
                    )
        painter.end()


class Viewfinder(QWidget):
    """Dark camera view with white corner brackets around the code."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#33404D"))  # the shop counter seen through the camera
        painter.drawRoundedRect(self.rect(), 18, 18)
        pen = QPen(QColor("#FFFFFF"), 6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        box = self.rect().adjusted(12, 12, -12, -12)
        arm = 36
        for x, y, dx, dy in (
            (box.left(), box.top(), 1, 1),
            (box.right(), box.top(), -1, 1),
            (box.left(), box.bottom(), 1, -1),
            (box.right(), box.bottom(), -1, -1),
        ):
            painter.drawLine(x, y, x + dx * arm, y)
            painter.drawLine(x, y, x, y + dy * arm)
        painter.end()


def build_qr_scan(component: QrScan, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(12), 0, 0)
    column.setSpacing(ctx.theme.px(12))
    column.addWidget(ctx.label(ctx.t(component.prompt), "phone_title", colour="#FFFFFF", align="center"))
    finder = Viewfinder()
    inner = QVBoxLayout(finder)
    inner.setContentsMargins(ctx.theme.px(28), ctx.theme.px(28), ctx.theme.px(28), ctx.theme.px(28))
    code = QrCodeTarget(component.id, ctx)
    ctx.register(code)
    inner.addWidget(code, 0, Qt.AlignmentFlag.AlignCenter)
    column.addWidget(finder, 0, Qt.AlignmentFlag.AlignHCenter)
    if component.payee:
        column.addWidget(ctx.label(ctx.t(component.payee), "phone_title", colour="#FFFFFF", align="center"))
    return box
