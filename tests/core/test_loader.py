"""Lesson files: every bundled lesson validates; every broken one gets one clear file:line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from app.core.course import lesson_schema
from app.core.loader import FastLoader, lesson_files, load_courses, load_lesson
from app.core.resources import courses_dir

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad_lessons"
LESSON_FILES = lesson_files([courses_dir()])


def test_there_are_lessons():
    assert len(LESSON_FILES) >= 3


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_bundled_lesson_is_valid_and_complete(path):
    lesson, problems = load_lesson(path)
    assert problems == [], "\n".join(map(str, problems))
    assert len(lesson.steps) >= 6
    for step in lesson.steps:
        for text in (step.say, step.hint, *([step.tip] if step.tip else [])):
            assert text.zh.strip() and text.en.strip()
            assert all(len(s) < 200 for lang in ("zh", "en") for s in text.sentences(lang))
    assert len({step.id for step in lesson.steps}) == len(lesson.steps)


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("bad-yaml.yaml", 4, "not valid YAML"),
        ("unknown-component.yaml", 29, "unknown component type 'hologram'"),
        ("missing-target.yaml", 53, "target 'wether' is not on this screen"),
        ("missing-translation.yaml", 8, "title.en: 'en' is missing"),
        ("unknown-icon.yaml", 6, "no icon named 'telephone'"),
    ],
)
def test_each_broken_lesson_gets_one_message_with_its_line(name, line, words):
    lesson, problems = load_lesson(BAD / name)
    assert lesson is None
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert words in problems[0].message
    assert str(problems[0]).startswith(f"{BAD / name}:{line}: ")


def test_good_lessons_still_load_beside_broken_ones():
    catalogue = load_courses([courses_dir(), BAD])
    good_ids = {lesson.id for lesson in load_courses([courses_dir()]).lessons}
    assert {lesson.id for lesson in catalogue.lessons} == good_ids
    assert len(catalogue.problems) == 6
    assert any("is already used by" in p.message for p in catalogue.problems)


def test_validate_command_prints_file_line_messages_and_exits_1():
    result = subprocess.run(
        [sys.executable, "-m", "app", "courses", "validate", str(BAD)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 5 and all(line.startswith(str(BAD)) for line in lines)
    # the words of position are checked on the phone as drawn in tests/ui/test_hint_positions.py
    good = subprocess.run(
        [sys.executable, "-m", "app", "courses", "validate", "--no-positions"], capture_output=True, text=True, cwd=ROOT
    )
    assert good.returncode == 0, good.stderr
    assert "0 problems" in good.stdout


def test_schema_command_prints_the_json_schema():
    result = subprocess.run(
        [sys.executable, "-m", "app", "courses", "schema"], capture_output=True, text=True, cwd=ROOT
    )
    schema = json.loads(result.stdout)
    assert schema == json.loads(json.dumps(lesson_schema()))
    assert {"id", "version", "title", "steps"} <= set(schema["properties"])
    assert "lock_screen" in json.dumps(schema)


def test_themes_file_orders_the_catalogue_and_unlisted_themes_are_reported(tmp_path):
    source = courses_dir()
    for name in ("paying/pay-shop-qr.yaml", "phone-basics/unlock-and-open-app.yaml"):
        (tmp_path / Path(name).name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "themes.yaml").write_text("- {id: paying, title: {zh: 手机付款, en: Paying by phone}}\n")
    catalogue = load_courses([tmp_path])
    assert [theme.id for theme in catalogue.themes] == ["paying", "phone-basics"]
    assert [lesson.id for lesson in catalogue.lessons] == ["pay-shop-qr", "unlock-and-open-app"]
    assert catalogue.themes[0].title["en"] == "Paying by phone"
    assert len(catalogue.problems) == 1 and "phone-basics" in str(catalogue.problems[0])
    assert str(catalogue.problems[0]).startswith(f"{tmp_path / 'themes.yaml'}:1:")


def test_every_bundled_theme_has_titles():
    catalogue = load_courses([courses_dir()])
    listed = {theme.id for theme in catalogue.themes}
    assert {lesson.theme for lesson in catalogue.lessons} <= listed
    assert not [p for p in catalogue.problems if "themes.yaml" in str(p.path)]


def test_a_bare_on_key_is_the_word_on_not_a_boolean(tmp_path):
    """YAML 1.1 reads `on:` as true; a tutor writing a toggle must not have to know that."""
    lesson = """
id: toggle-demo
version: 1
theme: phone-basics
icon: settings
minutes: 2
title: {zh: 开关, en: A switch}
summary: {zh: 打开开关。, en: Turn a switch on.}
goals: [{zh: 打开开关, en: Turn a switch on}]
steps:
  - id: flip
    say: {zh: 请点“长辈模式”。, en: Tap “Elder mode”.}
    hint: {zh: 在最上面。, en: It is at the top.}
    screen:
      components:
        - type: toggle
          id: elder
          label: {zh: 长辈模式, en: Elder mode}
          on: true
    expect: {action: tap, target: elder}
"""
    path = tmp_path / "toggle-demo.yaml"
    path.write_text(lesson, encoding="utf-8")
    loaded, problems = load_lesson(path)
    assert problems == [] and loaded.steps[0].screen.components[0].on is True


def test_english_lesson_text_uses_straight_quotes():
    """The kiosk's CJK font draws curly quotes full-width, leaving gaps in English sentences.
    Read as YAML, not line by line: a line may hold a Chinese text after an English one."""

    def english_texts(node: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "en" and isinstance(value, str):
                    yield where, value
                else:
                    yield from english_texts(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from english_texts(item, f"{where}[{index}]")

    curly = set("“”‘’")
    found = [
        f"{path.name}: {where}: {text}"
        for path in sorted(courses_dir().rglob("*.yaml"))
        for where, text in english_texts(yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader), "")
        if curly & set(text)
    ]
    assert found == [], "use straight quotes in English text"


def test_a_payment_password_of_other_than_six_digits_is_reported_at_its_line(tmp_path):
    """Six boxes send on the sixth digit: a shorter password would never be sent."""
    source = (courses_dir() / "shopping" / "order-groceries.yaml").read_text(encoding="utf-8")
    assert 'target: password, value: "926403"' in source
    path = tmp_path / "short-password.yaml"
    path.write_text(source.replace('target: password, value: "926403"', 'target: password, value: "1234"'), "utf-8")
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if 'value: "1234"}' in text)
    lesson, problems = load_lesson(path)
    assert lesson is None
    assert len(problems) == 1 and problems[0].line == line
    assert problems[0].message.startswith("steps[") and problems[0].message.endswith(
        ".expect.value: a payment password is 6 digits (its six boxes send on the last one)"
    )
