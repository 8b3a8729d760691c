"""Pick the speaker this machine can support, quickly and without ever raising."""

from __future__ import annotations

import ctypes.util
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.voice.speaker import Speaker, Unavailable

log = logging.getLogger("silversteps.voice")


def engine_missing() -> bool:
    if importlib.util.find_spec("pyttsx3") is None:
        return True
    if sys.platform.startswith("linux"):
        return not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak"))
    return False


def sound_device_missing() -> bool:
    """On Linux, `aplay -l` lists sound cards; no aplay or no card means no sound."""
    if not sys.platform.startswith("linux"):
        return False
    aplay = shutil.which("aplay")
    if aplay is None:
        return True
    try:
        result = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        return True
    listing = result.stdout + result.stderr
    return result.returncode != 0 or "no soundcards" in listing or "card " not in listing


def unavailable_reason(mode: str | None = None) -> Unavailable | None:
    mode = (mode or os.environ.get("SILVERSTEPS_SPEECH", "auto")).lower()
    if mode == "off":
        return Unavailable.TURNED_OFF
    if engine_missing():
        return Unavailable.NO_ENGINE
    if sound_device_missing():
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
