"""Real processes for the platform primitives' tests (and the centre's that use them): a child
that runs until told, one that is gone, and a guard that fails a test on any signal sent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import pytest


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


def forbid_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now until the test ends, sending any signal (even 0, which on Windows `os.kill`
    turns into TerminateProcess) fails the test."""

    def signalled(*args: object) -> NoReturn:
        raise AssertionError(f"a signal was sent: {args}")

    senders = [(os, "kill"), (os, "killpg"), (signal, "pthread_kill"), (signal, "pidfd_send_signal")]
    for module, name in senders:
        if hasattr(module, name):  # Windows has os.kill only
            monkeypatch.setattr(module, name, signalled)
