"""Stand-ins for the pyttsx3 engines of the platforms this machine is not (no Windows or Mac
here), behaving as the real drivers do (read in pyttsx3 2.99's drivers/sapi5.py and nsss.py).
Their sound is real: espeak-ng speaks the sentence, so the kiosk's checks measure real speech.

- SAPI5 (Windows): `runAndWait` speaks into the file with a blocking `Speak` and returns when
  the file is whole; it never reports "finished-utterance" for a file.
- NSSS (macOS): writes AIFF whatever the file is called, and reports "finished-utterance"
  from inside `runAndWait`.
- A late espeak: `runAndWait` returns before the file is written, as pyttsx3's espeak driver
  does on a busy machine; the file and "finished-utterance" come a moment later.
The factories are top-level so the speech worker process can build them."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ESPEAK_VOICES = {"zh": "cmn", "en": "en-gb"}


@dataclass
class Voice:
    id: str
    name: str
    languages: list[str]


SAPI5_VOICES = [
    Voice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0",
          "Microsoft Zira Desktop - English (United States)", ["en-US"]),
    Voice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_ZH-HK_TRACY_11.0",
          "Microsoft Tracy Desktop - Chinese(Traditional, HongKong SAR)", ["zh-HK"]),
    Voice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_ZH-CN_HUIHUI_11.0",
          "Microsoft Huihui Desktop - Chinese (Simplified)", ["zh-CN"]),
]  # fmt: skip
NSSS_VOICES = [
    Voice("com.apple.voice.compact.zh-TW.Meijia", "Meijia", ["zh_TW"]),
    Voice("com.apple.voice.compact.zh-HK.Sinji", "Sinji", ["zh_HK"]),
    Voice("com.apple.voice.compact.zh-CN.Tingting", "Tingting", ["zh_CN"]),
    Voice("com.apple.voice.compact.en-GB.Daniel", "Daniel", ["en_GB"]),
]


def speak_to_wav(text: str, voice_id: str, path: Path) -> None:
    """Real speech from espeak-ng, in the language of the voice chosen."""
    lang = "zh" if "zh" in voice_id.lower() else "en"
    subprocess.run(["espeak-ng", "-v", ESPEAK_VOICES[lang], "-w", str(path), text], check=True)


@dataclass
class _Engine:
    voices: list[Voice]
    properties: dict[str, object] = field(default_factory=dict)
    callbacks: dict[int, tuple[str, Callable[..., None]]] = field(default_factory=dict)
    queued: list[tuple[str, str]] = field(default_factory=list)

    def getProperty(self, name: str) -> object:
        return self.voices if name == "voices" else self.properties.get(name)

    def setProperty(self, name: str, value: object) -> None:
        self.properties[name] = value

    def connect(self, topic: str, callback: Callable[..., None]) -> int:
        token = len(self.callbacks) + 1
        self.callbacks[token] = (topic, callback)
        return token

    def disconnect(self, token: int) -> None:
        self.callbacks.pop(token, None)

    def save_to_file(self, text: str, filename: str) -> None:
        self.queued.append((text, filename))

    def notify(self, topic: str) -> None:
        for name, callback in list(self.callbacks.values()):
            if name == topic:
                callback(name="utterance", completed=True)


class Sapi5Engine(_Engine):
    def runAndWait(self) -> None:
        while self.queued:
            text, filename = self.queued.pop(0)
            speak_to_wav(text, str(self.properties["voice"]), Path(filename))  # blocking, no "finished"


class NsssEngine(_Engine):
    def runAndWait(self) -> None:
        while self.queued:
            text, filename = self.queued.pop(0)
            wav = Path(filename).with_name("espeak-source.wav")
            speak_to_wav(text, str(self.properties["voice"]), wav)
            # AIFF under whatever name was asked for, as NSSpeechSynthesizer writes it
            subprocess.run(["sox", str(wav), "-t", "aiff", filename], check=True)
            wav.unlink()
            self.notify("finished-utterance")


class LateEspeakEngine(_Engine):
    def runAndWait(self) -> None:
        jobs, self.queued = self.queued, []

        def later() -> None:
            time.sleep(0.3)
            for text, filename in jobs:
                speak_to_wav(text, str(self.properties["voice"]), Path(filename))
            self.notify("finished-utterance")

        threading.Thread(target=later, daemon=True).start()


def sapi5() -> Sapi5Engine:
    return Sapi5Engine(list(SAPI5_VOICES))


def nsss() -> NsssEngine:
    return NsssEngine(list(NSSS_VOICES))


def late_espeak() -> LateEspeakEngine:
    return LateEspeakEngine([Voice("sit/cmn", "Chinese (Mandarin)", ["cmn"]), Voice("gmw/en", "English", ["en-gb"])])


def no_engine() -> None:
    raise OSError("SAPI.SPVoice: class not registered")  # as comtypes says with no speech at all
