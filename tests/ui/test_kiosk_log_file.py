"""A kiosk started for real keeps its start-up lines in `<data>/logs/kiosk.log`, and one with no
stderr at all (a windowed program on Windows) starts, logs and exits cleanly all the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.loader import load_courses
from app.core.resources import courses_dir

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
KIOSK = ["kiosk", "--windowed", "--quit-after", "2", "--keyboard", "off"]
WINDOWED = "import sys; sys.stdout = sys.stderr = None; from app.cli import main; raise SystemExit(main(sys.argv[1:]))"


def start(tmp_path: Path, *python: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SILVERSTEPS_SPEECH": "off"}
    return subprocess.run(
        [sys.executable, *python, *KIOSK, "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def started_line(tmp_path: Path) -> str:
    return f"kiosk started: data in {tmp_path}, {len(load_courses([courses_dir()]).lessons)} lessons"


def test_the_kiosk_writes_its_start_up_to_its_log_file_and_to_stderr(tmp_path: Path) -> None:
    done = start(tmp_path, "-m", "app")
    assert done.returncode == 0, done.stderr[-3000:]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"kiosk starting: log in {tmp_path / 'logs' / 'kiosk.log'}" in log
    assert started_line(tmp_path) in log
    assert started_line(tmp_path) in done.stderr, "a kiosk started from a terminal still shows its lines"


def test_a_kiosk_without_stderr_starts_logs_and_exits_cleanly(tmp_path: Path) -> None:
    done = start(tmp_path, "-c", WINDOWED)
    assert done.returncode == 0, done.stderr[-3000:]
    assert started_line(tmp_path) in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "silversteps.kiosk" not in done.stderr, "Python had no stderr to write to"
