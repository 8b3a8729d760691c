"""Two real kiosk windows enrolled at one real centre server, each with its own sync worker
running: a learner who signs up and starts a lesson on kiosk A finds their name on kiosk B,
sees the lesson at the step they reached, and carries on there."""

from __future__ import annotations

import pytest

from tests.sync.test_enrol import enrol_kiosk
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, open_lesson, play_steps, sign_up

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_a_learner_from_kiosk_a_signs_in_and_resumes_on_kiosk_b(qtbot, tmp_path, centre):
    enrol_kiosk(centre, tmp_path / "a")
    enrol_kiosk(centre, tmp_path / "b")
    kiosk_a, kiosk_b = open_kiosk(tmp_path / "a"), open_kiosk(tmp_path / "b")
    try:
        sign_up(kiosk_a, "王秀英", "1234")
        lesson = open_lesson(kiosk_a, kiosk_a.services.kiosk.catalogue.lessons[0].id)
        play_steps(kiosk_a, 3)
        kiosk_a.sign_out()
        kiosk_a.services.kiosk.centre.nudge()

        click(kiosk_b.welcome.start)
        assert kiosk_b.current() is kiosk_b.signin

        def name_on_b():
            kiosk_b.services.kiosk.centre.nudge()
            return [tile for tile in kiosk_b.signin.name_tiles() if tile.text().startswith("王秀英")]

        qtbot.waitUntil(lambda: bool(name_on_b()), timeout=30_000)  # shown without touching the screen
        click(name_on_b()[0])
        click(kiosk_b.signin.confirm.yes)  # "是您吗？" "是我"
        assert kiosk_b.current() is kiosk_b.catalogue
        resumed = f"学到第 4 步，共 {len(lesson.steps)} 步"
        # The step arrives with the statements, a moment after the name; the card then updates itself.
        qtbot.waitUntil(lambda: resumed in kiosk_b.catalogue.card(lesson.id).status.text(), timeout=30_000)
        open_lesson(kiosk_b, lesson.id)
        assert kiosk_b.player.run.step_index == 3
        play_steps(kiosk_b)
        assert kiosk_b.current() is kiosk_b.completion
        for kiosk in (kiosk_a, kiosk_b):
            kiosk.services.kiosk.centre.nudge()
            qtbot.waitUntil(lambda kiosk=kiosk: kiosk.services.kiosk.db.outbox.counts().waiting == 0, timeout=30_000)
            assert kiosk.services.kiosk.db.outbox.counts().set_aside == 0  # nothing collided
    finally:
        close_kiosk(kiosk_a)
        close_kiosk(kiosk_b)
