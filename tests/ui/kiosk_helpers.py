"""Build a real kiosk window on a temporary data directory, and walk it like a learner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.course import ChoiceKind, Lesson
from app.core.resources import courses_dir
from app.ui.kiosk import build_services, make_application
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.window import KioskWindow
from tests.ui import robot


def open_kiosk(
    data_dir: Path,
    *,
    lang: str = "zh",
    courses: Path | None = None,
    idle_seconds: int | None = None,
    prepare: Callable[[Services], None] | None = None,
) -> KioskWindow:
    """`prepare` may change the services before the screens are built (a test's clock, say)."""
    make_application()
    services = build_services(data_dir, courses or courses_dir(), idle_seconds)
    if prepare is not None:
        prepare(services)
    window = KioskWindow(KioskState(lang=lang), services.icons, closable=True)
    window.attach(services)
    window.resize(1920, 1080)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return window


def close_kiosk(window: KioskWindow) -> None:
    window.quit_for_staff()
    window.services.close()
    window.deleteLater()
    QApplication.processEvents()


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def sign_up(window: KioskWindow, name: str, digits: str = "") -> None:
    click(window.welcome.start)
    click(window.signin.new_button)
    window.new_learner.name.setText(name)
    window.new_learner.digits.setText(digits)
    click(window.new_learner.save)
    assert window.current() is window.catalogue


def sign_in(window: KioskWindow, name: str) -> None:
    click(window.welcome.start)
    learner = next(learner for learner in window.services.kiosk.learners.all() if learner.display_name == name)
    if not window.signin.name_tiles():  # many names: their surname first
        click(window.signin.surname_button_for(learner))
    tile = next(t for t in window.signin.name_tiles() if t.text().split("\n")[0] == name)
    click(tile)
    assert window.signin.confirm.name.plain_text() == name  # "是您吗？"
    click(window.signin.confirm.yes)
    assert window.current() is window.catalogue


def open_lesson(window: KioskWindow, lesson_id: str) -> Lesson:
    card = window.catalogue.card(lesson_id)
    click(card)
    assert window.current() is window.player
    return card.lesson


def play_steps(window: KioskWindow, count: int | None = None, *, safe_choices: bool = False) -> None:
    """Play `count` steps (or to the end) of the open lesson correctly: the way `expect` says,
    or, `safe_choices`, another safe choice where a step offers one."""
    player = window.player
    done = 0
    while player.run is not None and not player.run.is_complete and (count is None or done < count):
        step = player.run.step
        safe = [c for c in step.choices if c.outcome is ChoiceKind.SAFE] if safe_choices else []
        robot.perform(player.phone, safe[-1] if safe else step.expect)
        done += 1
