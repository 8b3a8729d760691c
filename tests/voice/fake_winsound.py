"""The winsound module as Windows has it (there is no Windows here): `PlaySound` with
SND_ASYNC starts a sound and returns at once, `PlaySound(None, 0)` stops it, and with no
output device it raises RuntimeError("Failed to play sound"). It keeps what it was asked."""

from __future__ import annotations

import threading
from pathlib import Path

from app.voice.sound_files import sound_stats

SND_FILENAME = 0x20000
SND_ASYNC = 0x0001
SND_NODEFAULT = 0x0002


class FakeWinsound:
    SND_FILENAME = SND_FILENAME
    SND_ASYNC = SND_ASYNC
    SND_NODEFAULT = SND_NODEFAULT

    def __init__(self, *, device: bool = True, answer: threading.Event | None = None) -> None:
        self.device = device
        self.answer = answer  # when given, PlaySound waits for it: a slow device's first answer
        self.calls: list[tuple[str | None, int]] = []
        self.played: list[tuple[str, float]] = []

    def PlaySound(self, sound: str | None, flags: int) -> None:
        self.calls.append((sound, flags))
        if self.answer is not None:
            self.answer.wait(30)
        if sound is None:
            return
        if not self.device:
            raise RuntimeError("Failed to play sound")
        seconds, _ = sound_stats(Path(sound))
        self.played.append((sound, seconds))

    def stops(self) -> int:
        return sum(1 for sound, _ in self.calls if sound is None)
