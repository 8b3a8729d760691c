"""Pull the plug at random moments: every step the kiosk acknowledged must still be there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def stored_steps(db_path: Path) -> set[tuple[str, int, int, str]]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT lesson_id, attempt, step_index, outcome FROM step_attempts").fetchall()
    return {(lesson, attempt, step, outcome) for lesson, attempt, step, outcome in rows}


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkill_at_random_moments_loses_no_acknowledged_step(tmp_path):
    rng = random.Random(20261124)
    data_dir = tmp_path / "kiosk"
    acknowledged: list[tuple[str, int, int, str]] = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for kill in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.crash_driver", str(data_dir), str(kill)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []
        assert process.stdout is not None
        while True:  # wait until it is playing, then let it run a random while
            line = process.stdout.readline()
            assert line, f"the kiosk stopped before it was ready: {process.stderr.read()}"
            if line.startswith("READY"):
                break
        time.sleep(rng.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)
        out, _err = process.communicate(timeout=30)
        lines.extend(out.splitlines())
        assert process.returncode == -signal.SIGKILL
        for line in lines:
            if line.startswith("ACK "):
                _, lesson, attempt, step, outcome = line.split()
                acknowledged.append((lesson, int(attempt), int(step), outcome))
        db_path = data_dir / "silversteps.db"
        assert integrity(db_path) == "ok", f"after kill {kill + 1}"
        missing = set(acknowledged) - stored_steps(db_path)
        assert not missing, f"after kill {kill + 1}, acknowledged but not stored: {sorted(missing)[:5]}"
    assert len(acknowledged) > KILLS, "the kiosk hardly played between kills; the test proved little"
