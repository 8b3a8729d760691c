"""Traps inside everyday lessons (issue 14, item 3), without Qt: paying a shop, booking the
hospital, following a meal delivery and checking the bills each meet a trick where it would
come in life. The learner must spot it: the trap is on the screen as a real choice, the
instruction never asks for it, the coach says in both languages what it would have done, and
the lesson still loads and plays to the end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.components_apps import Chat, DatePicker, Notification, Sheet, Tabs, TimeSlots, Toggle
from app.core.course import (
    AppGrid,
    Button,
    ChoiceKind,
    Dialog,
    Expect,
    IncomingCall,
    Lesson,
    ListView,
    QrScan,
    Screen,
    Step,
    TextField,
)
from app.core.course_base import MAX_SENTENCE_CHARS, Text
from app.core.engine import Action, LessonRun, OutcomeKind
from app.core.loader import load_lesson
from app.core.resources import courses_dir

LESSON_IDS = ["pay-shop-qr", "book-hospital", "order-meal-track", "check-bills"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def lesson_files() -> dict[str, Path]:
    """Each lesson file under courses/ by the id written in it (files may move between themes)."""
    found = {}
    for path in sorted(courses_dir().rglob("*.yaml")):
        written = re.search(r"^id:\s*([a-z0-9-]+)\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if written:
            found[written.group(1)] = path
    return found


FILES = lesson_files()


def load(lesson_id: str) -> Lesson:
    lesson, problems = load_lesson(FILES[lesson_id])
    assert problems == [], [str(p) for p in problems]
    assert lesson is not None
    return lesson


def trap_steps(lesson: Lesson) -> list[tuple[int, Step]]:
    return [(index, step) for index, step in enumerate(lesson.steps) if step.traps()]


def labels_on_screen(screen: Screen) -> dict[str, list[Text]]:
    """The words a learner reads on (or under) each target of the screen, by target id."""
    labels: dict[str, list[Text]] = {}

    def add(target: str | None, *texts: Text | None) -> None:
        if target:
            labels.setdefault(target, []).extend(t for t in texts if t is not None)

    for component in screen.components:
        if isinstance(component, Button):
            add(component.id, component.label)
        elif isinstance(component, Dialog):
            for button in component.buttons:
                add(button.id, button.label)
        elif isinstance(component, ListView):
            for row in component.rows:
                add(row.id, row.title, row.subtitle)
        elif isinstance(component, AppGrid):
            for app in component.apps:
                add(app.id, app.label)
        elif isinstance(component, Tabs):
            for tab in component.tabs:
                add(tab.id, tab.label)
        elif isinstance(component, Toggle):
            add(component.id, component.label)
        elif isinstance(component, Notification):
            add(component.id, component.title, component.body)
        elif isinstance(component, Sheet):
            add(component.button, component.button_label)
        elif isinstance(component, TextField):
            add(component.id, component.label, component.placeholder)
        elif isinstance(component, Chat):
            for bubble in component.messages:
                add(bubble.id, bubble.text, bubble.link)
        elif isinstance(component, DatePicker):
            for day in component.days:
                add(day.id, day.weekday, Text(zh=day.date, en=day.date))
        elif isinstance(component, TimeSlots):
            for slot in component.slots:
                add(slot.id, Text(zh=slot.time, en=slot.time))
        elif isinstance(component, IncomingCall):
            add(component.accept, component.accept_label or Text(zh="接听", en="Answer"))
            add(component.decline, component.decline_label or Text(zh="挂断", en="Decline"))
        elif isinstance(component, QrScan):
            add(component.id, component.prompt, component.payee)
    return labels


def asks_for(words: Text, label: Text) -> list[str]:
    """How `words` point at `label` as the thing to tap: quoted, or right after 点 / tap."""
    said_zh, said_en = words.zh, words.en.lower()
    found = []
    for way in (f"“{label.zh}”", f"点{label.zh}"):
        if way in said_zh:
            found.append(way)
    for way in (f'"{label.en}"', f"tap {label.en}"):
        if way.lower() in said_en:
            found.append(way)
    return found


def act(expect: Expect) -> Action:
    return Action(expect.action, expect.target, expect.direction, expect.value)


@pytest.fixture(params=LESSON_IDS)
def lesson(request) -> Lesson:
    return load(request.param)


def test_the_four_lessons_are_found_and_validate_with_their_ids_kept():
    for lesson_id in LESSON_IDS:
        assert lesson_id in FILES, f"no lesson file with id {lesson_id!r} under {courses_dir()}"
        lesson = load(lesson_id)
        assert lesson.id == lesson_id
        assert lesson.version >= 2, f"{lesson_id}: the steps changed, so the version must be raised"
        assert len({step.id for step in lesson.steps}) == len(lesson.steps), f"{lesson_id}: step ids repeat"


def test_each_lesson_has_a_trap_on_the_screen_with_coach_words_in_both_languages(lesson):
    traps = [(step, choice) for _, step in trap_steps(lesson) for choice in step.traps()]
    assert traps, f"{lesson.id} offers no trap"
    for step, trap in traps:
        where = f"{lesson.id}/{step.id}: trap on {trap.target!r}"
        targets = step.screen.targets()
        assert trap.action in targets.get(trap.target, set()), f"{where} is not on the screen to be {trap.action}"
        assert trap.coach is not None, where
        assert CJK.search(trap.coach.zh), f"{where}: the Chinese coach words are not Chinese"
        assert not CJK.search(trap.coach.en) and re.search(r"[A-Za-z]{3}", trap.coach.en), f"{where}: English"
        for lang in ("zh", "en"):
            sentences = trap.coach.sentences(lang)
            assert 1 <= len(sentences) <= 2, f"{where}: coach words in {lang} are {len(sentences)} sentences"
            assert all(len(s) <= MAX_SENTENCE_CHARS for s in sentences), f"{where}: a sentence is too long"


def test_a_trap_is_never_the_way_on_in_any_step(lesson):
    ways_on = {step.expect.target for step in lesson.steps}
    for _, step in trap_steps(lesson):
        for trap in step.traps():
            assert trap.target not in ways_on, f"{lesson.id}/{step.id}: trap {trap.target!r} is some step's expect"
        assert step.expect.target not in {c.target for c in step.choices}, step.id


def test_the_words_never_ask_for_the_trap(lesson):
    for _, step in trap_steps(lesson):
        labels = labels_on_screen(step.screen)
        for trap in step.traps():
            shown = labels.get(trap.target, [])
            assert shown, f"{lesson.id}/{step.id}: no words known for trap target {trap.target!r}"
            for label in shown:
                # The instruction presents the situation; the hint (after a miss) shows the safe way.
                assert not asks_for(step.say, label), (step.id, "say", asks_for(step.say, label))
                assert not asks_for(step.hint, label), (step.id, "hint", asks_for(step.hint, label))


def test_the_trap_comes_where_it_would_in_life_not_after_the_lesson(lesson):
    for index, step in trap_steps(lesson):
        assert index < len(lesson.steps) - 1, f"{lesson.id}/{step.id}: the trap is the last step"


def test_an_honest_miss_on_a_trap_step_still_gets_the_hint(lesson):
    """Besides the safe way and the trap there is something else on the screen, listed before
    any choice, so a stray tap is a gentle mistake with the hint (the kiosk's robot makes its
    honest mistake on the first other target), never a trap the learner did not choose."""
    for index, step in trap_steps(lesson):
        chosen = {c.target for c in step.choices} | {step.expect.target}
        others = [t for t in step.screen.targets() if t != step.expect.target]
        assert others and others[0] not in chosen, f"{lesson.id}/{step.id}: first other target {others[:1]}"
        run = LessonRun(lesson, start_step=index, clock=lambda: 0.0)
        outcome = run.act(Action.tap(others[0]))
        assert outcome.kind is OutcomeKind.HINT and outcome.hint == step.hint


def test_a_trap_is_stopped_explained_and_the_safe_way_plays_on_to_the_end(lesson):
    run = LessonRun(lesson, clock=lambda: 0.0)
    traps_made = 0
    while not run.is_complete:
        step = run.step
        index = run.step_index
        for trap in step.traps():
            outcome = run.act(act(trap))
            traps_made += 1
            assert outcome.kind is OutcomeKind.TRAP and outcome.safe is False, (step.id, outcome.kind)
            assert outcome.coach == trap.coach and run.step_index == index, "a trap is never performed"
        if step.traps():
            again = run.act(act(step.traps()[0]))
            traps_made += 1
            assert again.highlight_target == step.expect.target, "after a second trap the safe way is shown"
        outcome = run.act(act(step.expect))
        assert outcome.kind in (OutcomeKind.NEXT, OutcomeKind.COMPLETE), (step.id, outcome.kind)
        if step.choices:
            assert outcome.safe is True and outcome.choice.outcome is ChoiceKind.SAFE
    assert traps_made >= 2 and run.traps_total == traps_made and run.mistakes_total == 0


def test_the_words_checker_catches_a_quoted_trap():
    """The check above is not vacuous: an instruction quoting a trap's label is caught."""
    label = Text(zh="点击缴费", en="Pay now")
    assert asks_for(Text(zh="请点“点击缴费”。", en='Tap "Pay now".'), label) == ["“点击缴费”", '"Pay now"']
    assert asks_for(Text(zh="请点点击缴费。", en="Tap pay now."), label) == ["点点击缴费", "tap Pay now"]
    assert asks_for(Text(zh="看清楚再付。", en="Check before paying."), label) == []
