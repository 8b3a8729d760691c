"""The speaker never blocks, a new sentence cuts off the old one, and with no sound card the
kiosk falls back to captions. Only the sound card is faked (a player that sleeps)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.voice.factory import make_speaker, unavailable_reason
from app.voice.players import CommandPlayer
from app.voice.pyttsx3_speaker import Pyttsx3Speaker
from app.voice.silent import SilentSpeaker
from app.voice.speaker import SpeechState, Unavailable

pytestmark = pytest.mark.slow
FAKE_PLAYER = CommandPlayer([sys.executable, str(Path(__file__).with_name("fake_player.py"))])


class Events:
    def __init__(self) -> None:
        self.items: list = []
        self.changed = threading.Condition()

    def __call__(self, event) -> None:
        with self.changed:
            self.items.append(event)
            self.changed.notify_all()

    def wait_for(self, request_id: int, state: SpeechState, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not any(e.request_id == request_id and e.state is state for e in self.items):
                left = deadline - time.monotonic()
                assert left > 0, f"no {state} for {request_id}: {self.items}"
                self.changed.wait(left)

    def states(self, request_id: int) -> list[SpeechState]:
        return [e.state for e in self.items if e.request_id == request_id]


def wait_until(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def speaker(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(tmp_path / "player.log"))
    speaker = Pyttsx3Speaker(tmp_path / "cache", player=FAKE_PLAYER)
    events = Events()
    speaker.add_listener(events)
    yield speaker, events, tmp_path / "player.log"
    speaker.close()


def test_say_returns_at_once_and_a_new_sentence_cuts_off_the_old(speaker):
    speaker, events, log = speaker
    started = time.perf_counter()
    first = speaker.say("这是第一句话，它比较长，会被下一句打断。", "zh")
    assert time.perf_counter() - started < 0.05
    events.wait_for(first, SpeechState.STARTED)
    first_wav = str(speaker.wav_path("这是第一句话，它比较长，会被下一句打断。", "zh"))
    wait_until(lambda: log.exists() and f"start {first_wav}" in log.read_text())
    second = speaker.say("Second sentence.", "en")
    events.wait_for(first, SpeechState.CUT_OFF)
    events.wait_for(second, SpeechState.FINISHED)
    lines = log.read_text().splitlines()
    assert f"start {first_wav}" in lines and f"end {first_wav}" not in lines
    assert lines[-1] == f"end {speaker.wav_path('Second sentence.', 'en')}"


def test_stop_cuts_off_and_repeats_come_from_the_cache(speaker):
    speaker, events, _log = speaker
    first = speaker.say("请点一下绿色的按钮。", "zh")
    events.wait_for(first, SpeechState.STARTED)
    wav = speaker.wav_path("请点一下绿色的按钮。", "zh")
    made = wav.stat().st_mtime_ns
    speaker.stop()
    events.wait_for(first, SpeechState.CUT_OFF)
    again = speaker.say("请点一下绿色的按钮。", "zh")
    events.wait_for(again, SpeechState.STARTED, timeout=2)  # no rendering: it is cached
    assert wav.stat().st_mtime_ns == made
    speaker.stop()


def test_a_dead_worker_is_replaced(speaker):
    speaker, events, _log = speaker
    assert speaker.checked.wait(30)
    os.kill(speaker.worker_pid(), 9)
    speaker._render_timeout = 3
    lost = speaker.say("Nobody renders this one.", "en")
    events.wait_for(lost, SpeechState.FAILED, timeout=15)
    after = speaker.say("A new worker renders this one.", "en")
    events.wait_for(after, SpeechState.FINISHED)


def test_close_leaves_no_process_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(tmp_path / "player.log"))
    speaker = Pyttsx3Speaker(tmp_path / "cache", player=FAKE_PLAYER)
    events = Events()
    speaker.add_listener(events)
    request = speaker.say("Closing while speaking.", "en")
    events.wait_for(request, SpeechState.STARTED)
    pid = speaker.worker_pid()
    speaker.close()
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert not speaker._thread.is_alive()


def test_the_start_up_check_finds_a_voice_and_a_player_that_answers(speaker):
    speaker, _events, log = speaker
    assert speaker.checked.wait(30)
    assert speaker.available and speaker.unavailable_reason is None
    assert "silence-check.wav" in log.read_text()  # the check played a silence, nothing a learner hears


def test_aplay_with_no_sound_card_turns_the_speaker_to_captions(tmp_path):
    """The real aplay on this machine, which has no sound card: the start-up check's silence
    does not play, so the speaker says why and every sentence is captions only."""
    speaker = Pyttsx3Speaker(tmp_path / "cache", player=CommandPlayer(["aplay", "-q"]))
    events = Events()
    speaker.add_listener(events)
    try:
        assert speaker.checked.wait(30)
        assert speaker.unavailable_reason is Unavailable.NO_SOUND_DEVICE and not speaker.available
        request = speaker.say("请点一下绿色的按钮。", "zh")
        events.wait_for(request, SpeechState.FINISHED, timeout=1)
        assert events.items[-1].detail == "captions only"
    finally:
        speaker.close()


def test_no_sound_card_here_means_captions_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SILVERSTEPS_SPEECH", "auto")
    assert unavailable_reason() is Unavailable.NO_SOUND_DEVICE  # CI has no sound card
    speaker = make_speaker(tmp_path)
    assert isinstance(speaker, SilentSpeaker) and not speaker.available
    heard = []
    speaker.add_listener(heard.append)
    assert speaker.say("你好", "zh") == 1 and heard[0].state is SpeechState.FINISHED
    monkeypatch.setenv("SILVERSTEPS_SPEECH", "off")
    assert make_speaker(tmp_path).unavailable_reason is Unavailable.TURNED_OFF


KILLED_KIOSK = """
import os, sys, time
from pathlib import Path
from app.voice.players import CommandPlayer
from app.voice.pyttsx3_speaker import Pyttsx3Speaker
speaker = Pyttsx3Speaker(Path(sys.argv[1]), player=CommandPlayer([sys.executable, "-c", "pass"]))
speaker.say("你好", "zh")
while speaker.worker_pid() is None:
    time.sleep(0.05)
print(speaker.worker_pid(), flush=True)
time.sleep(60)
"""


def test_the_worker_ends_when_the_kiosk_is_killed(tmp_path):
    """A kiosk killed by a power cut's watchdog or a crash must not leave an orphan renderer."""
    root = Path(__file__).resolve().parents[2]
    kiosk = subprocess.Popen(
        [sys.executable, "-c", KILLED_KIOSK, str(tmp_path)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the killed kiosk's resource tracker complains; expected
        text=True,
    )
    with kiosk.stdout:
        worker_pid = int(kiosk.stdout.readline())
        kiosk.send_signal(signal.SIGKILL)
        kiosk.wait()
    deadline = time.monotonic() + 15
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker_pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return status not in ("Z", "X")
