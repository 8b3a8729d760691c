"""Scrolling by finger, tried with real touch events: the catalogue is dragged to its last theme
and a scam rehearsal opened; a tap that drifts a little still opens a lesson, a drag that ends
on a card does not; "more below" shows there is more and pages to it; and every scrolled page
of the kiosk (learner, tutor, staff) scrolls by finger."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScroller

from app.ui.finger_scroll import MARK
from tests.ui import touch
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, sign_up

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
SETTLE_MS = 900  # a flick carries the page on for a moment


def come_to_rest(qtbot, area: QAbstractScrollArea) -> None:
    """Wait for a flicked page to stop, as a person waits before tapping what they want."""
    scroller = QScroller.scroller(area.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)


def shot(window, name: str) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENS_DIR / f"{name}.png"
    assert window.grab().save(str(path)), path


def reached(area: QAbstractScrollArea, widget) -> bool:
    """The page has been moved far enough that `widget` has come into view (or gone past it)."""
    return widget.mapTo(area.viewport(), QPoint(0, widget.height())).y() <= area.viewport().height()


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.5), ("en", 1.0), ("zh", 1.0), ("en", 1.5)])
def test_the_catalogue_is_dragged_to_the_scam_rehearsals_by_finger(qtbot, tmp_path, lang, scale):
    window = open_kiosk(tmp_path, lang=lang)
    try:
        sign_up(window, "王秀英" if lang == "zh" else "Mary Wong")
        window.state.set_scale(scale)
        catalogue = window.catalogue
        area = catalogue.scroll
        qtbot.waitUntil(area.page_turns.isVisible, timeout=2000)  # the page settles at its new size
        shot(window, f"catalogue-top-{lang}-{int(scale * 100)}")
        bar = area.verticalScrollBar()
        while not reached(area, catalogue.theme_headings["staying-safe"]):
            before = bar.value()
            touch.drag_up(area.viewport(), settle_ms=SETTLE_MS)
            assert window.current() is catalogue, "a drag opened a lesson"
            assert bar.value() > before, f"the catalogue did not move under the finger: at {before} of {bar.maximum()}"
        assert area.verticalScrollBar().value() > 0
        shot(window, f"catalogue-bottom-{lang}-{int(scale * 100)}")
        come_to_rest(qtbot, area)
        card = catalogue.card("fake-police-call")
        area.ensureWidgetVisible(card)
        touch.tap(card)
        assert window.current() is window.player and window.player.run.lesson.id == "fake-police-call"
    finally:
        close_kiosk(window)


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.5), ("en", 1.5), ("en", 1.0)])
def test_every_theme_chip_is_in_sight_and_takes_the_page_to_its_theme(qtbot, tmp_path, lang, scale):
    window = open_kiosk(tmp_path, lang=lang)
    try:
        sign_up(window, "陈平" if lang == "zh" else "Ann Lee")
        window.state.set_scale(scale)
        catalogue = window.catalogue
        QTest.qWait(200)
        chips = catalogue.theme_chips
        assert list(chips) == [theme.id for theme in window.services.kiosk.catalogue.themes]
        frame = window.rect()
        for chip in chips.values():
            box = chip.geometry().translated(chip.parentWidget().mapTo(window, chip.parentWidget().rect().topLeft()))
            assert chip.isVisible() and frame.contains(box), chip.text()
            assert chip.width() >= chip.sizeHint().width() and chip.height() >= window.state.theme.touch
        assert chips["phone-basics"].isChecked()
        touch.tap(chips["staying-safe"])
        QTest.qWait(500)
        assert reached(catalogue.scroll, catalogue.theme_headings["staying-safe"])
        assert chips["staying-safe"].isChecked() and not chips["phone-basics"].isChecked()
        touch.tap(chips["phone-basics"])
        QTest.qWait(500)
        assert catalogue.scroll.verticalScrollBar().value() == 0 and chips["phone-basics"].isChecked()
    finally:
        close_kiosk(window)


def test_a_drifting_tap_opens_a_lesson_and_a_drag_ending_on_a_card_does_not(qtbot, tmp_path):
    window = open_kiosk(tmp_path)
    try:
        sign_up(window, "李明")
        catalogue = window.catalogue
        card = catalogue.cards[0]
        middle = card.rect().center()
        touch.drag(card, middle, middle + QPoint(0, 90), steps=6)  # down a little, then lifted
        touch.drag(card, middle + QPoint(0, 90), middle, steps=6)  # and back up, ending on the card
        assert window.current() is catalogue
        come_to_rest(qtbot, catalogue.scroll)
        catalogue.scroll.ensureWidgetVisible(card)
        touch.tap(card, drift=QPoint(6, 5))  # a finger never lands and lifts on one pixel
        assert window.current() is window.player and window.player.run.lesson.id == card.lesson.id
    finally:
        close_kiosk(window)


def test_a_tap_on_a_page_still_moving_stops_it_and_opens_nothing(qtbot, tmp_path):
    window = open_kiosk(tmp_path)
    try:
        sign_up(window, "王秀英")
        area = window.catalogue.scroll
        scroller = QScroller.scroller(area.viewport())
        touch.drag_up(area.viewport())  # a flick: the page carries on after the finger lifts
        assert scroller.state() == QScroller.State.Scrolling
        under = area.viewport().childAt(area.viewport().rect().center())
        touch.tap(area.viewport())
        assert window.current() is window.catalogue, f"the tap on a moving page opened {under}"
        assert scroller.state() == QScroller.State.Inactive
        stopped = area.verticalScrollBar().value()
        QTest.qWait(300)
        assert area.verticalScrollBar().value() == stopped
    finally:
        close_kiosk(window)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_more_below_shows_there_is_more_and_pages_to_it(qtbot, tmp_path, lang):
    window = open_kiosk(tmp_path, lang=lang)
    try:
        sign_up(window, "赵兰" if lang == "zh" else "Ann Lee")
        window.state.set_scale(1.5)
        area = window.catalogue.scroll
        turns = area.page_turns
        qtbot.waitUntil(turns.isVisible, timeout=2000)  # once the page has its height
        QTest.qWait(100)
        assert turns.isVisible() and turns.down.isEnabled() and not turns.up.isEnabled()
        assert turns.down.text() == ("▼ 下面还有" if lang == "zh" else "▼ More below")
        assert area.viewportMargins().bottom() == turns.height()  # beside the page, never over it
        bar = area.verticalScrollBar()
        pages = 0
        while turns.down.isEnabled():
            come_to_rest(qtbot, area)
            before = bar.value()
            touch.tap(turns.down)
            QTest.qWait(450)
            assert bar.value() > before
            pages += 1
            assert pages <= bar.maximum() // (area.viewport().height() // 2) + 1
        assert bar.value() == bar.maximum() and turns.up.isEnabled()
        touch.tap(turns.up)
        QTest.qWait(450)
        assert bar.value() < bar.maximum()

        offered = window.services.kiosk.offered
        offered.choose([lesson.id for lesson in window.services.kiosk.catalogue.lessons[:1]])
        window.state.set_scale(1.0)
        window.show_catalogue()
        qtbot.waitUntil(lambda: not turns.isVisible(), timeout=2000)
        assert area.viewportMargins().bottom() == 0  # one lesson fits: the room is given back
    finally:
        close_kiosk(window)


def test_every_scrolled_page_of_the_kiosk_scrolls_by_finger(qtbot, tmp_path):
    """Learner, tutor and staff screens alike; only the phone keeps its own gestures."""
    window = open_kiosk(tmp_path)
    try:
        window.roles.screens()  # the tutor and staff consoles are built when first opened
        QApplication.processEvents()
        areas = [area for area in window.findChildren(QAbstractScrollArea) if area.objectName() not in PHONE_AREAS]
        assert len(areas) >= 15
        missing = [
            f"{area.objectName() or type(area).__name__} in {_owner(area)}" for area in areas if not _marked(area)
        ]
        assert missing == []
    finally:
        close_kiosk(window)


PHONE_AREAS = {"phone-scroll", "dialog-scroll"}


def _marked(area: QAbstractScrollArea) -> bool:
    return bool(area.viewport().property(MARK))


def _owner(area: QAbstractScrollArea) -> str:
    widget = area.parentWidget()
    while widget is not None and widget.objectName() in ("", "qt_scrollarea_viewport"):
        widget = widget.parentWidget()
    return type(widget).__name__ if widget is not None else "?"
