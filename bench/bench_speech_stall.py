"""Longest GUI-thread stall while speaking: a 1 ms timer on the GUI thread records its gaps,
first with the kiosk idle, then while the real speech worker renders and a player "plays"
(no sound card here: the player sleeps for the WAV's length). Target: at most 20 ms."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, use_kiosk_screen

use_kiosk_screen()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.voice.players import CommandPlayer  # noqa: E402
from app.voice.pyttsx3_speaker import Pyttsx3Speaker  # noqa: E402
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, sign_up  # noqa: E402

SECONDS = 6.0


def longest_gap(app: QApplication, seconds: float, during=None) -> float:
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    timer.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if during:
            during()
        app.processEvents()
    timer.stop()
    return max(gaps) * 1000


def main() -> None:
    from app.ui.kiosk import make_application

    app = make_application()
    data = Path(tempfile.mkdtemp(prefix="silversteps-bench-speech-"))
    os.environ["FAKE_PLAYER_LOG"] = str(data / "player.log")
    window = open_kiosk(data)
    player = CommandPlayer([sys.executable, str(ROOT / "tests" / "voice" / "fake_player.py")])
    speaker = Pyttsx3Speaker(data / "speech-cache", player=player)
    window.services.kiosk.speaker = speaker
    window.player._services.speaker = speaker
    try:
        sign_up(window, "王秀英")
        open_lesson(window, window.services.kiosk.catalogue.lessons[0].id)
        longest_gap(app, 1.0)  # let the lesson settle: the next step's screen is built ahead
        idle = longest_gap(app, SECONDS)
        next_say = [0.0]

        def keep_talking() -> None:  # "Say it again" every 400 ms: render, play, cut off
            if time.perf_counter() >= next_say[0]:
                window.player.say_again.click()
                window.player.slower.click()
                next_say[0] = time.perf_counter() + 0.4

        speaking = longest_gap(app, SECONDS, keep_talking)
    finally:
        speaker.close()
        close_kiosk(window)
    print(
        f"longest GUI-thread gap over {SECONDS:.0f} s: idle {idle:.1f} ms, while speaking {speaking:.1f} ms "
        f"(target <= 20 ms); ratio speaking / idle = {speaking / idle:.2f}"
    )


if __name__ == "__main__":
    main()
