"""Real speech synthesis (espeak-ng through pyttsx3), checked by measuring the WAV files."""

from __future__ import annotations

import pytest

from app.voice.render import render_to_wav
from app.voice.sound_files import sound_stats

pytestmark = pytest.mark.slow
ZH = "请用手指按住屏幕下方的横条，往上滑，手机就解锁了。"
EN = "Put your finger on the bar at the bottom and slide it up to unlock the phone."


@pytest.mark.parametrize(("lang", "text"), [("zh", ZH), ("en", EN)])
def test_a_step_renders_to_a_plausible_non_silent_wav(tmp_path, lang, text):
    path = render_to_wav(text, lang, False, tmp_path / f"{lang}.wav")
    seconds, rms = sound_stats(path)
    assert path.exists() and path.stat().st_size > 10_000
    assert 1.5 < seconds < 20, seconds
    assert rms > 300, rms  # speech, not silence
    slow = render_to_wav(text, lang, True, tmp_path / f"{lang}-slow.wav")
    slow_seconds, _ = sound_stats(slow)
    assert slow_seconds > seconds * 1.2


def test_longer_text_takes_longer(tmp_path):
    short, _ = sound_stats(render_to_wav("请点付款。", "zh", False, tmp_path / "short.wav"))
    long, _ = sound_stats(render_to_wav(ZH + ZH, "zh", False, tmp_path / "long.wav"))
    assert long > short * 3
