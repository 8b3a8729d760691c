"""The curriculum as it stands in 2026 (issue 15), checked on every bundled lesson without Qt:
nothing about the retired health and travel codes; no practice password a person really uses;
every lesson ends on its result and a "回顾一下" recap; one payment app, the same in every
lesson that opens it; paying the electricity bill is under Paying.

Each rule is also run on examples it must catch, so a rule that passes everything would fail."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from app.core.course import Lesson, ListView, Screen, TextField
from app.core.loader import load_lesson

COURSES = Path(__file__).resolve().parents[2] / "courses"
LESSON_FILES = sorted(COURSES.glob("*/*.yaml"))
RETIRED = re.compile(r"健康码|行程卡|通信大数据|health code|travel code", re.IGNORECASE)
RECAP_TITLE = {"zh": "回顾一下", "en": "Looking back"}
PAYMENT_APP = ["scan", "pay-receive", "transfer", "utilities", "top-up", "cards"]
PAYMENT_TABS = ["tab-home", "tab-bills", "tab-me"]


def lessons() -> list[Lesson]:
    loaded = []
    for path in LESSON_FILES:
        if path.name == "themes.yaml":
            continue
        lesson, problems = load_lesson(path)
        assert lesson is not None and not problems, problems
        loaded.append(lesson)
    return loaded


def common_password(digits: str) -> bool:
    """A six-digit password people really use, or that a thief tries first: one digit six times,
    a run up or down, a pair or three repeated, or something like a year or a date (yymmdd)."""
    steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
    if len(steps) == 1 and steps <= {-1, 0, 1}:
        return True
    if any(digits == digits[:size] * (6 // size) for size in (1, 2, 3)):
        return True
    month, day = int(digits[2:4]), int(digits[4:6])
    return digits[:2] in ("19", "20") or (1 <= month <= 12 and 1 <= day <= 31)


def practice_passwords(lesson: Lesson) -> list[str]:
    """What the learner types into a payment-password box, and any six digits the words call a
    practice password."""
    found = []
    for step in lesson.steps:
        fields = {c.id: c for c in step.screen.components if isinstance(c, TextField) and c.keypad == "password"}
        if step.expect.target in fields and step.expect.value:
            found.append(step.expect.value)
        for words in (step.say, step.hint, *(f.label for f in fields.values() if f.label)):
            for text in (words.zh, words.en):
                if re.search(r"练习密码|practice password", text, re.IGNORECASE):
                    found += re.findall(r"(?<!\d)\d{6}(?!\d)", text.replace(" ", "").replace("，", ""))
    return found


def payment_home_screens(lesson: Lesson) -> list[tuple[str, Screen]]:
    """The steps that show the payment app's home: titled 付款 with Scan in a grid of apps."""
    shown = []
    for step in lesson.steps:
        bar = step.screen.title_bar
        grids = [c for c in step.screen.components if c.type == "app_grid"]
        if bar and bar.title.zh == "付款" and any(app.id == "scan" for grid in grids for app in grid.apps):
            shown.append((step.id, step.screen))
    return shown


@pytest.mark.parametrize("path", [p for p in LESSON_FILES if p.name != "themes.yaml"], ids=lambda p: p.stem)
def test_no_lesson_speaks_of_the_retired_health_or_travel_code(path):
    """Health-code checks ended in December 2022; the travel code went offline on 13 Dec 2022."""
    assert not RETIRED.search(path.read_text(encoding="utf-8"))


def test_the_retired_code_rule_catches_them():
    assert RETIRED.search("请打开健康码") and RETIRED.search("Show your Health code") and RETIRED.search("行程卡")


def test_no_practice_password_is_one_people_really_use():
    found = {lesson.id: practice_passwords(lesson) for lesson in lessons()}
    paying = [lesson_id for lesson_id, passwords in found.items() if passwords]
    assert len(paying) >= 6  # the lessons that pay with a password are all looked at
    assert {lesson_id: pw for lesson_id, pw in found.items() if any(common_password(p) for p in pw)} == {}


@pytest.mark.parametrize(
    "digits", ["123456", "111111", "000000", "654321", "234567", "121212", "123123", "195806", "200101", "580312"]
)
def test_the_password_rule_catches_what_a_thief_tries_first(digits):
    assert common_password(digits)


@pytest.mark.parametrize("digits", ["739258", "604817", "582946", "926403", "471936", "815372"])
def test_the_password_rule_lets_an_unremarkable_one_pass(digits):
    assert not common_password(digits)


def test_every_lesson_ends_on_its_result_and_a_recap():
    wrong = {}
    for lesson in lessons():
        last = lesson.steps[-1]
        bar = last.screen.title_bar
        lists = [c for c in last.screen.components if isinstance(c, ListView)]
        problems = []
        if bar is None or {"zh": bar.title.zh, "en": bar.title.en} != RECAP_TITLE:
            problems.append("the last step is not titled 回顾一下 / Looking back")
        if sum(len(found.rows) for found in lists) < 2:
            problems.append("the recap names fewer than two things")
        if lesson.theme != "staying-safe" and (len(lesson.steps) < 2 or lesson.steps[-2].id != "result"):
            problems.append("the step before the recap is not the one showing the result (id: result)")
        if problems:
            wrong[lesson.id] = problems
    assert wrong == {}


def test_every_lesson_that_opens_the_payment_app_shows_the_same_one():
    shown = {(lesson.id, step_id): screen for lesson in lessons() for step_id, screen in payment_home_screens(lesson)}
    assert len({lesson_id for lesson_id, _ in shown}) >= 4
    different = {}
    for where, screen in shown.items():
        apps = [app.id for c in screen.components if c.type == "app_grid" for app in c.apps]
        tabs = [tab.id for c in screen.components if c.type == "tabs" for tab in c.tabs]
        if apps != PAYMENT_APP or tabs != PAYMENT_TABS:
            different[where] = (apps, tabs)
    assert different == {}


def test_paying_the_electricity_bill_is_under_paying():
    electricity = next(lesson for lesson in lessons() if lesson.id == "pay-electricity")
    assert electricity.theme == "paying"
    assert (COURSES / "paying" / "pay-electricity.yaml").exists()
