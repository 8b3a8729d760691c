"""What a chat app shows while a finger holds "Hold to talk": the page dimmed, a green bubble
with a level meter that moves with the voice, "Slide up to cancel" over a round cross, and
"Release to send" along the bottom. Drawn only while the finger is down; the hold itself is
still the button's long_press, reported as before."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.ui.phone.context import BuildContext
from app.ui.theme import Theme

RELEASE = {"zh": "松开 发送", "en": "Release to send"}
CANCEL = {"zh": "上滑 取消", "en": "Slide up to cancel"}
BUBBLE = "#95EC69"  # the chat app's green
BARS = 15


class RecordingOverlay(QWidget):
    """The recording screen over the whole phone page; lets every press through (the finger
    is still on the button underneath, which keeps the press)."""

    def __init__(self, page: QWidget, theme: Theme, lang: str) -> None:
        super().__init__(page)
        self.setObjectName("recording-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._theme = theme
        self._lang = lang
        self._phase = 0
        self._timer = QTimer(self)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._tick)
        self.setGeometry(page.rect())

    @property
    def words(self) -> tuple[str, str]:
        return RELEASE[self._lang], CANCEL[self._lang]

    def start(self) -> None:
        self.show()
        self.raise_()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()

    def _tick(self) -> None:
        self._phase += 1
        self.update()

    def level(self, i: int) -> float:
        """The height of bar `i`, 0..1: a voice's loudness, louder in the middle."""
        middle = 1 - abs(i - (BARS - 1) / 2) / BARS
        wave = 0.5 + 0.5 * math.sin(self._phase * 0.9 + i * 1.7)
        return max(0.15, middle * (0.35 + 0.65 * wave))

    def paintEvent(self, event: QPaintEvent) -> None:
        px = self._theme.px
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        painter.fillRect(self.rect(), QColor(0, 0, 0, 190))
        # The bubble with its level meter, in the middle of the page.
        bubble = QRectF(w * 0.2, h * 0.38, w * 0.6, px(96))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BUBBLE))
        painter.drawRoundedRect(bubble, px(16), px(16))
        tail = bubble.center().x()
        painter.drawPolygon(
            [
                QPointF(tail - px(10), bubble.bottom()),
                QPointF(tail + px(10), bubble.bottom()),
                QPointF(tail, bubble.bottom() + px(12)),
            ]
        )
        painter.setBrush(QColor("#1A1A1A"))
        step = (bubble.width() - px(40)) / BARS
        for i in range(BARS):
            height = (bubble.height() - px(36)) * self.level(i)
            x = bubble.left() + px(20) + i * step + step * 0.25
            painter.drawRoundedRect(QRectF(x, bubble.center().y() - height / 2, step * 0.5, height), 2, 2)
        release, cancel = self.words
        font = QFont(self.font())
        font.setPointSizeF(self._theme.points("phone_title"))
        font.setBold(True)
        painter.setFont(font)
        # "Release to send" on the light arc along the bottom, where the finger is.
        arc_top = h - px(150)
        painter.setBrush(QColor("#E8E8E2"))
        painter.drawEllipse(QRectF(-w * 0.25, arc_top, w * 1.5, px(400)))
        painter.setPen(QColor("#1A1A1A"))
        painter.drawText(QRectF(0, arc_top + px(30), w, px(60)), Qt.AlignmentFlag.AlignCenter, release)
        # "Slide up to cancel" above a round cross.
        cross = px(68)
        centre = QPointF(w / 2, arc_top - px(40) - cross / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3A3A3A"))
        painter.drawEllipse(centre, cross / 2, cross / 2)
        painter.setPen(QPen(QColor("#FFFFFF"), px(4), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        arm = cross * 0.18
        painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
        painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))
        painter.setPen(QColor("#FFFFFF"))
        font.setBold(False)
        font.setPointSizeF(self._theme.points("phone_body"))
        painter.setFont(font)
        label = QRectF(0, centre.y() - cross / 2 - px(56), w, px(48))
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, cancel)
        painter.end()


class _Recorder(QObject):
    """Shows the overlay while the finger is down on the button it watches."""

    def __init__(self, button: QWidget, theme: Theme, lang: str) -> None:
        super().__init__(button)
        self._theme = theme
        self._lang = lang
        self.overlay: RecordingOverlay | None = None
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            page = _page_of(watched)
            if page is not None:
                self._stop()
                self.overlay = RecordingOverlay(page, self._theme, self._lang)
                self.overlay.start()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Hide):
            self._stop()
        return False

    def _stop(self) -> None:
        if self.overlay is not None:
            self.overlay.stop()
            self.overlay = None


def _page_of(widget: QObject) -> QWidget | None:
    """The phone page the button is on (the overlay covers all of it)."""
    node = widget.parent() if isinstance(widget, QWidget) else None
    while isinstance(node, QWidget):
        if node.objectName() == "phone-page":
            return node
        node = node.parent()
    return None


def attach_recording(button: QWidget, ctx: BuildContext) -> None:
    """Draw the recording screen while `button` (hold to talk) is held."""
    button.setProperty("records", True)
    _Recorder(button, ctx.theme, ctx.lang)
