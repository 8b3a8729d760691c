"""Every kiosk screen, in both languages and at 100 % and 150 % text, rendered to PNG under
build/screens/ and measured: text size, contrast, clipping, touch targets and their gaps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.window import KioskWindow
from tests.support.a11y import audit, format_violations
from tests.ui import robot
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, open_lesson, play_steps

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def tour(window: KioskWindow, lang: str) -> Iterator[str]:
    """Walk a learner through every screen and state worth seeing; yield a name at each."""
    yield "welcome"
    names = {
        "zh": ["王秀英", "李建国", "张桂兰", "王德明"],
        "en": ["Mary Wong", "Li Jianguo", "Zhang Guilan", "Tom Wang"],
    }
    for name in names[lang][1:]:
        window.services.kiosk.db.learners.add(name, "1234")
    click(window.welcome.start)
    yield "sign-in"
    click(window.signin.new_button)
    window.new_learner.name.setText(names[lang][0])
    window.new_learner.digits.setText("12")
    click(window.new_learner.save)
    yield "new-learner-problem"
    window.new_learner.digits.setText("")
    click(window.new_learner.save)
    lessons = window.services.kiosk.catalogue.lessons
    open_lesson(window, lessons[1].id)
    play_steps(window, 2)
    click(window.player.later)
    open_lesson(window, lessons[0].id)
    play_steps(window)
    click(window.completion.catalogue_button)
    yield "catalogue"
    open_lesson(window, lessons[2].id)
    yield "player"
    step = window.player.run.step
    robot.miss(window.player.phone, step.expect)
    yield "player-hint"
    robot.miss(window.player.phone, step.expect)
    yield "player-highlight"
    while window.player.run.step.tip is None:
        robot.perform(window.player.phone, window.player.run.step.expect)
    yield "player-tip"
    play_steps(window)
    yield "completion"
    window.idle._on_idle()
    yield "idle-warning"
    window.idle_overlay.close_overlay()
    window.idle.stop()


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_meets_the_senior_friendly_numbers(qtbot, tmp_path, lang, scale):
    window = open_kiosk(tmp_path, lang=lang)
    window.state.set_scale(scale)
    failures: list[str] = []
    try:
        for name in tour(window, lang):
            settle()
            path = SCREENS_DIR / f"{name}-{lang}-{int(scale * 100)}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(path)), path
            violations = audit(window, scale=scale)
            if window.height() > window.screen().size().height():  # something would not fit: scroll it
                failures.append(f"--- {name}: the window grew to {window.height()} px, past the screen")
            if violations:
                failures.append(f"--- {name} ({lang}, {int(scale * 100)} %)\n{format_violations(violations)}")
    finally:
        close_kiosk(window)
    assert not failures, "\n".join(failures)
