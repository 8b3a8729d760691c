"""Choices on the kiosk, played with a finger: a trap is stopped before it happens and the
coach's words appear beside the phone, never inside it; a second trap shows the safe way; a
neutral choice is answered; the safe way is praised and the lesson goes on. Then the robot
tries every trap of every lesson in courses/ before the safe way: no lesson completes through
a trap, and none counts a trap as a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.engine import OutcomeKind
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import VERBS
from tests.ui import robot
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, sign_up
from tests.ui.touch import tap

pytestmark = pytest.mark.gui
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "choice_lessons" / "kiosk"
TRAP_LESSONS = [lesson.id for lesson in load_courses([courses_dir()]).lessons if any(s.traps() for s in lesson.steps)]


def coach_beside_the_phone(player) -> str:
    """The coach's words, checked to be shown outside the phone."""
    assert player.coach_box.isVisible(), "the coach's panel is not shown"
    assert not player.phone.isAncestorOf(player.coach_box) and player.coach_box is not player.phone
    box = player.coach_box.geometry().translated(
        player.coach_box.parentWidget().mapTo(player, player.coach_box.pos()) - player.coach_box.pos()
    )
    phone = player.phone.geometry().translated(
        player.phone.parentWidget().mapTo(player, player.phone.pos()) - player.phone.pos()
    )
    assert not box.intersects(phone), f"the coach's panel {box} covers the phone {phone}"
    return f"{player.coach_heading.plain_text()}\n{player.coach_words.plain_text()}"


@pytest.fixture
def kiosk(qtbot, tmp_path):
    window = open_kiosk(tmp_path, courses=FIXTURE)
    yield window
    close_kiosk(window)


def test_a_trap_tapped_with_a_finger_is_stopped_and_explained_beside_the_phone(kiosk):
    sign_up(kiosk, "王秀英")
    open_lesson(kiosk, "money-call")
    player = kiosk.player
    outcomes = []
    player.step_recorded.connect(outcomes.append)
    QApplication.processEvents()
    assert not player.coach_box.isVisible()

    tap(player.phone.target_widget("speaker"))
    assert outcomes[-1].kind is OutcomeKind.TRAP
    assert player.run.step_index == 0 and player.phone.target_widget("hang-up") is not None
    words = coach_beside_the_phone(player)
    assert "先停一下" in words and "开了免提，他就能一步一步指挥您转钱。" in words and "换个做法" in words
    assert player.coach_box.property("coach") == "trap"
    assert player.phone.highlighted_target() is None  # one trap: the learner thinks again

    tap(player.phone.target_widget("speaker"))
    assert outcomes[-1].kind is OutcomeKind.TRAP
    assert player.phone.highlighted_target() == "hang-up"  # a second: the safe way is shown

    tap(player.phone.target_widget("mute"))
    assert outcomes[-1].kind is OutcomeKind.NEUTRAL and player.coach_box.property("coach") == "neutral"
    assert "静音只是他听不见您" in coach_beside_the_phone(player)

    tap(player.phone.target_widget("hang-up"))
    assert outcomes[-1].kind is OutcomeKind.NEXT and player.run.step_index == 1
    assert player.coach_box.property("coach") == "safe" and "做得对" in coach_beside_the_phone(player)
    assert player.run.mistakes_total == 0 and player.run.traps_total == 2

    tap(player.phone.target_widget("remember"))
    assert outcomes[-1].kind is OutcomeKind.COMPLETE


def test_another_safe_way_is_praised_with_its_own_words_in_english(qtbot, tmp_path):
    window = open_kiosk(tmp_path, courses=FIXTURE, lang="en")
    try:
        sign_up(window, "Mary Wong")
        open_lesson(window, "money-call")
        QApplication.processEvents()
        tap(window.player.phone.target_widget("keypad"))
        assert window.player.run.step_index == 1
        assert "ring your family" in coach_beside_the_phone(window.player)
    finally:
        close_kiosk(window)


class TestEveryTrapTriedFirst:
    """A class of its own, so pytest-xdist (--dist loadscope) can give it a worker of its own."""

    @pytest.mark.parametrize("lesson_id", TRAP_LESSONS)
    def test_robot_tries_every_trap_first_and_no_lesson_completes_through_one(self, qtbot, tmp_path, lesson_id):
        window = open_kiosk(tmp_path)
        try:
            sign_up(window, "王秀英")
            lesson = open_lesson(window, lesson_id)
            player = window.player
            outcomes = []
            player.step_recorded.connect(outcomes.append)
            traps = 0
            while not player.run.is_complete:
                step, index = player.run.step, player.run.step_index
                for trap in step.traps():
                    robot.perform(player.phone, trap)
                    assert outcomes[-1].kind is OutcomeKind.TRAP, f"{step.id}: {trap.target} was not stopped"
                    assert player.run.step_index == index and not player.run.is_complete
                    assert trap.coach["zh"] in coach_beside_the_phone(player)
                    traps += 1
                robot.perform(player.phone, step.expect)
            assert traps > 0 and outcomes[-1].kind is OutcomeKind.COMPLETE
            progress = window.services.kiosk.db.progress.get(window.state.learner.id, lesson_id)
            assert progress.status.value == "done" and progress.mistakes == 0
            statements = [waiting.statement for waiting in window.services.kiosk.db.outbox.waiting(1000)]
            chosen = [s["result"]["success"] for s in statements if s["verb"]["id"] == VERBS["answered"][0]]
            assert chosen.count(False) == traps and chosen.count(True) == sum(1 for s in lesson.steps if s.choices)
        finally:
            close_kiosk(window)
