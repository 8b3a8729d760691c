"""The Speaker interface the screens talk to. Engines live beside it; none blocks the caller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class SpeechState(StrEnum):
    STARTED = "started"
    FINISHED = "finished"
    CUT_OFF = "cut_off"
    FAILED = "failed"


class Unavailable(StrEnum):
    """Why there is no voice; the screen turns this into words a tutor understands."""

    NO_ENGINE = "no_engine"  # no text-to-speech engine or voice for the language
    NO_SOUND_DEVICE = "no_sound_device"  # an engine, but no sound card or speaker
    TURNED_OFF = "turned_off"  # speech switched off in settings or by SILVERSTEPS_SPEECH=off


@dataclass(frozen=True)
class SpeechEvent:
    """Reported from a worker thread; a GUI must hop to its own thread before touching widgets."""

    request_id: int
    state: SpeechState
    detail: str = ""


Listener = Callable[[SpeechEvent], None]


class Speaker(Protocol):
    """Says one sentence at a time; a new `say` cuts off the one before it.

    `available` is False when there is no engine or no sound device: `unavailable_reason` then
    says why, `say` still returns an id and reports FINISHED at once, and captions carry the
    lesson. A Speaker never raises from `say` or `stop`.
    """

    @property
    def available(self) -> bool: ...

    @property
    def unavailable_reason(self) -> Unavailable | None: ...

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        """Queue `text` (cutting off whatever is playing); returns a request id at once."""
        ...

    def stop(self) -> None:
        """Stop speaking now."""
        ...

    def add_listener(self, listener: Listener) -> None: ...

    def close(self) -> None:
        """Stop the worker; called once when the program exits."""
        ...
