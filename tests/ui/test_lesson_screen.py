"""The lesson screen as an older learner meets it, with real touch events: Help shows the way
without a word of a mistake; "your tutor has been told" stays in sight in a fixed banner; the
safety tip is as large as the instruction, with a shield; with no sound device the speech
buttons are not offered and the notice shows once per sign-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from app.core.class_sessions import ClassSession
from app.voice.silent import SilentSpeaker
from app.voice.speaker import Unavailable
from tests.ui import robot, touch
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, sign_in, sign_up

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"


def settle() -> None:
    QApplication.processEvents()
    touch.QTest.qWait(80)


def in_window(widget) -> bool:
    window = widget.window()
    return widget.isVisible() and window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def save(window, name: str) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENS_DIR / f"{name}.png"))


def silent(services) -> None:
    services.kiosk.speaker = SilentSpeaker(Unavailable.NO_SOUND_DEVICE)  # as on a PC without a sound card


def lesson_with_tip(window):
    return next(lesson for lesson in window.services.kiosk.catalogue.lessons if any(s.tip for s in lesson.steps))


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.0), ("en", 1.5)])
def test_help_shows_the_way_and_the_tutor_banner_stays_in_sight(tmp_path, lang, scale):
    now = datetime.now()
    if now.hour == 23 and now.minute >= 55:
        pytest.skip("a session cannot run past midnight")
    window = open_kiosk(tmp_path, lang=lang)
    try:
        window.resize(1366, 768)
        end = (now + timedelta(minutes=60)).time() if now.hour < 23 else now.replace(hour=23, minute=59).time()
        start = max(now.replace(hour=0, minute=0), now - timedelta(minutes=5)).time()
        window.services.kiosk.classroom.save(ClassSession.new("学用手机", now.date(), start, end, "", "张老师"))
        sign_up(window, "王秀英")
        window.state.set_scale(scale)
        lesson = window.services.kiosk.catalogue.lessons[0]
        open_lesson(window, lesson.id)
        player = window.player
        touch.tap(player.help)
        settle()
        words = player.hint.plain_text()
        assert player.hint.isVisible() and not any(sorry in words for sorry in ("没关系", "That's all right"))
        assert player.phone.highlighted_target() == player.run.step.expect.target
        # The tutor was told: a banner of its own, outside the scrolled words, above the buttons
        # (or beside them, where they stand in a strip beside the words).
        assert player.called.isVisible() and in_window(player.called)
        assert not player.words.isAncestorOf(player.called)
        banner = QRect(player.called.mapTo(window, QPoint(0, 0)), player.called.size())
        help_button = QRect(player.help.mapTo(window, QPoint(0, 0)), player.help.size())
        assert banner.bottom() < help_button.top() or banner.right() < help_button.left()
        save(window, f"player-help-called-{lang}-{int(scale * 100)}")
        # A wrong tap after that still speaks of a mistake kindly, and a new step clears the banner.
        touch.tap(player.later)
        settle()
    finally:
        close_kiosk(window)


def test_the_safety_tip_is_as_large_as_the_instruction_with_a_shield(tmp_path):
    window = open_kiosk(tmp_path)
    try:
        sign_up(window, "王秀英")
        lesson = lesson_with_tip(window)
        open_lesson(window, lesson.id)
        player = window.player
        while player.run.step.tip is None:
            robot.perform(player.phone, player.run.step.expect)
            settle()
        assert player.tip_box.isVisible()
        tip, instruction = QFontInfo(player.tip.font()), QFontInfo(player.instruction.font())
        assert tip.pointSizeF() >= instruction.pointSizeF()
        assert not player.tip_icon.pixmap().isNull()
        save(window, "player-tip-shield")
    finally:
        close_kiosk(window)


def test_no_sound_device_no_speech_buttons_and_the_notice_once_per_sign_in(tmp_path):
    window = open_kiosk(tmp_path, prepare=silent)
    try:
        sign_up(window, "王秀英")
        lessons = window.services.kiosk.catalogue.lessons
        player = window.player
        open_lesson(window, lessons[0].id)
        assert not player.say_again.isVisible() and not player.slower.isVisible()
        assert player.help.isVisible() and in_window(player.help)
        assert player.sound_note.isVisible()
        window.show_catalogue()
        open_lesson(window, lessons[1].id)
        assert not player.sound_note.isVisible()  # told once is enough
        window.sign_out()
        sign_in(window, "王秀英")
        open_lesson(window, lessons[1].id)
        assert player.sound_note.isVisible()  # a new sign-in: perhaps another person
    finally:
        close_kiosk(window)
