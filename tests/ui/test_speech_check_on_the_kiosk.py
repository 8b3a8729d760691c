"""The speaker's start-up check on the kiosk: on a Windows PC (faked here) whose sound device
does not answer, a learner who already opened a lesson sees the speech buttons go and the
"this computer cannot speak" notice come at the next step, and staff read why on the
welcome screen. The engine and winsound are stand-ins that behave as Windows' do."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtTest import QTest

from app.ui.learner.texts import TEXTS
from app.voice.platforms import PLATFORMS, System
from app.voice.players import WinsoundPlayer
from app.voice.pyttsx3_speaker import Pyttsx3Speaker
from app.voice.speaker import Unavailable
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, play_steps, sign_up
from tests.voice import fake_engines
from tests.voice.fake_winsound import FakeWinsound

pytestmark = [pytest.mark.gui, pytest.mark.slow]
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"


def test_a_sound_device_that_fails_the_check_shows_the_notice_mid_lesson(tmp_path):
    answer = threading.Event()  # the device answers the check only when the test says
    speakers: list[Pyttsx3Speaker] = []

    def windows_without_sound(services) -> None:
        speaker = Pyttsx3Speaker(
            tmp_path / "speech-cache",
            speech=PLATFORMS[System.WINDOWS],
            player=WinsoundPlayer(FakeWinsound(device=False, answer=answer)),
            make_engine=fake_engines.sapi5,
        )
        speakers.append(speaker)
        services.kiosk.speaker = speaker

    window = open_kiosk(tmp_path, prepare=windows_without_sound)
    player = window.player
    try:
        sign_up(window, "王秀英")
        open_lesson(window, window.services.kiosk.catalogue.lessons[0].id)
        assert player.say_again.isVisible() and not player.sound_note.isVisible()  # not known yet
        answer.set()
        assert speakers[0].checked.wait(30)
        assert speakers[0].unavailable_reason is Unavailable.NO_SOUND_DEVICE
        play_steps(window, 1)
        assert not player.say_again.isVisible() and not player.slower.isVisible()
        assert player.sound_note.isVisible() and player.help.isVisible()
        assert player.sound_note.plain_text() == TEXTS["sound_off_learner"]["zh"]
        QTest.qWait(100)
        assert player.help.width() > 1.9 * player.back_step.width()  # Help takes the speech buttons' row
        SCREENS_DIR.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SCREENS_DIR / "player-sound-lost-mid-lesson.png"))
        window.sign_out()
        assert TEXTS["sound_no_device"]["zh"] in window.welcome.status_text()
    finally:
        close_kiosk(window)
