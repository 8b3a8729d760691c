"""A learner coming back, with real touch events: "接着学" first with where she was, carrying on
or starting the lesson again from its first step; done, half-done and new lessons told apart
by sign, words and colour; the lessons of a class on now first. Pictures under build/screens/."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.class_sessions import ClassSession
from tests.ui import touch
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, play_steps, sign_in, sign_up

pytestmark = pytest.mark.gui

SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"


def settle() -> None:
    QApplication.processEvents()
    touch.QTest.qWait(100)


def save(window, name: str) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENS_DIR / f"{name}.png"))


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.0), ("en", 1.5)])
def test_coming_back_carry_on_first_with_a_recap_or_start_again(tmp_path, lang, scale):
    window = open_kiosk(tmp_path, lang=lang)
    try:
        sign_up(window, "李建国", "5678")
        window.state.set_scale(scale)
        lessons = window.services.kiosk.catalogue.lessons
        done, half = lessons[0], lessons[1]
        open_lesson(window, done.id)
        play_steps(window)  # the whole lesson
        window.show_catalogue()
        open_lesson(window, half.id)
        play_steps(window, 2)
        window.sign_out()

        sign_in(window, "李建国")
        settle()
        catalogue = window.catalogue
        carry = catalogue.carry_on
        assert carry is not None and carry.lesson.id == half.id
        assert carry.isVisible()
        # first on the page: above every theme
        first_heading = min(
            h.mapTo(catalogue.page_box, h.rect().topLeft()).y() for h in catalogue.theme_headings.values()
        )
        assert carry.mapTo(catalogue.page_box, carry.rect().topLeft()).y() < first_heading
        assert half.title[lang] in carry.title.plain_text()
        assert half.steps[2].say[lang] in carry.recap.plain_text()  # where she was, in words
        assert "3" in carry.recap.plain_text()
        assert carry.height() >= carry.heightForWidth(carry.width())  # nothing squeezed
        for button in (carry.resume, carry.restart):
            assert carry.rect().contains(button.geometry()), button.objectName()
        save(window, f"resume-{lang}-{int(scale * 100)}")

        statuses = {card.lesson.id: (card.property("status"), card.status.plain_text()) for card in catalogue.cards}
        assert statuses[done.id][0] == "done" and statuses[done.id][1].startswith("✓")
        assert statuses[half.id][0] == "in_progress" and statuses[half.id][1].startswith("▶")
        assert statuses[lessons[2].id][0] == "new" and statuses[lessons[2].id][1].startswith("☆")

        touch.tap(carry.resume)
        settle()
        assert window.current() is window.player and window.player.run.step_index == 2
        touch.tap(window.player.later)
        settle()
        touch.tap(window.catalogue.carry_on.restart)
        settle()
        assert window.current() is window.player and window.player.run.step_index == 0
        progress = window.services.kiosk.db.progress.get(window.state.learner.id, half.id)
        assert progress.current_step == 0  # a crash now would reopen the first step too
        touch.tap(window.player.later)
        settle()
        assert window.catalogue.carry_on is None  # back at the start: nothing half done
    finally:
        close_kiosk(window)


def test_the_lessons_of_a_class_on_now_come_first(tmp_path):
    now = datetime.now()
    if now.hour == 23 and now.minute >= 55:
        pytest.skip("a session cannot run past midnight")
    window = open_kiosk(tmp_path)
    try:
        lessons = window.services.kiosk.catalogue.lessons
        focus = (lessons[-1].id, lessons[-3].id)  # the scam rehearsals, at the catalogue's end
        start = max(now.replace(hour=0, minute=0), now - timedelta(minutes=5))
        session = ClassSession.new(
            "防范诈骗",
            now.date(),
            start.time(),
            (now + timedelta(minutes=60)).time() if now.hour < 23 else now.replace(hour=23, minute=59).time(),
            "",
            "张老师",
            focus,
        )
        window.services.kiosk.classroom.save(session)
        sign_up(window, "王秀英")
        settle()  # the catalogue laid out and drawn, as she sees it before her tap
        catalogue = window.catalogue
        assert [card.lesson.id for card in catalogue.cards[:2]] == list(focus)
        section = catalogue.grid_box.findChild(type(next(iter(catalogue.theme_headings.values()))), "class-today")
        assert section is not None and section.plain_text() == "今天课上学的"
        touch.tap(catalogue.cards[0])
        settle()
        assert window.current() is window.player and window.player.run.lesson.id == focus[0]
    finally:
        close_kiosk(window)
