"""Stands in for `aplay` (there is no sound card here): "plays" a WAV by sleeping for its
length, and logs start and end so tests can see what was cut off."""

from __future__ import annotations

import os
import sys
import time
import wave

path = sys.argv[-1]
with wave.open(path, "rb") as wav:
    seconds = wav.getnframes() / wav.getframerate()
log = os.environ["FAKE_PLAYER_LOG"]
with open(log, "a") as out:
    out.write(f"start {path}\n")
time.sleep(seconds)
with open(log, "a") as out:
    out.write(f"end {path}\n")
