"""The system's touch keyboard (Windows' TabTip) on a kiosk without Qt's keys, driven by touch:
the keys open when the name box is offered or tapped, not for the phone digits with their own
pad, close when the focus leaves the text boxes, and the box being typed in is scrolled above
them. Windows' keyboard is a stand-in that behaves as it does: it opens and closes when asked,
says nothing when it does, and is found where it lies on the screen, in physical pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from app.ui.system_keyboard import POLL_MS, SystemKeyboard
from app.ui.touch_keyboard import KeyboardRoom
from tests.ui import touch
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk

pytestmark = pytest.mark.gui
KEYS_SHARE = 0.45  # Windows' keys take the bottom of the screen, about this much of it


class WindowsKeysStandIn:
    def __init__(self, screen_height: int, screen_width: int) -> None:
        self.up = False
        self.asked: list[str] = []
        self._rect = (0, round(screen_height * (1 - KEYS_SHARE)), screen_width, round(screen_height * KEYS_SHARE))

    def show(self) -> None:
        self.asked.append("show")
        self.up = True

    def hide(self) -> None:
        self.asked.append("hide")
        self.up = False

    def rect(self) -> tuple[int, int, int, int] | None:
        return self._rect if self.up else None

    @property
    def top(self) -> int:
        return self._rect[1]


def settle() -> None:
    QTest.qWait(POLL_MS + 150)


@pytest.fixture
def kiosk(tmp_path):
    window = open_kiosk(tmp_path, prepare=_without_handwriting)
    geometry = window.geometry()
    keys = WindowsKeysStandIn(geometry.bottom() + 1, geometry.width())
    KeyboardRoom(window, keys=SystemKeyboard(keys, window))  # as open_window does on Windows
    yield window, keys
    close_kiosk(window)


def _without_handwriting(services) -> None:
    services.handwriting = None  # as a Windows bundle without Zinnia: the keys write the name


def bottom_on_screen(widget) -> int:
    return widget.mapToGlobal(QPoint(0, widget.height())).y()


def test_the_keys_open_for_the_name_and_never_cover_it(kiosk):
    window, keys = kiosk
    touch.tap(window.welcome.start)
    touch.tap(window.signin.new_button)
    settle()
    screen = window.new_learner
    assert screen.name.hasFocus()
    assert keys.asked == ["show"]  # offered at once: no need to know that a tap brings them
    assert bottom_on_screen(screen.name) < keys.top  # scrolled above the keys
    touch.tap(screen.digits)
    settle()
    assert keys.asked == ["show", "hide"]  # the digits have their own number pad
    touch.tap(screen.name)
    settle()
    assert keys.asked == ["show", "hide", "show"]
    assert bottom_on_screen(screen.name) < keys.top
    touch.tap(screen.save)  # a button: the keys close, so the words it shows are in sight
    settle()
    assert keys.asked == ["show", "hide", "show", "hide"] and not keys.up


def test_keys_closed_by_hand_come_back_at_the_next_tap(kiosk):
    window, keys = kiosk
    touch.tap(window.welcome.start)
    touch.tap(window.signin.new_button)
    settle()
    keys.up = False  # the learner closed Windows' keyboard with its own ✕
    settle()
    touch.tap(window.new_learner.name)
    settle()
    assert keys.asked == ["show", "show"] and keys.up
