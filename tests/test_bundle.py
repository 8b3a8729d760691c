"""The PyInstaller bundle builds, and its two programs start headless: the command line opens a
database and finds its lessons, and the kiosk program (windowed on Windows) starts with no
subcommand, logs to its data folder and exits 0."""

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
SUFFIX = ".exe" if sys.platform == "win32" else ""
FONT_FILES = {".ttf", ".ttc", ".otf", ".otc"}


def build_command(dist: Path) -> list[str]:
    """The bundle command of run.sh or run.ps1, whichever this platform has."""
    if sys.platform == "win32":
        script = ["-File", str(ROOT / "scripts" / "build_bundle.ps1")]
        return ["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", *script, str(dist)]
    return ["bash", "scripts/build_bundle.sh", str(dist)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(build_command(dist), cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return dist / "silversteps"


@pytest.fixture(scope="module")
def built(bundle: Path) -> Path:
    """The command-line program."""
    program = bundle / f"silversteps{SUFFIX}"
    assert program.exists()
    return program


def run(program: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, **env},
        cwd=Path.home().anchor,
    )


def started_line(data: Path) -> str:
    return f"kiosk started: data in {data}, {len(load_courses([courses_dir()]).lessons)} lessons"


def test_bundle_carries_its_lessons_and_migrations(built, tmp_path):
    upgrade = run(built, "db", "upgrade", "--data-dir", str(tmp_path))
    assert upgrade.returncode == 0, upgrade.stderr
    assert (tmp_path / "silversteps.db").exists()
    # The words-of-position check lays phones out for half a minute; it is tested from the
    # source tree (tests/ui/test_hint_positions.py). Here: the bundle carries valid lessons.
    validate = run(built, "courses", "validate", "--no-positions")
    assert validate.returncode == 0, validate.stderr
    assert "0 problems" in validate.stdout


def start_for_two_seconds(program: Path, *subcommand: str, data: Path) -> subprocess.CompletedProcess[str]:
    """The kiosk in a window on the offscreen screen, speech as on a real PC, for two seconds."""
    return run(
        program,
        *subcommand,
        "--data-dir",
        str(data),
        "--windowed",
        "--quit-after",
        "2",
        QT_QPA_PLATFORM="offscreen",
        SILVERSTEPS_SPEECH="auto",
    )


def test_built_kiosk_starts_headless_and_exits_cleanly(built, tmp_path):
    result = start_for_two_seconds(built, "kiosk", data=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert started_line(tmp_path) in result.stderr
    assert (tmp_path / "silversteps.db").exists()


def test_the_kiosk_program_is_the_kiosk_without_a_subcommand_and_logs_to_its_data_folder(bundle, tmp_path):
    kiosk = bundle / f"silversteps-kiosk{SUFFIX}"
    assert kiosk.exists()
    result = start_for_two_seconds(kiosk, data=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert started_line(tmp_path) in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_the_bundle_brings_no_fonts_of_its_own(bundle):
    """Chinese is drawn with the system's fonts (Noto CJK, Microsoft YaHei, PingFang): nothing
    bundled stands in for them, and nothing assumes one that a Windows PC does not have."""
    assert [path for path in bundle.rglob("*") if path.suffix.lower() in FONT_FILES] == []


def test_both_programs_run_python_in_utf8_mode(bundle):
    """As on Linux, so a Chinese name printed to a redirected file on an English Windows (cp1252)
    or read from a file on a Chinese one (GBK) is UTF-8 and not an error."""
    from PyInstaller.archive.readers import CArchiveReader  # the build extra's, for this test only

    for name in ("silversteps", "silversteps-kiosk"):
        assert "X utf8_mode=1" in CArchiveReader(str(bundle / f"{name}{SUFFIX}")).options, name
