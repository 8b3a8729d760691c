"""The lesson engine, without Qt or storage: outcomes, mistakes, back, resume, time."""

from __future__ import annotations

import pytest

from app.core.course import ActionKind, Direction, Lesson
from app.core.engine import Action, LessonRun, OutcomeKind


def make_lesson() -> Lesson:
    def text(word: str) -> dict:
        return {"zh": f"{word}（中文）", "en": word}

    def step(step_id: str, expect: dict, components: list[dict]) -> dict:
        return {
            "id": step_id,
            "say": text(f"say {step_id}"),
            "hint": text(f"hint {step_id}"),
            "screen": {"components": components},
            "expect": expect,
        }

    return Lesson.model_validate(
        {
            "id": "sample",
            "version": 1,
            "theme": "test",
            "title": text("Sample"),
            "summary": text("A sample"),
            "goals": [text("Learn")],
            "minutes": 3,
            "icon": "phone",
            "steps": [
                step(
                    "unlock",
                    {"action": "swipe", "target": "bar", "direction": "up"},
                    [{"type": "lock_screen", "id": "bar", "date": text("Today")}],
                ),
                step(
                    "open",
                    {"action": "tap", "target": "ok"},
                    [
                        {"type": "button", "id": "ok", "label": text("OK")},
                        {"type": "button", "id": "no", "label": text("No")},
                    ],
                ),
                step(
                    "hold",
                    {"action": "long_press", "target": "ok"},
                    [{"type": "button", "id": "ok", "label": text("OK")}],
                ),
                step(
                    "amount",
                    {"action": "type", "target": "sum", "value": "25"},
                    [{"type": "text_field", "id": "sum", "label": text("Amount")}],
                ),
            ],
        }
    )


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_right_actions_walk_the_lesson_to_completion():
    run = LessonRun(make_lesson())
    kinds = [
        run.act(Action(ActionKind.SWIPE, "bar", direction=Direction.UP)).kind,
        run.act(Action.tap("ok")).kind,
        run.act(Action(ActionKind.LONG_PRESS, "ok")).kind,
        run.act(Action(ActionKind.TYPE, "sum", value="2 5")).kind,
    ]
    assert kinds == [OutcomeKind.NEXT, OutcomeKind.NEXT, OutcomeKind.NEXT, OutcomeKind.COMPLETE]
    assert run.is_complete and run.mistakes_total == 0
    with pytest.raises(RuntimeError):
        run.act(Action.tap("ok"))


def test_first_miss_hints_second_highlights_and_mistakes_are_counted():
    run = LessonRun(make_lesson(), start_step=1)
    first = run.act(Action.tap("no"))
    assert first.kind is OutcomeKind.HINT and first.hint.en == "hint open" and first.highlight_target is None
    second = run.act(Action.tap(""))
    assert second.kind is OutcomeKind.HIGHLIGHT and second.highlight_target == "ok"
    third = run.act(Action(ActionKind.LONG_PRESS, "ok"))  # the right target, the wrong gesture
    assert third.kind is OutcomeKind.HIGHLIGHT and third.mistakes_on_step == 3
    done = run.act(Action.tap("ok"))
    assert done.kind is OutcomeKind.NEXT and done.mistakes_on_step == 3
    assert run.mistakes_on_step == 0 and run.mistakes_total == 3


def test_swipe_direction_and_typed_value_must_match():
    run = LessonRun(make_lesson())
    assert run.act(Action(ActionKind.SWIPE, "bar", direction=Direction.DOWN)).kind is OutcomeKind.HINT
    assert run.act(Action(ActionKind.TAP, "bar")).kind is OutcomeKind.HIGHLIGHT
    run = LessonRun(make_lesson(), start_step=3)
    assert run.act(Action(ActionKind.TYPE, "sum", value="250")).kind is OutcomeKind.HINT
    assert run.act(Action(ActionKind.TYPE, "sum", value="25")).kind is OutcomeKind.COMPLETE


def test_back_and_resume():
    run = LessonRun(make_lesson(), start_step=2, mistakes=4)
    assert run.step.id == "hold" and run.mistakes_total == 4
    assert run.back() == 1 and run.step.id == "open"
    assert LessonRun(make_lesson()).back() == 0
    assert LessonRun(make_lesson(), start_step=99).step_index == 3  # a shortened lesson: last step


def test_time_on_step_is_measured_per_step():
    clock = Clock()
    run = LessonRun(make_lesson(), clock=clock)
    clock.now += 7.5
    outcome = run.act(Action(ActionKind.SWIPE, "bar", direction=Direction.UP))
    assert outcome.step_seconds == pytest.approx(7.5)
    clock.now += 2
    assert run.time_on_step() == pytest.approx(2)
