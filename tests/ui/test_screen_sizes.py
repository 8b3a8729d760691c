"""Every screen on the screens centres have: 1366 x 768, 1280 x 800, 1536 x 864 (1920 x 1080 at
Windows' 125 %), 1920 x 1080 and portrait 1080 x 1920, at 100 % and 150 % text.

The window is put on each screen (the offscreen platform has them all, see tests/conftest.py)
and fills it as the kiosk does; then a learner, a tutor and staff walk their screens. At each
one the window is the screen's size, nothing asks for more, every button a finger needs and the
step's target lie inside it, and the senior-friendly audit passes. Pictures go to
build/screens/sizes/ to be looked at. (Taps here are mouse clicks: the offscreen platform
delivers touch only on its first screen; the touch robots are in test_touch_scrolling.py,
test_finding_names.py and test_handwriting_pad.py.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from app.core.class_sessions import ClassSession
from app.ui.window import KioskWindow
from tests.conftest import OTHER_SCREENS
from tests.support.a11y import audit, format_violations
from tests.support.crowd import crowd
from tests.support.speakers import SoundCardSpeaker
from tests.ui import robot
from tests.ui.kiosk_helpers import click, close_kiosk
from tests.ui.test_roles import STAFF_PIN, Clock, account_button, enter_pin, open_role_kiosk

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens" / "sizes"
SIZES = [(1920, 1080), *OTHER_SCREENS]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def screen_named(size: tuple[int, int]):
    name = "kiosk" if size == (1920, 1080) else f"{size[0]}x{size[1]}"
    return next(screen for screen in QGuiApplication.screens() if screen.name() == name)


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def in_a_scroller(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def outside(window: KioskWindow) -> list[str]:
    """Buttons a finger cannot reach: drawn past the window's edge (a button in a scroller
    may wait below its fold, where the page turns and a finger bring it)."""
    bounds = window.rect()
    found = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or in_a_scroller(button, window):
            continue
        if not bounds.contains(window_rect(button)):
            found.append(f"{button.objectName() or button.text()!r} at {window_rect(button)}")
    return found


class Walk:
    def __init__(self, window: KioskWindow, size: tuple[int, int], lang: str, scale: float) -> None:
        self.window, self.size, self.lang, self.scale = window, size, lang, scale
        self.failures: list[str] = []

    def check(self, name: str) -> None:
        """The window fills its screen, asks for no more, and what it shows passes the audit."""
        settle()
        window, screen = self.window, screen_named(self.size)
        tag = f"{name} ({self.size[0]}x{self.size[1]}, {self.lang}, {int(self.scale * 100)} %)"
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / f"{name}-{self.size[0]}x{self.size[1]}-{self.lang}-{int(self.scale * 100)}.png"))
        if window.geometry() != screen.geometry():
            self.failures.append(f"--- {tag}: the window is {window.geometry()}, the screen {screen.geometry()}")
        wanted = window.minimumSizeHint()
        if wanted.width() > screen.size().width() or wanted.height() > screen.size().height():
            self.failures.append(f"--- {tag}: the window asks for {wanted.width()}x{wanted.height()}")
        if beyond := outside(window):
            self.failures.append(f"--- {tag}: buttons outside the window: {beyond}")
        if violations := audit(window, scale=self.scale):
            self.failures.append(f"--- {tag}\n{format_violations(violations)}")

    def check_in_sight(self, name: str, *widgets: QWidget) -> None:
        """What this screen is for is in sight as it opens, without scrolling to it."""
        for widget in widgets:
            shown = window_rect(widget)
            parent = widget.parentWidget()
            while parent is not None and parent is not self.window:
                if isinstance(parent, QAbstractScrollArea):
                    shown = shown.intersected(window_rect(parent.viewport()))
                parent = parent.parentWidget()
            if shown != window_rect(widget) or not self.window.rect().contains(shown):
                self.failures.append(f"--- {name}: {widget.objectName()!r} is not in sight: {window_rect(widget)}")

    def check_step_target(self, name: str) -> None:
        """The step's target is in sight on the phone, inside the window."""
        player = self.window.player
        target = player.phone.target_widget(player.run.step.expect.target)
        scroll = target.parentWidget()
        while scroll is not None and not isinstance(scroll, QAbstractScrollArea):
            scroll = scroll.parentWidget()
        shown = window_rect(target)
        if scroll is not None:
            shown = shown.intersected(window_rect(scroll.viewport()))
        if shown.height() < min(target.height(), 40) or not self.window.rect().contains(shown):
            self.failures.append(f"--- {name}: the step's target is out of sight: {window_rect(target)}")


def learner_screens(walk: Walk) -> None:
    window = walk.window
    window.state.set_scale(walk.scale)  # "Largest" pressed on the welcome screen
    walk.check("welcome")
    walk.check_in_sight("welcome", window.welcome.start)
    click(window.welcome.start)
    walk.check("surnames")
    learner = next(p for p in window.services.kiosk.learners.all() if p.display_name.startswith("王"))
    click(window.signin.surname_button_for(learner))
    walk.check("names")
    tile = window.signin.findChild(QWidget, f"learner-{learner.id}")
    window.signin.scroll.ensureWidgetVisible(tile)
    settle()
    click(tile)
    walk.check("is-it-you")
    walk.check_in_sight("is-it-you", window.signin.confirm.yes, window.signin.confirm.no)
    click(window.signin.confirm.no)
    click(window.signin.new_button)
    walk.check("register")
    window.show_signin()
    window.sign_in(learner)
    window.state.set_scale(walk.scale)
    window.state.set_lang(walk.lang)
    walk.check("catalogue")
    lessons = window.services.kiosk.catalogue.lessons
    window.open_lesson(lessons[0])
    walk.check("lesson")
    walk.check_step_target("lesson")
    phone, step = window.player.phone, window.player.run.step
    robot.miss(phone, step.expect)
    walk.check("lesson-hint")
    robot.miss(phone, step.expect)
    walk.check("lesson-highlight")
    walk.check_step_target("lesson-highlight")
    window.player.show_help()
    window.player.tell_tutor_called()
    walk.check("lesson-help-called")
    tip = next(lesson for lesson in lessons if any(s.tip for s in lesson.steps))
    window.open_lesson(tip, from_start=True)
    while window.player.run.step.tip is None:
        robot.perform(window.player.phone, window.player.run.step.expect)
    walk.check("lesson-tip")
    walk.check_step_target("lesson-tip")
    while window.current() is window.player:
        robot.perform(window.player.phone, window.player.run.step.expect)
    walk.check("completion")
    window.idle._on_idle()
    walk.check("idle-warning")
    window.idle_overlay.close_overlay()
    window.sign_out()


def role_screens(walk: Walk) -> None:
    window = walk.window
    window.state.set_scale(walk.scale)
    click(window.welcome.staff_button)
    walk.check("role-sign-in")
    click(account_button(window, "Ms Chen"))
    walk.check("role-pin")
    enter_pin(window, STAFF_PIN)
    for key in window.roles.staff.pages:
        window.roles.staff.show_page(key)
        window.roles.staff.wait_for_work()
        walk.check(f"staff-{key}")
    click(window.roles.staff.sign_out_button)
    click(window.welcome.staff_button)
    click(account_button(window, "Mr Lam"))
    QTest.keyClicks(window.roles.signin.secret, "blue-river-7")
    click(window.roles.signin.sign_in_button)
    window.state.set_scale(walk.scale)  # each sign-out goes back to the kiosk's own size
    walk.check("tutor-today")
    window.roles.tutor.show_form()
    walk.check("tutor-new-session")


# Chinese at both ends of the text sizes (most learners), and English at the largest (its
# words run longest).
LOOKS = [
    pytest.param("zh", 1.0, id="zh-100"),
    pytest.param("zh", 1.5, id="zh-150"),
    pytest.param("en", 1.5, id="en-150"),
]


class _OnAScreen:
    """One class per screen, so that pytest-xdist (--dist loadscope) gives each its own worker."""

    size: tuple[int, int]

    @pytest.mark.parametrize(("lang", "scale"), LOOKS)
    def test_every_screen_fits_the_screen_it_is_on(self, tmp_path, lang, scale):
        walk_every_screen(tmp_path, self.size, lang, scale)


class TestOn1920x1080(_OnAScreen):
    size = (1920, 1080)


class TestOn1366x768(_OnAScreen):
    size = (1366, 768)


class TestOn1280x800(_OnAScreen):
    size = (1280, 800)


class TestOn1536x864(_OnAScreen):
    size = (1536, 864)


class TestOnPortrait1080x1920(_OnAScreen):
    size = (1080, 1920)


def test_every_screen_the_tests_have_is_walked():
    assert sorted(kind.size for kind in _OnAScreen.__subclasses__()) == sorted(SIZES)


def walk_every_screen(tmp_path, size: tuple[int, int], lang: str, scale: float) -> None:
    now = datetime.now()
    if now.hour == 23 and now.minute >= 55:
        pytest.skip("a session cannot run past midnight")
    speaker = SoundCardSpeaker()  # a learner with sound sees "Say it again" and "Slower" too
    window = open_role_kiosk(tmp_path, Clock(), lang=lang, also=lambda s: setattr(s.kiosk, "speaker", speaker))
    for name, digits in crowd(60):
        window.services.kiosk.db.learners.add(name, digits)
    end = min(now + timedelta(minutes=60), now.replace(hour=23, minute=59)).time()
    window.services.kiosk.classroom.save(
        ClassSession.new("学用手机", now.date(), (now - timedelta(minutes=5)).time(), end, "", "张老师")
    )
    window.fill_screen(screen_named(size))
    walk = Walk(window, size, lang, scale)
    try:
        learner_screens(walk)
        role_screens(walk)
    finally:
        close_kiosk(window)
    if walk.failures:  # (not an assert: its rewriting would compare the long lists for minutes)
        pytest.fail("\n".join(walk.failures), pytrace=False)
