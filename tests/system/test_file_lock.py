"""A file lock between real processes: a waiter sleeps until the holder lets go, or dies; where
there are no file locks (Windows: no fcntl) the block runs at once and no file is made."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import app.system.file_lock as file_lock
from app.system.file_lock import exclusive_lock, file_locks_available
from tests.system.support import lock_held_elsewhere

WAIT_SECONDS = 30


def take_in_a_thread(path: Path, taken: list[bool]) -> threading.Thread:
    def take() -> None:
        with exclusive_lock(str(path)) as locked:
            taken.append(locked)

    thread = threading.Thread(target=take)
    thread.start()
    return thread


@pytest.mark.skipif(not file_locks_available(), reason="no file locks on Windows (app.system.file_lock)")
@pytest.mark.parametrize("how", ["lets go", "is killed"])
def test_a_waiter_gets_the_lock_once_the_process_holding_it_lets_go_or_dies(tmp_path: Path, how: str) -> None:
    path = tmp_path / "turn"
    taken: list[bool] = []
    with lock_held_elsewhere(path) as holder:
        waiter = take_in_a_thread(path, taken)
        time.sleep(0.5)
        assert waiter.is_alive() and taken == [], "waiting while the other process holds it"
        if how == "is killed":
            holder.kill()
        else:
            assert holder.stdin is not None
            holder.stdin.close()
        waiter.join(WAIT_SECONDS)
        assert taken == [True]
    assert (path.stat().st_mode & 0o777) == 0o600


def test_without_file_locks_the_block_runs_at_once_and_makes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows, faked on Linux by taking fcntl away."""
    monkeypatch.setattr(file_lock, "fcntl", None)
    assert not file_locks_available()
    with exclusive_lock(str(tmp_path / "turn")) as locked:
        assert locked is False
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not file_locks_available(), reason="the other process needs a file lock to hold")
def test_without_file_locks_a_lock_another_process_holds_does_not_hold_the_block_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "turn"
    with lock_held_elsewhere(path):
        monkeypatch.setattr(file_lock, "fcntl", None)  # in this process only: the holder keeps its lock
        taken: list[bool] = []
        take_in_a_thread(path, taken).join(WAIT_SECONDS)
        assert taken == [False]
