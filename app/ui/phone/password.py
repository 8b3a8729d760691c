"""The payment password as payment apps draw it: six boxes in a row, a dot appearing in each
as a digit is pressed. The sixth digit sends it (see `PhoneWidget`), so there is no Done."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.course import PASSWORD_DIGITS
from app.ui.theme import Theme


class PasswordBoxes(QWidget):
    """Six joined boxes; `set_filled(n)` shows n dots. Lets presses through to its field."""

    def __init__(self, theme: Theme, filled: int = 0) -> None:
        super().__init__()
        self.setObjectName("password-boxes")
        self._filled = filled
        self._box = theme.px(56)
        self._dot = theme.px(8)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._box)
        self.setMinimumWidth(PASSWORD_DIGITS * theme.px(36))

    @property
    def filled(self) -> int:
        return self._filled

    def set_filled(self, count: int) -> None:
        self._filled = max(0, min(PASSWORD_DIGITS, count))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(PASSWORD_DIGITS * self._box, self._box)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = min(self.width() - 2, PASSWORD_DIGITS * self._box)
        cell = width / PASSWORD_DIGITS
        left = (self.width() - width) / 2
        outline = QRectF(left, 1, width, self.height() - 2)
        painter.setPen(QPen(QColor("#6B6B6B"), 2))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(outline, 6, 6)
        for i in range(1, PASSWORD_DIGITS):
            x = left + i * cell
            painter.drawLine(
                QRectF(x, 1, 0, outline.height()).topLeft(), QRectF(x, 1, 0, outline.height()).bottomLeft()
            )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1A1A1A"))
        for i in range(self._filled):
            centre = QRectF(left + i * cell, 1, cell, outline.height()).center()
            painter.drawEllipse(centre, self._dot, self._dot)
        painter.end()
