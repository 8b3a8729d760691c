"""A speaker as on a PC with a sound card: CI has none (and nothing is heard here), but the
kiosk must be laid out as a learner with sound sees it, "Say it again" and "Slower" included.
It keeps what it was asked to say, so a test can read it. The captions-only speaker does the
rest (every sentence finishes at once)."""

from __future__ import annotations

from app.voice.silent import SilentSpeaker
from app.voice.speaker import Unavailable


class SoundCardSpeaker(SilentSpeaker):
    def __init__(self) -> None:
        super().__init__(Unavailable.NO_SOUND_DEVICE)  # (never reported: available below)
        self.said: list[tuple[str, str, bool]] = []  # (text, lang, slow)

    @property
    def available(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> None:
        return None

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        self.said.append((text, lang, slow))
        return super().say(text, lang, slow=slow)
