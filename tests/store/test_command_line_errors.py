"""The command line on a kiosk database it cannot use: one line on stderr that names the file,
the copy kept and what to do, a non-zero exit, never a traceback; and `db restore` brings back
the latest backup. Real processes, as staff run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from app.store.db import _alembic_config, open_database
from tests.store.damage import cut_in_half, from_a_newer_version

ROOT = Path(__file__).resolve().parents[2]


def silversteps(*words: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("SILVERSTEPS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "app", *words], capture_output=True, text=True, env=environment, timeout=60, cwd=ROOT
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def truncated(data_dir: Path) -> Path:
    """A kiosk that was upgraded once (so a backup exists), then cut short."""
    db = open_database(data_dir)
    db.learners.add("王秀英")
    with db.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0006")
    db.close()
    open_database(data_dir).close()
    cut_in_half(data_dir / "silversteps.db")
    return data_dir / "silversteps.db"


@pytest.mark.parametrize(
    "words",
    [
        ["db", "upgrade"],
        ["accounts", "list"],
        ["export", "completions", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--out", "x.csv"],
    ],
    ids=["db upgrade", "accounts list", "export completions"],
)
def test_a_damaged_database_is_one_line_for_every_command(truncated, data_dir, words):
    found = truncated.read_bytes()
    result = silversteps(*words, "--data-dir", str(data_dir))
    line = one_line(result)
    assert result.returncode == 3
    assert line.startswith(f"silversteps: the kiosk database {truncated} is damaged (")
    assert f"a copy is kept at {data_dir / 'damaged'}" in line
    assert line.endswith(f"silversteps db restore --data-dir {data_dir}")
    assert truncated.read_bytes() == found


def test_a_newer_database_says_which_revision(data_dir):
    open_database(data_dir).close()
    from_a_newer_version(data_dir / "silversteps.db")
    line = one_line(silversteps("db", "upgrade", "--data-dir", str(data_dir)))
    assert "was written by a newer version of SilverSteps (schema revision 0099" in line


def test_restore_brings_back_the_backup_and_the_kiosk_opens_it(truncated, data_dir):
    result = silversteps("db", "restore", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"restored {data_dir / 'backups'}")
    db = open_database(data_dir)
    try:
        assert [learner.display_name for learner in db.learners.all()] == ["王秀英"]
    finally:
        db.close()
    assert len(list((data_dir / "damaged").glob("*.db"))) == 1  # the damaged file, kept


def test_an_unexpected_error_is_one_line_too(tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    line = one_line(silversteps("accounts", "list", "--data-dir", str(blocked / "data")))
    assert line.startswith("silversteps: ")
