"""Captions only: used when there is no speech engine or no sound device. Never raises."""

from __future__ import annotations

import itertools

from app.voice.speaker import Listener, SpeechEvent, SpeechState, Unavailable


class SilentSpeaker:
    def __init__(self, reason: Unavailable) -> None:
        self._reason = reason
        self._ids = itertools.count(1)
        self._listeners: list[Listener] = []

    @property
    def available(self) -> bool:
        return False

    @property
    def unavailable_reason(self) -> Unavailable:
        return self._reason

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        request_id = next(self._ids)
        for listener in self._listeners:
            listener(SpeechEvent(request_id, SpeechState.FINISHED, "captions only"))
        return request_id

    def stop(self) -> None:
        return None

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        return None
