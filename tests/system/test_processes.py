"""Whether a process still runs, asked of the operating system without a signal: on Windows
`os.kill(pid, 0)`, the POSIX way to ask, ends the process asked about. Real child processes:
running, ended and waited for, ended and not yet waited for (a zombie)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from app.system.processes import still_running
from tests.system.support import finished_child, forbid_signals, running_child


@pytest.fixture(autouse=True)
def no_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_signals(monkeypatch)


def test_a_running_process_is_running() -> None:
    assert still_running(os.getpid())
    with running_child() as child:
        assert still_running(child.pid)
        assert child.poll() is None  # asking left it running


def test_a_process_that_ended_and_was_waited_for_is_gone() -> None:
    assert not still_running(finished_child())


@pytest.mark.skipif(not hasattr(os, "WNOWAIT"), reason="zombies are POSIX's; Windows has none")
def test_a_process_that_ended_but_was_not_waited_for_is_gone() -> None:
    """A zombie keeps its pid (and its /proc entry) until its parent waits for it, but does no
    more work: its leases may be taken back."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # ended; not reaped
        stat = Path(f"/proc/{child.pid}/stat")
        if stat.exists():
            assert stat.read_text().rsplit(")", 1)[1].split()[0] == "Z", "the child is a zombie"
        assert not still_running(child.pid)
    finally:
        child.wait(30)


def test_no_pid_or_a_process_group_is_unsure_so_running() -> None:
    """0 names no process, and a negative pid is a process group to `kill`: unsure, which its
    callers take as running (a lease then runs out by itself)."""
    assert still_running(0)
    assert still_running(-1)
    assert still_running(-os.getpid())


def test_a_pid_past_the_systems_range_is_gone() -> None:
    """A holder's name is read from the database: a pid no process can have is not one."""
    assert not still_running(2**40)


def test_a_process_that_may_not_be_looked_at_is_unsure_so_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to open protected processes (AccessDenied); as root on Linux every process
    can be read, so the refusal is faked."""

    def refused(pid: int) -> psutil.Process:
        raise psutil.AccessDenied(pid)

    monkeypatch.setattr(psutil, "Process", refused)
    assert still_running(os.getpid())
