"""Measure the sound files the speech engines write: WAV (espeak-ng on Linux, SAPI5 on Windows)
and AIFF (macOS's NSSpeechSynthesizer writes AIFF whatever the file is called).

Read by hand with the standard library: `wave` reads WAV, and the AIFF reader below is a few
lines of chunk parsing because the standard `aifc` module was removed in Python 3.13 and a
sound library (soundfile) would bring libsndfile and NumPy into the kiosk for one number."""

from __future__ import annotations

import math
import struct
import sys
import wave
from array import array
from pathlib import Path

SILENCE_RATE = 16_000


class SoundFileError(ValueError):
    """The file is not a sound file this module reads."""


def sound_format(path: Path) -> str:
    """ "wav" or "aiff", read from the file's first bytes (its name may say otherwise)."""
    with path.open("rb") as file:
        head = file.read(12)
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    raise SoundFileError(f"{path.name} is neither WAV nor AIFF")


def sound_stats(path: Path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples) of a WAV or AIFF file."""
    if sound_format(path) == "wav":
        return _wav_stats(path)
    return _aiff_stats(path)


def write_silence(path: Path, seconds: float = 0.2) -> Path:
    """A short silent WAV: what the start-up check plays to learn whether a sound device
    answers, without a learner hearing anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SILENCE_RATE)
        wav.writeframes(b"\0\0" * round(SILENCE_RATE * seconds))
    return path


def _wav_stats(path: Path) -> tuple[float, float]:
    try:
        with wave.open(str(path), "rb") as wav:
            frames = wav.getnframes()
            rate = wav.getframerate()
            width = wav.getsampwidth()
            data = wav.readframes(frames)
    except (wave.Error, EOFError) as error:
        raise SoundFileError(f"{path.name}: {error}") from error
    return _stats(frames, rate, width, data, big_endian=False)


def _aiff_stats(path: Path) -> tuple[float, float]:
    """COMM gives channels, frames, sample size and rate (an 80-bit float); SSND the samples,
    big-endian ('NONE') or, in AIFF-C, little-endian ('sowt')."""
    data = path.read_bytes()
    form_type = data[8:12]
    position = 12
    channels = frames = width_bits = 0
    rate = 0.0
    big_endian = True
    samples = b""
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        (size,) = struct.unpack(">I", data[position + 4 : position + 8])
        body = data[position + 8 : position + 8 + size]
        if chunk_id == b"COMM":
            channels, frames, width_bits = struct.unpack(">hIh", body[:8])
            rate = _extended(body[8:18])
            if form_type == b"AIFC":
                compression = body[18:22]
                if compression not in (b"NONE", b"sowt", b"twos"):
                    raise SoundFileError(f"{path.name}: compressed AIFF-C ({compression.decode(errors='replace')})")
                big_endian = compression != b"sowt"
        elif chunk_id == b"SSND":
            (offset,) = struct.unpack(">I", body[:4])
            samples = body[8 + offset :]
        position += 8 + size + (size & 1)  # chunks are padded to an even length
    if not channels or not rate:
        raise SoundFileError(f"{path.name}: an AIFF file without its COMM chunk")
    return _stats(frames, round(rate), width_bits // 8, samples, big_endian=big_endian)


def _extended(raw: bytes) -> float:
    """The IEEE 754 80-bit extended float AIFF keeps its sample rate in."""
    exponent_word, mantissa = struct.unpack(">HQ", raw)
    sign = -1.0 if exponent_word & 0x8000 else 1.0
    exponent = (exponent_word & 0x7FFF) - 16383
    return sign * mantissa * 2.0 ** (exponent - 63) if mantissa else 0.0


def _stats(frames: int, rate: int, width: int, data: bytes, *, big_endian: bool) -> tuple[float, float]:
    seconds = frames / rate if rate else 0.0
    if width != 2 or not frames:
        return seconds, 0.0
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if big_endian != (sys.byteorder == "big"):
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return seconds, rms
