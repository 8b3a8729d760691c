"""Render a sentence to a WAV file with pyttsx3, and measure a WAV file.

Rendering runs inside the speech worker process (see `pyttsx3_speaker`), never in the GUI
process: pyttsx3's loop blocks and cannot be re-entered.
"""

from __future__ import annotations

import contextlib
import io
import math
import threading
import wave
from array import array
from pathlib import Path
from typing import Any

# Words per minute. pyttsx3's default is 200, too quick for many older listeners.
RATES = {False: 150, True: 105}
MIN_SECONDS_PER_CHAR = 0.01  # a render shorter than this per character is a failed render
FINISH_TIMEOUT_S = 30.0  # espeak-ng renders a long step in well under a second when idle


class SpeechError(RuntimeError):
    """Speech could not be made; the message says what to check."""


def choose_voice(engine: Any, lang: str) -> str | None:
    """The id of a voice for `lang` ("zh" Mandarin, "en" English) on any pyttsx3 driver."""
    wanted = ("cmn", "zh", "chinese", "mandarin") if lang == "zh" else ("en", "english")
    best: str | None = None
    for voice in engine.getProperty("voices"):
        vid = (voice.id or "").lower()
        name = (voice.name or "").lower()
        languages = " ".join(
            lang_code.decode(errors="ignore") if isinstance(lang_code, bytes) else str(lang_code)
            for lang_code in (voice.languages or [])
        ).lower()
        tail = vid.rsplit("/", 1)[-1]
        if lang == "zh" and (tail == "cmn" or "mandarin" in name):
            return voice.id
        if lang == "en" and tail in ("en", "en-gb", "en-us"):
            return voice.id
        if best is None and any(w in name or w in languages or tail.startswith(w) for w in wanted):
            best = voice.id
    return best


def wav_stats(path: Path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples); stdlib only, as audioop is deprecated."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.getnframes()
        rate = wav.getframerate()
        width = wav.getsampwidth()
        data = wav.readframes(frames)
    if width != 2 or not frames:
        return (frames / rate if rate else 0.0), 0.0
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return frames / rate, rms


def _looks_spoken(path: Path, text: str) -> bool:
    if not path.exists() or path.stat().st_size < 1000:
        return False
    try:
        seconds, rms = wav_stats(path)
    except (wave.Error, EOFError):
        return False
    return seconds >= MIN_SECONDS_PER_CHAR * len(text) and rms > 50


def render_to_wav(text: str, lang: str, slow: bool, path: Path, engine: Any = None) -> Path:
    """Write `text` spoken in `lang` to `path`. Checks the file really holds speech and tries
    once more if not (save_to_file has been seen to write nothing for some Chinese)."""
    # pyttsx3 only where a sentence is rendered (the speech worker process)
    import pyttsx3

    engine = engine or pyttsx3.init()
    voice = choose_voice(engine, lang)
    if voice is None:
        raise SpeechError(f"no {lang} voice is installed for the speech engine (on Linux: install espeak-ng)")
    engine.setProperty("voice", voice)
    engine.setProperty("rate", RATES[slow])
    path.parent.mkdir(parents=True, exist_ok=True)
    # pyttsx3 2.99's espeak driver returns from runAndWait as soon as espeak-ng's own thread
    # has *started*; the file is written when it reports "finished-utterance". On a busy
    # machine reading the file straight away finds nothing, so wait for that report.
    finished = threading.Event()
    token = engine.connect("finished-utterance", lambda **_: finished.set())
    try:
        for _attempt in range(2):
            partial = path.with_suffix(".part.wav")
            partial.unlink(missing_ok=True)
            finished.clear()
            with contextlib.redirect_stdout(io.StringIO()):  # the espeak driver prints "Audio saved"
                engine.save_to_file(text, str(partial))
                engine.runAndWait()
                finished.wait(FINISH_TIMEOUT_S)
            if _looks_spoken(partial, text):
                partial.replace(path)
                return path
            partial.unlink(missing_ok=True)
    finally:
        engine.disconnect(token)
    raise SpeechError(f"the speech engine wrote no sound for: {text[:40]}")
