"""A small round mark the phone paints itself (a shutter's face, a success tick): a fixed
square that lets touches through to the target under it. Subclasses paint."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget


class PaintedMark(QWidget):
    def __init__(self, side: int) -> None:
        super().__init__()
        self.setFixedSize(side, side)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return self.size()
