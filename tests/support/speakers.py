"""A speaker as on a PC with a sound card: CI has none (and nothing is heard here), but the
kiosk must be laid out as a learner with sound sees it, "Say it again" and "Slower" included.
It keeps what it was asked to say, so a test can read it."""

from __future__ import annotations

import itertools

from app.voice.speaker import Listener, SpeechEvent, SpeechState


class SoundCardSpeaker:
    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self._listeners: list[Listener] = []
        self.said: list[tuple[str, str, bool]] = []  # (text, lang, slow)

    @property
    def available(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> None:
        return None

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        request_id = next(self._ids)
        self.said.append((text, lang, slow))
        for listener in self._listeners:
            listener(SpeechEvent(request_id, SpeechState.FINISHED, "no sound card here"))
        return request_id

    def stop(self) -> None:
        return None

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        return None
