"""Choices in the lesson engine, without Qt or storage: a safe choice moves on, a trap is
stopped and explained (never counted as a mistake), a neutral choice is answered; the loader
names a choice on a missing target by file and line; the statement says what was chosen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.course import ChoiceKind, Lesson
from app.core.engine import Action, LessonRun, OutcomeKind
from app.core.loader import load_lesson
from app.core.xapi import CHOICE_OUTCOME_EXTENSION, VERBS, ChoiceReport, choice_answered

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "choice_lessons"


def text(word: str) -> dict:
    return {"zh": f"{word}（中文）", "en": word}


def call_step(choices: list[dict]) -> dict:
    return {
        "id": "money-asked",
        "say": text("The caller asks you to move money. What do you do?"),
        "hint": text("Hang up"),
        "screen": {
            "components": [
                {
                    "type": "in_call",
                    "caller": text("Unknown"),
                    "status": text("In call"),
                    "hang_up": "hang-up",
                    "speaker": "speaker",
                    "keypad": "keypad",
                    "mute": "mute",
                }
            ]
        },
        "expect": {"action": "tap", "target": "hang-up"},
        "choices": choices,
    }


def lesson_with(choices: list[dict]) -> Lesson:
    done = {
        "id": "done",
        "say": text("Well done"),
        "hint": text("Tap OK"),
        "screen": {"components": [{"type": "button", "id": "ok", "label": text("OK")}]},
        "expect": {"action": "tap", "target": "ok"},
    }
    return Lesson.model_validate(
        {
            "id": "choices",
            "version": 1,
            "theme": "staying-safe",
            "title": text("Choices"),
            "summary": text("A call"),
            "goals": [text("Hang up")],
            "minutes": 3,
            "icon": "phone",
            "steps": [call_step(choices), done],
        }
    )


TRAP = {"action": "tap", "target": "speaker", "outcome": "trap", "coach": text("He would hear you follow him")}
NEUTRAL = {"action": "tap", "target": "mute", "outcome": "neutral", "coach": text("Muting does not end the call")}
ALSO_SAFE = {"action": "tap", "target": "keypad", "outcome": "safe", "coach": text("Also fine")}


@pytest.fixture
def run() -> LessonRun:
    return LessonRun(lesson_with([TRAP, NEUTRAL, ALSO_SAFE]), clock=lambda: 0.0)


def test_a_trap_is_stopped_explained_and_not_counted_as_a_mistake(run):
    outcome = run.act(Action.tap("speaker"))
    assert outcome.kind is OutcomeKind.TRAP and not outcome.correct
    assert outcome.safe is False and outcome.choice.target == "speaker"
    assert outcome.coach.en == "He would hear you follow him"
    assert run.step_index == 0, "the trap is never performed: the lesson stays on the step"
    assert run.mistakes_total == 0 and run.traps_total == 1
    assert outcome.highlight_target is None


def test_a_second_trap_on_the_step_shows_the_safe_way(run):
    run.act(Action.tap("speaker"))
    outcome = run.act(Action.tap("speaker"))
    assert outcome.kind is OutcomeKind.TRAP and outcome.traps_on_step == 2
    assert outcome.highlight_target == "hang-up"


def test_the_safe_way_after_a_trap_moves_on_and_is_marked_safe(run):
    run.act(Action.tap("speaker"))
    outcome = run.act(Action.tap("hang-up"))
    assert outcome.kind is OutcomeKind.NEXT and outcome.safe is True
    assert outcome.choice.outcome is ChoiceKind.SAFE and outcome.choice.target == "hang-up"
    assert run.step_index == 1


def test_another_safe_choice_moves_on_with_its_praise(run):
    outcome = run.act(Action.tap("keypad"))
    assert outcome.kind is OutcomeKind.NEXT and outcome.safe is True and outcome.coach.en == "Also fine"


def test_a_neutral_choice_is_answered_and_the_learner_chooses_again(run):
    outcome = run.act(Action.tap("mute"))
    assert outcome.kind is OutcomeKind.NEUTRAL and outcome.coach.en == "Muting does not end the call"
    assert run.step_index == 0 and run.mistakes_total == 0 and run.traps_total == 0


def test_an_action_not_offered_is_still_a_mistake_with_the_hint(run):
    outcome = run.act(Action.tap("somewhere"))
    assert outcome.kind is OutcomeKind.HINT and outcome.choice is None and run.mistakes_total == 1


def test_a_step_without_choices_reports_no_choice(run):
    run.act(Action.tap("hang-up"))
    outcome = run.act(Action.tap("ok"))
    assert outcome.kind is OutcomeKind.COMPLETE and outcome.choice is None and outcome.safe is None


def test_a_trap_needs_coach_words_and_a_choice_cannot_repeat_expect():
    with pytest.raises(ValidationError, match="needs 'coach:'"):
        lesson_with([{"action": "tap", "target": "speaker", "outcome": "trap"}])
    with pytest.raises(ValidationError, match="the step's own 'expect:'"):
        lesson_with([{"action": "tap", "target": "hang-up", "outcome": "safe"}])
    with pytest.raises(ValidationError, match="repeats an earlier choice"):
        lesson_with([TRAP, {**TRAP, "outcome": "neutral"}])


def test_a_choice_on_a_missing_target_is_reported_at_its_line():
    path = FIXTURES / "choice-on-missing-target.yaml"
    lesson, problems = load_lesson(path)
    assert lesson is None
    assert [str(p) for p in problems] == [
        f"{path}:34: steps[0].choices[1].target: target 'speakr' is not on this screen"
        " (targets: hang-up, keypad, speaker)"
    ]


def test_the_statement_names_the_choice_and_whether_it_was_safe(run):
    lesson = run.lesson
    trap = lesson.steps[0].choices[0]
    statement = choice_answered(
        centre_home="https://centre.example",
        kiosk_id="kiosk-1",
        learner_id="learner-1",
        lesson=lesson,
        report=ChoiceReport("record-1", 1, 0, trap, datetime(2026, 12, 7, tzinfo=UTC)),
    )
    assert statement["verb"]["id"] == VERBS["answered"][0]
    assert statement["result"] == {
        "response": "tap:speaker",
        "success": False,
        "extensions": {CHOICE_OUTCOME_EXTENSION: "trap"},
    }
    definition = statement["object"]["definition"]
    assert statement["object"]["id"].endswith("/lessons/choices/steps/money-asked")
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == ["tap:hang-up", "tap:keypad"]
    assert [c["id"] for c in definition["choices"]] == ["tap:hang-up", "tap:speaker", "tap:mute", "tap:keypad"]
    assert statement["context"]["contextActivities"]["parent"] == [{"id": lesson_activity_id(lesson)}]


def lesson_activity_id(lesson: Lesson) -> str:
    return f"https://silversteps.org/xapi/lessons/{lesson.id}"
