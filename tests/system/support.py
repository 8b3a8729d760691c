"""Real processes for the platform primitives' tests (and the centre's that use them): a child
that runs until told, another process holding a file lock, and a guard that fails a test on
any signal sent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]

HOLD_LOCK = """
import sys
from app.system.file_lock import exclusive_lock
with exclusive_lock(sys.argv[1]) as locked:
    print(locked, flush=True)
    sys.stdin.read()
"""


@contextmanager
def running_child() -> Iterator[subprocess.Popen[str]]:
    """A child process that runs until its stdin is closed, then ends by itself."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE, text=True)
    try:
        yield child
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(30)


def finished_child() -> int:
    """The pid of a child that has ended and been waited for: a process of this machine that is gone."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(30)
    return child.pid


@contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the file lock on `path` (app.system.file_lock) until its stdin is
    closed (it lets go) or it is killed (the kernel lets go)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True", "the other process did not take the lock"
        yield holder
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(30)
        for pipe in (holder.stdin, holder.stdout):
            if pipe:
                pipe.close()


def forbid_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now until the test ends, sending any signal (even 0, which on Windows `os.kill`
    turns into TerminateProcess) fails the test."""

    def signalled(*args: object) -> NoReturn:
        raise AssertionError(f"a signal was sent: {args}")

    senders = [(os, "kill"), (os, "killpg"), (signal, "pthread_kill"), (signal, "pidfd_send_signal")]
    for module, name in senders:
        if hasattr(module, name):  # Windows has os.kill only
            monkeypatch.setattr(module, name, signalled)
