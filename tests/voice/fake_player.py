"""Stands in for `aplay` or `afplay` (there is no sound card here): "plays" a WAV or AIFF by
sleeping for its length, and logs start and end so tests can see what was cut off."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from app.voice.sound_files import sound_stats

path = sys.argv[-1]
seconds, _ = sound_stats(Path(path))
log = os.environ["FAKE_PLAYER_LOG"]
with open(log, "a") as out:
    out.write(f"start {path}\n")
time.sleep(seconds)
with open(log, "a") as out:
    out.write(f"end {path}\n")
