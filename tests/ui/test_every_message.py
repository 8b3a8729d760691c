"""Every message the lesson screen shows as a learner goes — the hint after a first mistake,
the highlight's words after a second, Help with "your tutor has been told", a step's safety
tip, the no-sound notice, the idle warning — for every step of every lesson, at 150 % in
Chinese and English, on the kiosk's 1920 x 1080 screen, with sound (five buttons). Each must be
wholly in sight where the screen puts it (inside the window and inside the scrolled words,
with no scrolling by the learner), its words neither clipped nor elided. Lessons are
discovered, so a new lesson is checked without a new test. (The full senior-friendly audit
of these screens is in test_screen_sizes.py; this one is about the words that come and go.)"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget

from app.core.class_sessions import ClassSession
from app.ui.scrolling import PageTurns
from app.ui.window import KioskWindow
from app.voice.silent import SilentSpeaker
from app.voice.speaker import Unavailable
from tests.support.speakers import SoundCardSpeaker
from tests.ui import robot
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, sign_up

pytestmark = pytest.mark.gui
KIOSK_SCREEN = (1920, 1080)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def not_in_sight(widget: QWidget) -> str | None:
    """Why `widget` is not wholly in sight, or None: shown, inside the window and every
    scroller around it as they are now, its words not clipped at the bottom nor elided."""
    if not widget.isVisible():
        return "hidden"
    place = window_rect(widget)
    if not widget.window().rect().contains(place):
        return f"outside the window at {place}"
    parent = widget.parentWidget()
    while parent is not None and parent is not widget.window():
        if isinstance(parent, QAbstractScrollArea) and not window_rect(parent.viewport()).contains(place):
            return f"scrolled out of sight: {place} outside {window_rect(parent.viewport())}"
        parent = parent.parentWidget()
    if isinstance(widget, QLabel):
        if widget.wordWrap() and widget.heightForWidth(widget.width()) > widget.height() + 1:
            return f"words clipped: {widget.height()} px of {widget.heightForWidth(widget.width())}"
        plain = widget.plain_text() if hasattr(widget, "plain_text") else widget.text()
        if "…" in widget.text() and "…" not in plain:
            return "words elided"
    return None


class Messages:
    """What was not in sight, one line each."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.failures: list[str] = []

    def check(self, where: str, **widgets: QWidget) -> None:
        """As the learner sees it once the page-turn buttons have come or gone."""
        settle()
        # The layouts have settled: the page-turn buttons decide now rather than after their
        # timer (waiting for it was most of this file's time). Their coming or going can
        # change the page again, so until none is left to decide.
        turns = self.window.findChildren(PageTurns)
        for _ in range(5):
            if not any(turn.settling for turn in turns):
                break
            for turn in turns:
                turn.decide_now()
            settle()
        for name, widget in widgets.items():
            if (why := not_in_sight(widget)) is not None:
                self.failures.append(f"{where}: the {name} is {why}")


def play_every_lesson(window: KioskWindow, messages: Messages, *, mistakes: bool) -> None:
    """Each step as shown (its safety tip); with `mistakes`, after one mistake, after two, and
    after Help with a tutor told; then the right action, to the next step."""
    player = window.player
    for lesson in window.services.kiosk.catalogue.lessons:
        window.show_catalogue()
        open_lesson(window, lesson.id)
        number = 0
        while window.current() is player:
            number += 1
            step = player.run.step
            where = f"{lesson.id} step {number} ({step.id})"
            if not mistakes and step.tip is not None:
                messages.check(where, tip=player.tip, instruction=player.instruction)
            if mistakes:
                robot.miss(player.phone, step.expect, [choice.target for choice in step.choices])
                messages.check(f"{where}, one mistake", hint=player.hint)
                robot.miss(player.phone, step.expect, [choice.target for choice in step.choices])
                messages.check(f"{where}, two mistakes", highlight=player.hint)
                player.show_help()  # a class is on: the tutor is told
                messages.check(f"{where}, help", hint=player.hint, banner=player.called)
            robot.perform(player.phone, step.expect)
            settle()


def in_a_class(window: KioskWindow) -> None:
    now = datetime.now()
    end = min(now + timedelta(minutes=90), now.replace(hour=23, minute=59)).time()
    start = max(now.replace(hour=0, minute=0), now - timedelta(minutes=5)).time()
    window.services.kiosk.classroom.save(ClassSession.new("学用手机", now.date(), start, end, "", "张老师"))


def open_at_the_largest_text(tmp_path, lang: str, speaker) -> KioskWindow:
    """A learner signed in at 150 % on the kiosk's screen, a class on."""
    window = open_kiosk(tmp_path, lang=lang, prepare=lambda services: setattr(services.kiosk, "speaker", speaker))
    window.resize(*KIOSK_SCREEN)
    window.state.set_scale(1.5)
    in_a_class(window)
    sign_up(window, "王秀英")
    return window


class _InALanguage:
    """One class per language, so that pytest-xdist (--dist loadscope) gives each its own worker."""

    lang: str

    @pytest.fixture(autouse=True)
    def _not_at_midnight(self):
        now = datetime.now()
        if now.hour == 23 and now.minute >= 50:
            pytest.skip("a class cannot run past midnight")

    def test_every_hint_highlight_and_help_of_every_lesson_is_in_sight(self, tmp_path):
        # with sound, as most learners have it: five buttons
        window = open_at_the_largest_text(tmp_path, self.lang, SoundCardSpeaker())
        messages = Messages(window)
        try:
            play_every_lesson(window, messages, mistakes=True)
            window.idle._on_idle()
            overlay = window.idle_overlay
            messages.check("the idle warning", title=overlay.title, message=overlay.message, button=overlay.button)
            overlay.close_overlay()
        finally:
            close_kiosk(window)
        if messages.failures:
            pytest.fail("\n".join(messages.failures), pytrace=False)

    def test_every_safety_tip_shows_whole_with_its_instruction(self, tmp_path):
        window = open_at_the_largest_text(tmp_path, self.lang, SoundCardSpeaker())
        messages = Messages(window)
        try:
            play_every_lesson(window, messages, mistakes=False)
        finally:
            close_kiosk(window)
        if messages.failures:
            pytest.fail("\n".join(messages.failures), pytrace=False)

    def test_the_no_sound_notice_is_in_sight(self, tmp_path):
        window = open_at_the_largest_text(tmp_path, self.lang, SilentSpeaker(Unavailable.NO_SOUND_DEVICE))
        messages = Messages(window)
        try:
            open_lesson(window, window.services.kiosk.catalogue.lessons[0].id)
            messages.check("the first lesson", notice=window.player.sound_note, instruction=window.player.instruction)
        finally:
            close_kiosk(window)
        assert not messages.failures, "\n".join(messages.failures)


class TestInChinese(_InALanguage):
    lang = "zh"


class TestInEnglish(_InALanguage):
    lang = "en"
