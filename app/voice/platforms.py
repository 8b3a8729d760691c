"""What speech means on each platform the kiosk runs on: which pyttsx3 driver renders, what
kind of file it writes, whether its render blocks, and which player plays the file.

Found by reading pyttsx3 2.99's drivers:
- espeak (Linux) writes WAV, and `runAndWait` returns as soon as espeak-ng's thread has
  *started*: the file is complete only at "finished-utterance", so the render waits for it;
- sapi5 (Windows) writes WAV through a blocking `Speak` inside `runAndWait`, and never reports
  "finished-utterance" for a file: waiting for it would cost the whole time-out every sentence;
- nsss (macOS) writes AIFF whatever the file's name, and reports "finished-utterance" before
  `runAndWait` returns."""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import shutil
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum

from app.voice.players import CommandPlayer, Player, WinsoundPlayer


class System(StrEnum):
    LINUX = "linux"
    WINDOWS = "windows"
    MACOS = "macos"


@dataclass(frozen=True)
class SpeechPlatform:
    system: System
    driver: str  # pyttsx3's driver module
    sound_suffix: str  # the kind of file the driver writes
    render_blocks: bool  # the file is whole when runAndWait returns; no "finished" to wait for
    modules: tuple[str, ...]  # what the driver imports; missing means no engine


PLATFORMS = {
    System.LINUX: SpeechPlatform(System.LINUX, "espeak", ".wav", render_blocks=False, modules=("pyttsx3",)),
    System.WINDOWS: SpeechPlatform(
        System.WINDOWS, "sapi5", ".wav", render_blocks=True, modules=("pyttsx3", "comtypes", "pythoncom")
    ),
    System.MACOS: SpeechPlatform(System.MACOS, "nsss", ".aiff", render_blocks=False, modules=("pyttsx3", "objc")),
}


def system_of(platform: str | None = None) -> System:
    """`sys.platform` as one of the three; the other Unixes speak as Linux does (espeak-ng)."""
    platform = platform or sys.platform
    if platform == "win32":
        return System.WINDOWS
    if platform == "darwin":
        return System.MACOS
    return System.LINUX


def speech_platform(platform: str | None = None) -> SpeechPlatform:
    return PLATFORMS[system_of(platform)]


def make_player(system: System) -> Player:
    if system is System.WINDOWS:
        return WinsoundPlayer()
    if system is System.MACOS:
        return CommandPlayer(("afplay",))
    return CommandPlayer(("aplay", "-q"))


def engine_missing(speech: SpeechPlatform) -> bool:
    """A quick look before starting the speech worker; the start-up check has the last word."""
    if any(importlib.util.find_spec(module) is None for module in speech.modules):
        return True
    if speech.system is System.LINUX:
        return not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak"))
    return False


def sound_device_missing(system: System) -> bool:
    """Linux: `aplay -l` lists the sound cards. Windows: winmm counts the wave-out devices.
    macOS always has its built-in output; the start-up check catches the rest."""
    if system is System.LINUX:
        return _no_alsa_card()
    if system is System.WINDOWS:
        return _windows_output_devices() == 0
    return False


def _no_alsa_card() -> bool:
    aplay = shutil.which("aplay")
    if aplay is None:
        return True
    try:
        result = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        return True
    listing = result.stdout + result.stderr
    return result.returncode != 0 or "no soundcards" in listing or "card " not in listing


def _windows_output_devices() -> int:
    """waveOutGetNumDevs, the platform's own count; unknown (-1) when winmm cannot be asked."""
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return -1
    try:
        return int(windll.winmm.waveOutGetNumDevs())
    except (OSError, AttributeError):
        return -1
