"""Pick the speaker this machine can support, quickly and without ever raising."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.voice.platforms import SpeechPlatform, engine_missing, sound_device_missing, speech_platform
from app.voice.speaker import Speaker, Unavailable

log = logging.getLogger("silversteps.voice")


def unavailable_reason(mode: str | None = None, speech: SpeechPlatform | None = None) -> Unavailable | None:
    """Why there can be no voice, from a quick look (the speaker's start-up check has the
    last word): switched off, no engine for this platform, or no sound device."""
    mode = (mode or os.environ.get("SILVERSTEPS_SPEECH", "auto")).lower()
    if mode == "off":
        return Unavailable.TURNED_OFF
    speech = speech or speech_platform()
    if engine_missing(speech):
        return Unavailable.NO_ENGINE
    if sound_device_missing(speech.system):
        return Unavailable.NO_SOUND_DEVICE
    return None


def make_speaker(cache_dir: Path, *, mode: str | None = None) -> Speaker:
    # the engine's module only when speech is on: pyttsx3 starts a worker process
    from app.voice.silent import SilentSpeaker

    reason = unavailable_reason(mode)
    if reason is not None:
        log.info("speech is off (%s): captions only", reason.value)
        return SilentSpeaker(reason)
    try:
        # the engine's module only when speech is on: pyttsx3 starts a worker process
        from app.voice.pyttsx3_speaker import Pyttsx3Speaker

        return Pyttsx3Speaker(cache_dir)
    except Exception:  # never let speech stop the kiosk
        log.exception("could not start speech; captions only")
        return SilentSpeaker(Unavailable.NO_ENGINE)
