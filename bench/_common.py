"""Shared bits of the benchmarks: a kiosk-sized offscreen screen and memory readings."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def kiosk_screen_env() -> dict[str, str]:
    """Environment for a 1920 x 1080 offscreen screen, speech off unless asked for."""
    config = Path(tempfile.mkdtemp(prefix="silversteps-bench-")) / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}]})
    )
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "SILVERSTEPS_SPEECH": "off"}


def use_kiosk_screen() -> None:
    os.environ.update(kiosk_screen_env())


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)
