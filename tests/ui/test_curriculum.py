"""Every step of every lesson in courses/, in both languages at 150 % text, on the real phone
widget: the expected target is there, fully visible inside the phone's screen (after the
scroll a learner would make), at least 60 x 60 px, and nothing on the screen breaks the
senior-friendly numbers. Lessons are discovered, so a new lesson is checked without a new
test. The robot plays each lesson in tests/ui/test_kiosk_flow.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.course_base import MAX_SENTENCE_CHARS
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.ui.icons import IconLibrary
from app.ui.phone import PhoneWidget
from app.ui.preview import StepCard, render_lesson
from app.ui.theme import Theme
from tests.support.a11y import audit, format_violations

pytestmark = pytest.mark.gui
CATALOGUE = load_courses([courses_dir()])
LESSONS = {lesson.id: lesson for lesson in CATALOGUE.lessons}
ROOT = Path(__file__).resolve().parents[2]


def test_the_curriculum_is_complete_and_valid():
    assert CATALOGUE.problems == []
    themes = {lesson.theme for lesson in CATALOGUE.lessons}
    assert len(CATALOGUE.lessons) >= 24 and len(themes) >= 8, (len(CATALOGUE.lessons), sorted(themes))
    for lesson in CATALOGUE.lessons:
        assert len(lesson.steps) >= 6, lesson.id
        for step in lesson.steps:
            for text in (step.say, step.hint, step.tip):
                for lang in ("zh", "en") if text else ():
                    assert all(len(s) <= MAX_SENTENCE_CHARS for s in text.sentences(lang)), (lesson.id, step.id)


@pytest.fixture(scope="module")
def phone():
    theme = Theme(1.5)
    QApplication.instance().setStyleSheet(theme.stylesheet())
    widget = PhoneWidget(theme, IconLibrary())
    widget.show()
    yield widget
    widget.close()
    QApplication.instance().setStyleSheet("")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_every_step_shows_its_target_and_meets_the_numbers(phone, lesson_id, lang):
    phone.set_lang(lang)
    failures = []
    for number, step in enumerate(LESSONS[lesson_id].steps, start=1):
        phone.show_screen(step.screen)
        QTest.qWait(1)
        where = f"step {number} ({step.id})"
        target = phone.target_widget(step.expect.target)
        if target is None:
            failures.append(f"{where}: no target {step.expect.target!r}")
            continue
        phone.ensure_visible(step.expect.target)
        QApplication.processEvents()
        rect = QRect(target.mapTo(phone, QPoint(0, 0)), target.size())
        shown = target.visibleRegion().boundingRect()
        if not phone.screen_rect().contains(rect) or shown.size() != target.size():
            failures.append(f"{where}: target {step.expect.target!r} is not wholly in view ({shown} of {rect})")
        if min(target.width(), target.height()) < 60:
            failures.append(f"{where}: target {step.expect.target!r} is {target.width()}x{target.height()} px")
        violations = audit(phone, scale=1.5)
        if violations:
            failures.append(f"{where}:\n{format_violations(violations)}")
    assert not failures, "\n".join(failures)


def test_the_gallery_command_renders_every_step_with_an_index(tmp_path):
    lesson_file = courses_dir() / "paying" / "pay-shop-qr.yaml"
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / lesson_file.name).write_text(lesson_file.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "gallery"
    done = subprocess.run(
        [sys.executable, "-m", "app", "courses", "gallery", str(folder), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    steps = len(LESSONS["pay-shop-qr"].steps)
    pictures = sorted(out.glob("*.png"))
    assert len(pictures) == 2 * steps
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f"src='{picture.name}'" in index for picture in pictures)
    assert "扫码付钱给店家" in index and f"{steps} steps" in index


def test_the_gallery_draws_the_phone_the_learner_sees(tmp_path):
    """A grid keeps its columns in the gallery as on the kiosk: at the largest text, the
    payment app's six apps stand three in a row, so "Utility bills" opens the second row."""
    lesson = LESSONS["pay-electricity"]
    shots = render_lesson(lesson, tmp_path, langs=("zh",), scales=(1.5,))
    assert len(shots) == len(lesson.steps)
    card = StepCard(Theme(1.5), IconLibrary())
    card.show()
    try:
        index = next(i for i, step in enumerate(lesson.steps) if step.expect.target == "utilities")
        card.show_step(lesson, index, "zh")
        scan, utilities = (card.phone.target_widget(name) for name in ("scan", "utilities"))
        transfer = card.phone.target_widget("transfer")
        assert utilities.mapTo(card, QPoint(0, 0)).x() == scan.mapTo(card, QPoint(0, 0)).x()
        assert transfer.mapTo(card, QPoint(0, 0)).y() == scan.mapTo(card, QPoint(0, 0)).y()
    finally:
        card.close()
