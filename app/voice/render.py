"""Render a sentence to a sound file with pyttsx3, on each platform's driver.

Rendering runs inside the speech worker process (see `pyttsx3_speaker`), never in the GUI
process: pyttsx3's loop blocks and cannot be re-entered.
"""

from __future__ import annotations

import contextlib
import io
import struct
import threading
from pathlib import Path
from typing import Any

from app.voice.sound_files import SoundFileError, sound_stats

# Words per minute. pyttsx3's default is 200, too quick for many older listeners.
RATES = {False: 150, True: 105}
MIN_SECONDS_PER_CHAR = 0.01  # a render shorter than this per character is a failed render
FINISH_TIMEOUT_S = 30.0  # espeak-ng renders a long step in well under a second when idle
MANDARIN = ("cmn", "zh-cn", "zh_cn")
ENGLISH = ("en", "en-gb", "en_gb", "en-us", "en_us")


class SpeechError(RuntimeError):
    """Speech could not be made; the message says what to check."""


def choose_voice(engine: Any, lang: str) -> str | None:
    """The id of a voice for `lang` ("zh" Mandarin, "en" English) on every pyttsx3 driver:
    espeak-ng's ids end in the language ("sit/cmn"), SAPI5's voices carry a locale ("zh-CN",
    Microsoft Huihui) and NSSS's "zh_CN" (Ting-Ting). Mainland Mandarin first; Taiwan's and Hong
    Kong's voices (zh-TW, zh-HK, which speaks Cantonese) only when there is no other."""
    exact = MANDARIN if lang == "zh" else ENGLISH
    near = ("zh", "chinese", "mandarin") if lang == "zh" else ("en", "english")
    best: str | None = None
    for voice in engine.getProperty("voices"):
        tail = (voice.id or "").lower().replace("\\", "/").rsplit("/", 1)[-1]
        name = (voice.name or "").lower()
        languages = [_language(code) for code in (voice.languages or [])]
        simplified = lang == "zh" and "chinese (simplified)" in name
        if tail in exact or any(code in exact for code in languages) or simplified:
            return voice.id
        if best is None and any(
            word in name or tail.startswith(word) or any(code.startswith(word) for code in languages) for word in near
        ):
            best = voice.id
    return best


def _language(code: object) -> str:
    text = code.decode(errors="ignore") if isinstance(code, bytes) else str(code)
    return text.lower().lstrip("\x05")  # older espeak drivers put a priority byte first


def looks_spoken(path: Path, text: str) -> bool:
    """The file holds sound as long as the text needs, not silence or a stub."""
    if not path.exists() or path.stat().st_size < 1000:
        return False
    try:
        seconds, rms = sound_stats(path)
    except (SoundFileError, OSError, struct.error):
        return False
    return seconds >= MIN_SECONDS_PER_CHAR * len(text) and rms > 50


def render_to_wav(
    text: str,
    lang: str,
    slow: bool,
    path: Path,
    engine: Any = None,
    *,
    render_blocks: bool = False,
    finish_timeout: float = FINISH_TIMEOUT_S,
) -> Path:
    """Write `text` spoken in `lang` to `path` (WAV, or AIFF where the driver writes AIFF).
    Checks the file really holds speech and tries once more if not (save_to_file has been seen
    to write nothing for some Chinese). `render_blocks`: the driver's runAndWait returns with
    the file whole and never reports "finished-utterance" (SAPI5), so it is not waited for."""
    # pyttsx3 only where a sentence is rendered (the speech worker process)
    import pyttsx3

    engine = engine or pyttsx3.init()
    voice = choose_voice(engine, lang)
    if voice is None:
        raise SpeechError(f"no {lang} voice is installed for the speech engine")
    engine.setProperty("voice", voice)
    engine.setProperty("rate", RATES[slow])
    path.parent.mkdir(parents=True, exist_ok=True)
    # pyttsx3 2.99's espeak driver returns from runAndWait as soon as espeak-ng's own thread
    # has *started*; the file is written when it reports "finished-utterance". On a busy
    # machine reading the file straight away finds nothing, so wait for that report there.
    finished = threading.Event()
    token = engine.connect("finished-utterance", lambda **_: finished.set())
    try:
        for _attempt in range(2):
            partial = path.with_name(f"{path.stem}.part{path.suffix}")
            partial.unlink(missing_ok=True)
            finished.clear()
            with contextlib.redirect_stdout(io.StringIO()):  # the espeak driver prints "Audio saved"
                engine.save_to_file(text, str(partial))
                engine.runAndWait()
                if not render_blocks:
                    finished.wait(finish_timeout)
            if looks_spoken(partial, text):
                partial.replace(path)
                return path
            partial.unlink(missing_ok=True)
    finally:
        engine.disconnect(token)
    raise SpeechError(f"the speech engine wrote no sound for: {text[:40]}")
