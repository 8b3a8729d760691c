"""Robot learners use the whole kiosk: sign up, play every lesson, make mistakes, resume."""

from __future__ import annotations

import json

import pytest

from app.core.engine import OutcomeKind
from app.core.loader import load_courses
from app.core.resources import courses_dir
from tests.ui import robot
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, open_lesson, play_steps, sign_in, sign_up

pytestmark = pytest.mark.gui
LESSON_IDS = [lesson.id for lesson in load_courses([courses_dir()]).lessons]


class TestEveryLessonPlayedThrough:
    """A class of its own, so pytest-xdist (--dist loadscope) can give it a worker of its own."""

    @pytest.mark.parametrize("lesson_id", LESSON_IDS)
    def test_robot_plays_every_lesson_to_the_end(self, qtbot, tmp_path, lesson_id):
        window = open_kiosk(tmp_path)
        try:
            sign_up(window, "王秀英", "1234")
            lesson = open_lesson(window, lesson_id)
            outcomes = []
            window.player.step_recorded.connect(outcomes.append)
            play_steps(window, safe_choices=True)  # where a step offers another safe way, that one
            assert [o.kind for o in outcomes] == [OutcomeKind.NEXT] * (len(lesson.steps) - 1) + [OutcomeKind.COMPLETE]
            assert all(o.safe is not False for o in outcomes)
            assert window.current() is window.completion
            assert lesson.title["zh"] in window.completion.praise.plain_text()
            progress = window.services.kiosk.db.progress.get(window.state.learner.id, lesson_id)
            assert progress.status.value == "done" and progress.mistakes == 0
            statements = [waiting.statement for waiting in window.services.kiosk.db.outbox.waiting(100)]
            verbs = sorted(s["verb"]["display"]["en-US"] for s in statements)
            offering = sum(1 for step in lesson.steps if step.choices)  # a choice made is a statement of its own
            assert verbs == sorted(
                ["attended", "completed", "started"] + ["progressed"] * len(lesson.steps) + ["chose"] * offering
            )
            assert "王秀英" not in json.dumps(statements, ensure_ascii=False)  # learners are opaque ids
            click(window.completion.catalogue_button)
            assert window.catalogue.card(lesson_id).status.plain_text() == "✓ 已学会"
        finally:
            close_kiosk(window)


class TestEveryLessonWithMistakes:
    """A class of its own, so pytest-xdist (--dist loadscope) can give it a worker of its own."""

    @pytest.mark.parametrize("lesson_id", LESSON_IDS)
    def test_two_mistakes_give_a_hint_then_a_highlight(self, qtbot, tmp_path, lesson_id):
        window = open_kiosk(tmp_path, lang="en")
        try:
            sign_up(window, "Mary Wong")
            open_lesson(window, lesson_id)
            player = window.player
            outcomes = []
            player.step_recorded.connect(outcomes.append)
            while not player.run.is_complete:
                step = player.run.step
                offered = [choice.target for choice in step.choices]
                robot.miss(player.phone, step.expect, offered)
                assert outcomes[-1].kind is OutcomeKind.HINT
                assert player.hint.isVisible() and step.hint["en"] in player.hint.plain_text()
                assert player.phone.highlighted_target() is None
                robot.miss(player.phone, step.expect, offered)
                assert outcomes[-1].kind is OutcomeKind.HIGHLIGHT
                assert player.phone.highlighted_target() == step.expect.target
                robot.perform(player.phone, step.expect)
            progress = window.services.kiosk.db.progress.get(window.state.learner.id, lesson_id)
            assert progress.mistakes == 2 * len(player.run.lesson.steps)
        finally:
            close_kiosk(window)


def test_resume_after_sign_out_in_a_new_app_instance(qtbot, tmp_path):
    lesson_id = LESSON_IDS[0]
    window = open_kiosk(tmp_path)
    try:
        sign_up(window, "李建国", "5678")
        open_lesson(window, lesson_id)
        play_steps(window, 3)
        step_id = window.player.run.step.id
        click(window.player.later)
        assert window.catalogue.card(lesson_id).status.plain_text().startswith("▶ 学到第 4 步")
        click(window.catalogue.sign_out)
        assert window.current() is window.welcome
    finally:
        close_kiosk(window)

    window = open_kiosk(tmp_path)
    try:
        sign_in(window, "李建国")
        assert window.catalogue.card(lesson_id).status.plain_text().startswith("▶ 学到第 4 步")
        open_lesson(window, lesson_id)
        assert window.player.run.step_index == 3
        assert window.player.run.step.id == step_id
    finally:
        close_kiosk(window)


def test_idle_sign_out_warns_first_and_keeps_the_step(qtbot, tmp_path):
    lesson_id = LESSON_IDS[0]
    window = open_kiosk(tmp_path, idle_seconds=1)
    window.idle.warning_seconds = 20
    try:
        sign_up(window, "张桂兰")
        open_lesson(window, lesson_id)
        play_steps(window, 2)
        qtbot.waitUntil(lambda: window.idle_overlay.isVisible(), timeout=3000)
        assert window.idle.seconds_left() >= 19
        click(window.idle_overlay.button)  # "I'm still here"
        assert not window.idle_overlay.isVisible() and window.current() is window.player
        qtbot.waitUntil(lambda: window.idle_overlay.isVisible(), timeout=3000)
        window.idle._warning.setInterval(200)  # let the warning run out quickly in the test
        window.idle._warning.start()
        qtbot.waitUntil(lambda: window.current() is window.welcome, timeout=3000)
        assert window.state.learner is None
    finally:
        close_kiosk(window)

    window = open_kiosk(tmp_path)
    try:
        sign_in(window, "张桂兰")
        open_lesson(window, lesson_id)
        assert window.player.run.step_index == 2
    finally:
        close_kiosk(window)


def test_back_and_help_do_not_lose_the_place(qtbot, tmp_path):
    window = open_kiosk(tmp_path, lang="en")
    try:
        sign_up(window, "Chen Wei")
        open_lesson(window, LESSON_IDS[0])
        play_steps(window, 2)
        click(window.player.back_step)
        assert window.player.run.step_index == 1
        click(window.player.help)
        assert window.player.phone.highlighted_target() == window.player.run.step.expect.target
        assert window.player.run.mistakes_total == 0
        progress = window.services.kiosk.db.progress.get(window.state.learner.id, LESSON_IDS[0])
        assert progress.current_step == 1
    finally:
        close_kiosk(window)


def test_language_and_text_size_switch_on_every_screen_and_are_remembered(qtbot, tmp_path):
    window = open_kiosk(tmp_path)
    try:
        sign_up(window, "赵丽")
        open_lesson(window, LESSON_IDS[0])
        instruction_zh = window.player.instruction.plain_text()
        window.state.toggle_lang()
        assert window.player.instruction.plain_text() != instruction_zh
        window.state.set_scale(1.5)
        assert window.player.instruction.font().pointSizeF() == pytest.approx(42)
        click(window.player.later)
        click(window.catalogue.sign_out)
        assert window.state.theme.scale == 1.0
        sign_in(window, "赵丽")
        assert window.state.lang == "en" and window.state.theme.scale == 1.5
    finally:
        close_kiosk(window)


def test_new_learner_form_explains_a_bad_phone_number(qtbot, tmp_path):
    window = open_kiosk(tmp_path, lang="en")
    try:
        click(window.welcome.start)
        click(window.signin.new_button)
        window.new_learner.name.setText("Ada")
        window.new_learner.digits.setText("12a")
        click(window.new_learner.save)
        assert window.current() is window.new_learner
        assert "four digits" in window.new_learner.problem.plain_text()
        window.new_learner.digits.setText("")
        click(window.new_learner.save)
        assert window.current() is window.catalogue
    finally:
        close_kiosk(window)


def test_window_title_and_stray_close(qtbot, tmp_path):
    window = open_kiosk(tmp_path)
    try:
        assert "SilverSteps" in window.windowTitle()
        window._closable = False
        window.close()
        assert window.isVisible()
    finally:
        close_kiosk(window)
