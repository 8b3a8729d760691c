"""The handwriting pad: a learner who cannot spell pinyin writes their name with a finger, one
character at a time, and taps it among large candidates.

The writing square takes touch events itself (and a mouse's, for touch screens that report
as a mouse): it accepts them, so Qt makes no mouse events of a finger that writes, and it
carries the finger-scroll filter's DRAWS mark, so a stroke never drags the page it sits on.
As the finger lifts, the strokes so far go to Zinnia (app/handwriting/zinnia.py, a few
milliseconds: bench/bench_handwriting.py measures finger-up to candidates shown), and the
candidates, common characters first (app/handwriting/common.py), appear beside the square.
Sizes come from the theme: the candidates' characters in the "title" role (40 pt at 100 %),
every button at least the kiosk's touch size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QPointF, Signal
from PySide6.QtGui import QColor, QEventPoint, QInputDevice, QMouseEvent, QPainter, QPen, QPolygonF, QTouchEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.handwriting.common import common_first
from app.ui.finger_scroll import DRAWS
from app.ui.flow_layout import FlowLayout
from app.ui.i18n import tr
from app.ui.state import KioskState
from app.ui.theme import Theme
from app.ui.widgets import TextLabel, big_button

if TYPE_CHECKING:
    from app.handwriting.zinnia import Recognizer

CANVAS_PX = 360  # the writing square at 100 %: about 9.5 cm on a 96 dpi screen, room for a finger
SMALLEST_PX = 220  # the square never shrinks below this (about 5.8 cm): room for a finger's strokes,
# at any text size, since a finger does not grow with the text
INK_PX = 12  # thick ink, as a brush pen writes
GUIDE_COLOUR = "#D8CCB0"  # the faint 米字格: a drawn guide, never text
CANDIDATES = 8  # shown at most, in two rows
COLUMNS = 4
POOL = 30  # Zinnia's best this many, from which common_first keeps CANDIDATES
CANDIDATE_ROLE = "title"  # 40 pt at 100 %: 王, 主 and 玉 told apart by older eyes
CANDIDATE_PX = 96  # a candidate button's side at 100 %, above the kiosk's 60 px touch size
GAP_PX = 16  # between buttons, above the kiosk's 12 px floor


class WritingCanvas(QWidget):
    """The square written on. Keeps the strokes (canvas pixels) and says when a finger lifts."""

    stroke_finished = Signal()

    def __init__(self, state: KioskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwriting-canvas")
        self._state = state
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setProperty(DRAWS, True)  # app/ui/finger_scroll.py: writing here never scrolls the page
        self._strokes: list[list[QPointF]] = []
        self._current: list[QPointF] | None = None
        self._finger: int | None = None  # the touch point writing; a second finger is ignored
        self._most: int | None = None
        self._fit(state.theme)
        state.theme_changed.connect(self._fit)

    def strokes(self) -> list[list[tuple[float, float]]]:
        """The finished and current strokes, in the order written, as (x, y) in canvas pixels."""
        return [[(point.x(), point.y()) for point in stroke] for stroke in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def writing(self) -> bool:
        """A finger (or the mouse) is down on the square."""
        return self._current is not None

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self._finger = None
        self.update()

    def set_most_side(self, most: int | None) -> None:
        """At most this side (a short screen: the box being filled must stay in sight above)."""
        self._most = most
        self._fit(self._state.theme)

    def _fit(self, theme: Theme) -> None:
        """The square's side at the learner's text size (or less where the screen is short,
        never under SMALLEST_PX); what is written grows and shrinks with it."""
        side = theme.px(CANVAS_PX)
        if self._most is not None:
            side = max(min(side, self._most), SMALLEST_PX)
        old = self.width() if self._strokes else 0
        if old and old != side:
            factor = side / old
            self._strokes = [[point * factor for point in stroke] for stroke in self._strokes]
            if self._current is not None:
                self._current = self._strokes[-1]
        self.setFixedSize(side, side)
        self.update()

    # Touch: the finger's own events, accepted so Qt makes no mouse events of them.

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            self._touch(event)  # type: ignore[arg-type]
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._drop_current()
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        for point in event.points():
            state = point.state()
            if self._finger is None:
                if state == QEventPoint.State.Pressed and self._current is None:
                    self._finger = point.id()
                    self._begin(point.position())
            elif point.id() == self._finger:
                if state == QEventPoint.State.Released:
                    self._end(point.position())
                elif state == QEventPoint.State.Updated:
                    self._extend(point.position())
        if event.type() == QEvent.Type.TouchEnd and self._finger is not None:
            self._end(None)  # every finger is up, whatever the last report said

    # A mouse, or a touch screen that reports as one. Qt's (or the system's) mouse echo of a
    # finger already written with comes from the touch screen's device: taken, and ignored.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if _from_touch(event) or event.button() != QtCore.Qt.MouseButton.LeftButton or self._current is not None:
            return
        self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if not _from_touch(event) and self._current is not None and self._finger is None:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if (
            not _from_touch(event)
            and event.button() == QtCore.Qt.MouseButton.LeftButton
            and self._current is not None
            and self._finger is None
        ):
            self._end(event.position())

    def _inside(self, position: QPointF) -> QPointF:
        """A finger that slides off the square writes along its edge."""
        return QPointF(
            min(max(position.x(), 0.0), self.width() - 1.0), min(max(position.y(), 0.0), self.height() - 1.0)
        )

    def _begin(self, position: QPointF) -> None:
        self._current = [self._inside(position)]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, position: QPointF) -> None:
        if self._current is None:
            return
        point = self._inside(position)
        if point != self._current[-1]:
            self._current.append(point)
            self.update()

    def _end(self, position: QPointF | None) -> None:
        if position is not None:
            self._extend(position)
        self._current = None
        self._finger = None
        self.update()
        self.stroke_finished.emit()

    def _drop_current(self) -> None:
        """The system took the touch away (a gesture, a window on top): that stroke is not kept."""
        if self._current is not None and self._strokes and self._strokes[-1] is self._current:
            self._strokes.pop()
        self._current = None
        self._finger = None
        self.update()

    def paintEvent(self, _event: object) -> None:
        theme = self._state.theme
        palette = theme.palette
        qt = QtCore.Qt
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(palette.surface))
        w, h = self.width() - 1.0, self.height() - 1.0
        painter.setPen(QPen(QColor(GUIDE_COLOUR), max(1, theme.px(2)), qt.PenStyle.DashLine))
        painter.drawLine(QPointF(w / 2, 0), QPointF(w / 2, h))
        painter.drawLine(QPointF(0, h / 2), QPointF(w, h / 2))
        painter.drawLine(QPointF(0, 0), QPointF(w, h))
        painter.drawLine(QPointF(w, 0), QPointF(0, h))
        painter.setPen(QPen(QColor(palette.border), 2))
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        ink = QPen(QColor(palette.text), theme.px(INK_PX), qt.PenStyle.SolidLine, qt.PenCapStyle.RoundCap)
        ink.setJoinStyle(qt.PenJoinStyle.RoundJoin)
        painter.setPen(ink)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])  # a dot (丶): a touch without a slide
            else:
                painter.drawPolyline(QPolygonF(stroke))
        painter.end()


def _from_touch(event: QMouseEvent) -> bool:
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class HandwritingPad(QWidget):
    """Write a character on the square; tap it among the candidates; write the next.

    `character_chosen(str)` gives each character tapped, `erase_requested()` asks the field
    being filled to lose its last character. The pad owns no field: the screen that shows it
    puts the characters where they belong."""

    character_chosen = Signal(str)
    erase_requested = Signal()

    def __init__(self, state: KioskState, recognizer: Recognizer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwriting-pad")
        self._state = state
        self._recognizer = recognizer
        self._shown: list[str] = []
        self._prompt = "handwriting_write"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.instruction = TextLabel("", "instruction")
        self.instruction.setObjectName("handwriting-instruction")
        outer.addWidget(self.instruction)
        self._row = row = QHBoxLayout()
        outer.addLayout(row)
        self.canvas = WritingCanvas(state)
        row.addWidget(self.canvas, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        row.addLayout(side, 1)
        self._grid = QGridLayout()
        self._buttons: list[QPushButton] = []
        for index in range(CANDIDATES):
            button = big_button("", role=CANDIDATE_ROLE, name=f"candidate-{index}")
            policy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            policy.setRetainSizeWhenHidden(True)  # the buttons below keep their place
            button.setSizePolicy(policy)
            button.clicked.connect(lambda _=False, n=index: self._choose(n))
            button.hide()
            self._grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self._buttons.append(button)
        self._grid.setColumnStretch(COLUMNS, 1)
        side.addLayout(self._grid)
        side.addStretch(1)
        self._actions_box = QWidget()
        self._actions = FlowLayout(self._actions_box)
        self._actions.setContentsMargins(0, 0, 0, 0)
        self.clear_button = big_button("", kind="secondary", role="button", name="handwriting-clear")
        self.erase_button = big_button("", kind="secondary", role="button", name="handwriting-erase")
        self.clear_button.clicked.connect(self.clear)
        self.erase_button.clicked.connect(self.erase_requested)
        self._actions.addWidget(self.clear_button)
        self._actions.addWidget(self.erase_button)
        side.addWidget(self._actions_box)
        self.canvas.stroke_finished.connect(self.recognise)
        # The box being filled keeps the focus (and its cursor) while the pad is used: a focused
        # candidate that vanishes would pass the focus on and scroll the page to follow it.
        for button in (*self._buttons, self.clear_button, self.erase_button):
            button.setProperty("focusPolicy", "NoFocus")  # by name: see widgets.py
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(self._restyle)
        self._restyle(state.theme)
        self.retranslate()

    def candidate_buttons(self) -> list[QPushButton]:
        """The buttons showing a candidate now, best first."""
        return self._buttons[: len(self._shown)]

    def candidates(self) -> list[str]:
        return list(self._shown)

    def clear(self) -> None:
        """Wipe the square and the candidates, for the next character (or a fresh start)."""
        self.canvas.clear()
        self._show([])

    def recognise(self) -> None:
        """The candidates for what is on the square now (called as each stroke ends)."""
        if self.canvas.is_empty():
            self._show([])
            return
        side = self.canvas.width()
        found = self._recognizer.candidates(self.canvas.strokes(), side, side, POOL)
        self._show(common_first(found, CANDIDATES))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.instruction.set_text(tr(self._prompt, lang))
        self.canvas.setAccessibleName(tr("handwriting_write", lang))
        self.clear_button.setText(tr("handwriting_clear", lang))
        self.erase_button.setText(tr("handwriting_erase", lang))

    def _show(self, characters: list[str]) -> None:
        self._shown = characters[:CANDIDATES]
        for index, button in enumerate(self._buttons):
            if index < len(self._shown):
                button.setText(self._shown[index])
                button.show()
            else:
                button.hide()
                button.setText("")
        if self._shown:
            prompt = "handwriting_pick"
        else:
            prompt = "handwriting_write" if self.canvas.is_empty() else "handwriting_unclear"
        if prompt != self._prompt:
            self._prompt = prompt
            self.instruction.set_text(tr(prompt, self._state.lang))

    def _choose(self, index: int) -> None:
        if index >= len(self._shown):
            return
        character = self._shown[index]
        self.clear()
        self.character_chosen.emit(character)

    def _restyle(self, theme: Theme) -> None:
        """Candidate buttons square and all alike, so the rows never jump as candidates change."""
        gap = theme.px(GAP_PX)
        side = theme.px(CANDIDATE_PX)
        for button in self._buttons:
            button.setStyleSheet(f"min-width: {side}px; max-width: {side}px; min-height: {side}px; padding: 0px;")
        self._grid.setSpacing(gap)
        self._actions.set_gap(gap)
        self.layout().setSpacing(gap)
        self._row.setSpacing(theme.px(24))
