"""The PyInstaller bundle builds, and the built program starts headless, opens its database,
finds its lessons and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.loader import load_courses
from app.core.resources import courses_dir

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", "scripts/build_bundle.sh", str(dist)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    program = dist / "silversteps" / "silversteps"
    assert program.exists()
    return program


def run(program: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=120, env={**os.environ, **env}, cwd="/"
    )


def test_bundle_carries_its_lessons_and_migrations(built, tmp_path):
    upgrade = run(built, "db", "upgrade", "--data-dir", str(tmp_path))
    assert upgrade.returncode == 0, upgrade.stderr
    assert (tmp_path / "silversteps.db").exists()
    # The words-of-position check lays phones out for half a minute; it is tested from the
    # source tree (tests/ui/test_hint_positions.py). Here: the bundle carries valid lessons.
    validate = run(built, "courses", "validate", "--no-positions")
    assert validate.returncode == 0, validate.stderr
    assert "0 problems" in validate.stdout


def test_built_kiosk_starts_headless_and_exits_cleanly(built, tmp_path):
    result = run(
        built,
        "kiosk",
        "--data-dir",
        str(tmp_path),
        "--windowed",
        "--quit-after",
        "2",
        QT_QPA_PLATFORM="offscreen",
        SILVERSTEPS_SPEECH="auto",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lessons = len(load_courses([courses_dir()]).lessons)
    assert "kiosk started" in result.stderr and f"{lessons} lessons" in result.stderr
    assert (tmp_path / "silversteps.db").exists()
