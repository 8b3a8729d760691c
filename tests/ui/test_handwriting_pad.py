"""The handwriting pad, written on with real touch events (a touch-screen QPointingDevice): 王
stroke by stroke brings candidates as each finger lifts, 王 first in characters of at least
28 pt; tapping it gives 王 and a clean square for the next character; "start again" and
"delete a character" do what they say; a mouse writes too; the writing grows with the text
size; and writing on a pad inside a finger-scrolled page never scrolls the page."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QScroller, QVBoxLayout, QWidget

from app.handwriting import zinnia
from app.handwriting.zinnia import Recognizer, ZinniaUnavailable
from app.ui.finger_scroll import DRAWS, FingerScroll
from app.ui.handwriting_pad import CANDIDATES, HandwritingPad
from app.ui.i18n import tr
from app.ui.scrolling import scroll_page
from app.ui.state import KioskState
from app.ui.theme import MIN_GAP_PX, ROLE_POINTS
from tests.handwriting import BOX, CHARACTERS, WANG
from tests.ui import touch

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def recognizer():
    try:
        zinnia.load_library()
    except ZinniaUnavailable as error:
        pytest.skip(f"libzinnia0 is not installed on this machine: {error}")
    with Recognizer() as opened:
        yield opened


@pytest.fixture
def kiosk_style(qapp):
    """The kiosk's style sheet for a state, as the window sets it (and follows its text size)."""
    before = qapp.styleSheet()

    def apply(state: KioskState) -> None:
        qapp.setStyleSheet(state.theme.stylesheet())
        state.theme_changed.connect(lambda theme: qapp.setStyleSheet(theme.stylesheet()))

    yield apply
    qapp.setStyleSheet(before)


class MouseCounter(QObject):
    """Counts the mouse presses a widget gets: a finger that writes should make none."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self.presses += 1
        return False


def open_pad(qtbot, recognizer, style, *, lang: str = "zh", scale: float = 1.0):
    state = KioskState(lang=lang, scale=scale)
    style(state)
    host = QWidget()
    host.setObjectName("screen")
    layout = QVBoxLayout(host)
    layout.setContentsMargins(40, 40, 40, 40)
    pad = HandwritingPad(state, recognizer)
    layout.addWidget(pad)
    layout.addStretch(1)
    host.resize(1600, 1000)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host, pad, state


def on_canvas(pad: HandwritingPad, stroke: list[tuple[int, int]]) -> list[QPoint]:
    side = pad.canvas.width()
    return [QPoint(round(x * side / BOX), round(y * side / BOX)) for x, y in stroke]


def write(pad: HandwritingPad, strokes: list[list[tuple[int, int]]]) -> None:
    for stroke in strokes:
        touch.trace(pad.canvas, on_canvas(pad, stroke))


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.0), ("en", 1.5)])
def test_wang_written_stroke_by_stroke_is_offered_first_and_tapped(qtbot, recognizer, kiosk_style, lang, scale):
    _host, pad, state = open_pad(qtbot, recognizer, kiosk_style, lang=lang, scale=scale)
    canvas = pad.canvas
    assert canvas.objectName() == "handwriting-canvas" and canvas.property(DRAWS) is True
    assert canvas.width() == canvas.height() == state.theme.px(360)
    assert pad.candidate_buttons() == []
    assert pad.instruction.plain_text() == tr("handwriting_write", lang)
    mouse = MouseCounter()
    canvas.installEventFilter(mouse)
    chosen: list[str] = []
    pad.character_chosen.connect(chosen.append)

    for written, stroke in enumerate(WANG, start=1):
        touch.trace(canvas, on_canvas(pad, stroke))
        assert len(canvas.strokes()) == written
        assert pad.candidate_buttons(), f"no candidates after stroke {written}"
    assert mouse.presses == 0, "Qt made mouse events of a finger that was writing"
    assert pad.candidates()[0] == "王", pad.candidates()
    assert pad.instruction.plain_text() == tr("handwriting_pick", lang)

    buttons = pad.candidate_buttons()
    assert 1 <= len(buttons) <= CANDIDATES
    assert [button.objectName() for button in buttons] == [f"candidate-{i}" for i in range(len(buttons))]
    assert [button.text() for button in buttons] == pad.candidates()
    for button in buttons:
        assert button.isVisible()
        info = QFontInfo(button.font())
        points_from_pixels = info.pixelSize() * 72 / button.logicalDpiY()
        assert min(info.pointSizeF(), points_from_pixels) >= 28 * scale - 0.5, button.text()
        assert button.width() >= state.theme.touch and button.height() >= state.theme.touch
    places = [button.geometry() for button in buttons]
    assert len({place.top() for place in places}) <= 2, "one or two rows"
    for left, right in itertools.pairwise(places):
        if left.top() == right.top():
            assert right.left() - left.right() - 1 >= MIN_GAP_PX
    for button in (pad.clear_button, pad.erase_button):
        assert button.height() >= state.theme.touch
        # the kiosk's own button size: the two sit on one row beside the candidates
        assert QFontInfo(button.font()).pointSizeF() >= ROLE_POINTS["button"] * scale - 0.5
    assert pad.clear_button.geometry().top() == pad.erase_button.geometry().top()

    with qtbot.waitSignal(pad.character_chosen, timeout=2000) as chosen_signal:
        touch.tap(buttons[0])
    assert chosen_signal.args == ["王"]
    assert canvas.is_empty() and pad.candidate_buttons() == []
    every = [button for button in pad.findChildren(QPushButton) if button.objectName().startswith("candidate-")]
    assert len(every) == CANDIDATES and not any(button.isVisible() for button in every)
    assert pad.instruction.plain_text() == tr("handwriting_write", lang)

    write(pad, CHARACTERS["十"])  # and the next character
    assert pad.candidates()[0] == "十"
    touch.tap(pad.candidate_buttons()[0])
    assert chosen == ["王", "十"]
    assert mouse.presses == 0


def test_start_again_and_delete_a_character(qtbot, recognizer, kiosk_style):
    _host, pad, state = open_pad(qtbot, recognizer, kiosk_style)
    erased: list[bool] = []
    pad.erase_requested.connect(lambda: erased.append(True))
    assert pad.clear_button.text() == "写错了，重写" and pad.erase_button.text() == "删掉一个字"
    write(pad, WANG[:2])
    assert len(pad.canvas.strokes()) == 2 and pad.candidate_buttons()
    touch.tap(pad.clear_button)
    assert pad.canvas.is_empty() and pad.candidate_buttons() == []
    assert pad.instruction.plain_text() == "在这里用手指写一个字"
    write(pad, WANG[:1])
    touch.tap(pad.erase_button)
    assert erased == [True]
    assert len(pad.canvas.strokes()) == 1, "deleting a character in the field leaves the square as it is"
    state.set_lang("en")
    assert pad.clear_button.text() == "Write again" and pad.erase_button.text() == "Delete one"
    assert pad.instruction.plain_text() == "Which one did you write? Tap it"
    pad.clear()
    assert pad.instruction.plain_text() == "Write one character here with your finger"


def test_a_touch_screen_that_reports_as_a_mouse_writes_too(qtbot, recognizer, kiosk_style):
    _host, pad, _state = open_pad(qtbot, recognizer, kiosk_style)
    left = Qt.MouseButton.LeftButton
    for stroke in CHARACTERS["十"]:
        points = on_canvas(pad, stroke)
        QTest.mousePress(pad.canvas, left, pos=points[0])
        for point in points[1:]:
            QTest.mouseMove(pad.canvas, point, 16)
        QTest.mouseRelease(pad.canvas, left, pos=points[-1])
    assert len(pad.canvas.strokes()) == 2
    assert pad.candidates()[0] == "十"


def test_a_resting_second_finger_neither_writes_nor_spoils_the_stroke(qtbot, recognizer, kiosk_style):
    _host, pad, _state = open_pad(qtbot, recognizer, kiosk_style)
    window = pad.window()
    device = touch.touch_screen()
    for stroke in CHARACTERS["十"]:
        start, end = (pad.canvas.mapTo(window, point) for point in on_canvas(pad, stroke))
        palm = pad.canvas.mapTo(window, QPoint(5, pad.canvas.height() - 5))
        QTest.touchEvent(window, device).press(0, start).press(1, palm)
        QTest.qWait(16)
        for i in range(1, 7):
            QTest.touchEvent(window, device).move(0, start + (end - start) * i / 6).stationary(1)
            QTest.qWait(16)
        QTest.touchEvent(window, device).release(0, end).release(1, palm)
        QApplication.processEvents()
    assert len(pad.canvas.strokes()) == 2
    assert pad.candidates()[0] == "十"


def test_what_is_written_grows_with_the_text_size(qtbot, recognizer, kiosk_style):
    _host, pad, state = open_pad(qtbot, recognizer, kiosk_style)
    write(pad, WANG[:2])
    first = pad.canvas.strokes()[0][0]
    state.set_scale(1.5)
    QApplication.processEvents()
    assert pad.canvas.width() == 540
    assert pad.canvas.strokes()[0][0] == pytest.approx((first[0] * 1.5, first[1] * 1.5))
    write(pad, WANG[2:])
    assert pad.candidates()[0] == "王"
    button = pad.candidate_buttons()[0]
    assert QFontInfo(button.font()).pointSizeF() >= 28 * 1.5 - 0.5
    assert button.width() >= state.theme.touch


def test_writing_on_a_pad_in_a_finger_scrolled_page_does_not_scroll_it(qtbot, recognizer, kiosk_style):
    state = KioskState()
    kiosk_style(state)
    FingerScroll.install(QApplication.instance())  # as the kiosk window does
    body = QVBoxLayout()
    above, below = QWidget(), QWidget()
    above.setFixedHeight(600)
    below.setFixedHeight(1200)
    pad = HandwritingPad(state, recognizer)
    body.addWidget(above)
    body.addWidget(pad)
    body.addWidget(below)
    area = scroll_page(body, state)
    host = QWidget()
    QVBoxLayout(host).addWidget(area)
    host.resize(1600, 900)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    QTest.qWait(200)  # the page settles, with its page-turn buttons
    area.ensureWidgetVisible(pad.canvas, 0, 0)
    QApplication.processEvents()
    viewport = area.viewport()
    inside = pad.canvas.geometry().translated(pad.canvas.parentWidget().mapTo(viewport, QPoint(0, 0)))
    assert viewport.rect().contains(inside), "the square is in sight"
    bar = area.verticalScrollBar()
    scroller = QScroller.scroller(viewport)
    start = bar.value()
    assert 0 < start < bar.maximum()

    # 十, then a long quick stroke down the square: as a drag, either would move the page.
    write(pad, CHARACTERS["十"])
    long_down = [(150, 10), (150, 290)]
    touch.trace(pad.canvas, on_canvas(pad, long_down), steps=6)
    QTest.qWait(300)  # a flick would carry the page on by now
    assert bar.value() == start, "writing moved the page"
    assert scroller.state() == QScroller.State.Inactive
    assert len(pad.canvas.strokes()) == 3 and pad.candidate_buttons()

    pad.clear()
    write(pad, CHARACTERS["十"])
    assert pad.candidates()[0] == "十" and bar.value() == start

    # Beside the square, on the same page, the same finger drags the page.
    x = viewport.width() - 60
    touch.drag(viewport, QPoint(x, round(viewport.height() * 0.8)), QPoint(x, round(viewport.height() * 0.3)))
    assert bar.value() > start, "the page no longer scrolls by finger at all"
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)
