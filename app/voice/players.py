"""Play a rendered sentence so that it can be cut off at once, on every platform.

Linux plays with ALSA's `aplay` and macOS with `afplay` (which reads AIFF as well as WAV), each
a child process that is killed when a new sentence comes. Windows has no such command, so the
standard library's `winsound` plays there, asynchronously: it tells nobody when a sound ends,
so the end is the file's own length, and `PlaySound(None, 0)` stops it."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol

from app.voice.sound_files import SoundFileError, sound_stats

try:
    import winsound
except ImportError:  # every platform but Windows
    winsound = None  # type: ignore[assignment]

CHECK_TIMEOUT_S = 10.0


class PlayerError(RuntimeError):
    """The sound could not be played; the message says why."""


class Playback(Protocol):
    def wait(self) -> bool:
        """Block until the sound ends: True when it played to its end, False when it was
        stopped or the player failed."""
        ...

    def stop(self) -> None:
        """Cut the sound off now (from any thread)."""
        ...


class Player(Protocol):
    def start(self, path: Path) -> Playback:
        """Start playing `path` and return at once; raises PlayerError when it cannot start."""
        ...


class _ProcessPlayback:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    def wait(self) -> bool:
        return self._process.wait() == 0

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()


class CommandPlayer:
    """A player program given the file as its last argument: `aplay -q`, `afplay`."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)

    def start(self, path: Path) -> Playback:
        try:
            process = subprocess.Popen([*self.command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise PlayerError(f"cannot start the sound player {self.command[0]}: {error}") from error
        return _ProcessPlayback(process)


class _WinsoundPlayback:
    def __init__(self, sound: ModuleType, seconds: float) -> None:
        self._sound = sound
        self._seconds = seconds
        self._stopped = threading.Event()

    def wait(self) -> bool:
        return not self._stopped.wait(self._seconds)

    def stop(self) -> None:
        if not self._stopped.is_set():
            self._stopped.set()
            self._sound.PlaySound(None, 0)  # stops whatever winsound is playing


class WinsoundPlayer:
    """Windows: `winsound.PlaySound` with SND_ASYNC. `sound` is the winsound module (a stand-in
    with the same behaviour in tests on Linux)."""

    def __init__(self, sound: ModuleType | None = None) -> None:
        chosen = sound or winsound
        if chosen is None:
            raise PlayerError("winsound exists only on Windows")
        self._sound = chosen

    def start(self, path: Path) -> Playback:
        try:
            seconds, _ = sound_stats(path)
        except (OSError, SoundFileError) as error:
            raise PlayerError(f"cannot read {path.name}: {error}") from error
        flags = self._sound.SND_FILENAME | self._sound.SND_ASYNC | self._sound.SND_NODEFAULT
        try:
            self._sound.PlaySound(str(path), flags)
        except RuntimeError as error:  # winsound's "Failed to play sound": no device, or busy
            raise PlayerError(f"Windows could not play the sound: {error}") from error
        return _WinsoundPlayback(self._sound, seconds)


def plays_to_the_end(player: Player, path: Path, timeout: float = CHECK_TIMEOUT_S) -> str | None:
    """Play `path` once and wait for it: None when it played, else what went wrong. The
    start-up check plays a short silence this way to learn whether a sound device answers."""
    try:
        playback = player.start(path)
    except PlayerError as error:
        return str(error)
    result: list[bool] = []
    waiter = threading.Thread(target=lambda: result.append(playback.wait()), daemon=True)
    waiter.start()
    waiter.join(timeout)
    if waiter.is_alive():
        playback.stop()
        return f"the sound player did not finish a {path.name} in {timeout:.0f} s"
    return None if result and result[0] else "the sound player could not play (no sound device?)"
