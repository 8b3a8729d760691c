"""Speech on Windows and macOS, run here on Linux with the platform faked: `sys.platform` set,
and the engine and the player replaced by stand-ins that behave as the real ones do (SAPI5's
render blocks and never reports "finished", NSSS writes AIFF, winsound plays asynchronously
and raises with no device; see fake_engines.py and fake_winsound.py). The sound is real
speech from espeak-ng, measured."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from app.voice import platforms, players, render
from app.voice.factory import unavailable_reason
from app.voice.platforms import PLATFORMS, System, engine_missing, make_player, sound_device_missing, speech_platform
from app.voice.players import CommandPlayer, PlayerError, WinsoundPlayer
from app.voice.pyttsx3_speaker import Pyttsx3Speaker
from app.voice.render import SpeechError, choose_voice, looks_spoken, render_to_wav
from app.voice.sound_files import sound_format, sound_stats
from app.voice.speaker import SpeechState, Unavailable
from tests.voice import fake_engines
from tests.voice.fake_winsound import FakeWinsound
from tests.voice.test_speaker import FAKE_PLAYER, Events

pytestmark = pytest.mark.slow
ZH = "请点一下绿色的按钮。"
EN = "Tap the green button."
LONG = "这是第一句话，它比较长，会被下一句打断。"


@pytest.mark.parametrize(
    ("platform", "driver", "suffix", "blocks"),
    [
        ("win32", "sapi5", ".wav", True),
        ("darwin", "nsss", ".aiff", False),
        ("linux", "espeak", ".wav", False),
        ("freebsd14", "espeak", ".wav", False),
    ],
)
def test_each_platform_renders_with_its_own_driver(monkeypatch, platform, driver, suffix, blocks):
    monkeypatch.setattr(sys, "platform", platform)
    speech = speech_platform()
    assert (speech.driver, speech.sound_suffix, speech.render_blocks) == (driver, suffix, blocks)


def test_each_platform_plays_with_its_own_player(monkeypatch):
    fake = FakeWinsound()
    monkeypatch.setattr(players, "winsound", fake)
    windows = make_player(System.WINDOWS)
    assert isinstance(windows, WinsoundPlayer)
    mac, linux = make_player(System.MACOS), make_player(System.LINUX)
    assert isinstance(mac, CommandPlayer) and mac.command == ["afplay"]  # afplay reads AIFF
    assert isinstance(linux, CommandPlayer) and linux.command == ["aplay", "-q"]
    monkeypatch.setattr(players, "winsound", None)
    with pytest.raises(PlayerError):
        WinsoundPlayer()  # never chosen off Windows: there is no winsound


def test_a_missing_driver_means_no_engine_on_that_platform(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("SILVERSTEPS_SPEECH", "auto")
    # this machine has no comtypes or pywin32, as a Windows PC without them would not
    assert engine_missing(PLATFORMS[System.WINDOWS])
    assert unavailable_reason() is Unavailable.NO_ENGINE
    assert engine_missing(PLATFORMS[System.MACOS])  # no pyobjc here
    assert not engine_missing(PLATFORMS[System.LINUX])  # espeak-ng is installed


class _Winmm:
    def __init__(self, devices: int) -> None:
        self.devices = devices

    def waveOutGetNumDevs(self) -> int:
        return self.devices


class _Windll:
    def __init__(self, devices: int) -> None:
        self.winmm = _Winmm(devices)


def test_windows_asks_winmm_for_its_sound_devices(monkeypatch):
    monkeypatch.setattr(platforms.ctypes, "windll", _Windll(0), raising=False)
    assert sound_device_missing(System.WINDOWS)
    monkeypatch.setattr(platforms.ctypes, "windll", _Windll(2), raising=False)
    assert not sound_device_missing(System.WINDOWS)
    monkeypatch.delattr(platforms.ctypes, "windll", raising=False)
    assert not sound_device_missing(System.WINDOWS)  # cannot ask: the start-up check decides
    assert not sound_device_missing(System.MACOS)


@pytest.mark.parametrize(
    ("make_engine", "zh", "en"),
    [
        (fake_engines.sapi5, "TTS_MS_ZH-CN_HUIHUI", "TTS_MS_EN-US_ZIRA"),
        (fake_engines.nsss, "zh-CN.Tingting", "en-GB.Daniel"),
    ],
)
def test_mainland_mandarin_is_chosen_before_taiwan_and_hong_kong(make_engine, zh, en):
    engine = make_engine()
    assert zh in choose_voice(engine, "zh")
    assert en in choose_voice(engine, "en")
    engine.voices = [voice for voice in engine.voices if zh not in voice.id]
    assert choose_voice(engine, "zh") is not None  # another Chinese voice rather than none


class CountedWaits(threading.Event):
    """Every threading.Event while the test runs, counting the waits (with their time-outs)."""

    waits: ClassVar[list[float | None]] = []

    def wait(self, timeout: float | None = None) -> bool:
        CountedWaits.waits.append(timeout)
        return super().wait(timeout)


@pytest.fixture
def counted_waits(monkeypatch) -> list[float | None]:
    CountedWaits.waits = []
    monkeypatch.setattr(render.threading, "Event", CountedWaits)
    return CountedWaits.waits


def test_sapi5s_blocking_render_is_not_waited_for_again(tmp_path, counted_waits):
    """SAPI5 never reports "finished" for a file: waiting for it cost 30 s a sentence."""
    path = render_to_wav(ZH, "zh", False, tmp_path / "zh.wav", fake_engines.sapi5(), render_blocks=True)
    assert sound_format(path) == "wav" and looks_spoken(path, ZH)
    assert counted_waits == []


def test_espeak_is_waited_for_until_the_file_is_written(tmp_path, counted_waits):
    path = render_to_wav(EN, "en", False, tmp_path / "en.wav", fake_engines.late_espeak(), finish_timeout=30)
    assert looks_spoken(path, EN)
    assert counted_waits.count(30) == 1  # (the stand-in's own thread waits too, untimed)
    with pytest.raises(SpeechError):  # not waiting would find nothing, twice
        render_to_wav(EN, "en", False, tmp_path / "early.wav", fake_engines.late_espeak(), render_blocks=True)


def test_nsss_writes_aiff_and_it_is_measured_as_aiff(tmp_path):
    aiff = render_to_wav(ZH, "zh", False, tmp_path / "zh.aiff", fake_engines.nsss())
    named_wav = render_to_wav(ZH, "zh", False, tmp_path / "zh.wav", fake_engines.nsss())
    assert sound_format(aiff) == sound_format(named_wav) == "aiff"
    seconds, rms = sound_stats(aiff)
    assert 1.0 < seconds < 10 and rms > 300


def test_aiff_and_aiff_c_measure_as_the_wav_they_came_from(tmp_path):
    wav = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(wav), ZH], check=True)
    expected_seconds, expected_rms = sound_stats(wav)
    for kind in ("aiff", "aifc"):
        converted = tmp_path / f"speech.{kind}"
        subprocess.run(["sox", str(wav), "-t", kind, str(converted)], check=True)
        seconds, rms = sound_stats(converted)
        assert seconds == pytest.approx(expected_seconds, abs=0.001)
        assert rms == pytest.approx(expected_rms, rel=0.001)


def _speaker(tmp_path, system: System, player, make_engine) -> tuple[Pyttsx3Speaker, Events]:
    speaker = Pyttsx3Speaker(tmp_path / "cache", speech=PLATFORMS[system], player=player, make_engine=make_engine)
    events = Events()
    speaker.add_listener(events)
    return speaker, events


def test_windows_speaks_with_winsound_and_a_new_sentence_cuts_the_old(tmp_path):
    sound = FakeWinsound()
    speaker, events = _speaker(tmp_path, System.WINDOWS, WinsoundPlayer(sound), fake_engines.sapi5)
    try:
        assert speaker.checked.wait(30) and speaker.available
        first = speaker.say(LONG, "zh")
        events.wait_for(first, SpeechState.STARTED)
        second = speaker.say(EN, "en")
        events.wait_for(first, SpeechState.CUT_OFF)
        events.wait_for(second, SpeechState.FINISHED)
        flags = sound.SND_FILENAME | sound.SND_ASYNC | sound.SND_NODEFAULT
        played = [Path(name).name for name, _ in sound.played]
        assert played[0] == "silence-check.wav"  # the start-up check
        assert played[1:] == [
            speaker.wav_path("这是第一句话，它比较长，会被下一句打断。", "zh").name,
            speaker.wav_path(EN, "en").name,
        ]
        assert all(call_flags == flags for name, call_flags in sound.calls if name is not None)
        assert sound.stops() >= 1  # PlaySound(None, 0) cut the first sentence
    finally:
        speaker.close()


def test_windows_without_a_sound_device_turns_to_captions(tmp_path):
    speaker, events = _speaker(tmp_path, System.WINDOWS, WinsoundPlayer(FakeWinsound(device=False)), fake_engines.sapi5)
    try:
        assert speaker.checked.wait(30)
        assert speaker.unavailable_reason is Unavailable.NO_SOUND_DEVICE
        request = speaker.say(ZH, "zh")
        events.wait_for(request, SpeechState.FINISHED, timeout=1)
        assert events.items[-1].detail == "captions only"
    finally:
        speaker.close()


def test_windows_without_a_speech_engine_turns_to_captions(tmp_path):
    speaker, _events = _speaker(tmp_path, System.WINDOWS, WinsoundPlayer(FakeWinsound()), fake_engines.no_engine)
    try:
        assert speaker.checked.wait(30)
        assert speaker.unavailable_reason is Unavailable.NO_ENGINE
    finally:
        speaker.close()


def test_macos_keeps_aiff_and_plays_it(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(tmp_path / "player.log"))
    speaker, events = _speaker(tmp_path, System.MACOS, FAKE_PLAYER, fake_engines.nsss)
    try:
        assert speaker.checked.wait(30) and speaker.available
        request = speaker.say(ZH, "zh")
        events.wait_for(request, SpeechState.FINISHED)
        cached = speaker.wav_path(ZH, "zh")
        assert cached.suffix == ".aiff" and sound_format(cached) == "aiff"
        assert f"end {cached}" in (tmp_path / "player.log").read_text().splitlines()
    finally:
        speaker.close()
