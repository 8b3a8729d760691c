"""Whether a process of this machine still runs, asked without sending it anything.

The POSIX idiom `os.kill(pid, 0)` sends no signal on Linux, but on Windows `os.kill` calls
TerminateProcess for any signal other than CTRL_C_EVENT and CTRL_BREAK_EVENT: asking would end
the process asked about. psutil asks the operating system instead: on Linux it reads
/proc/PID/stat, on Windows it opens the process (OpenProcess) and checks that it has not exited,
and reads the system's process list. `psutil.pid_exists` itself uses `os.kill(pid, 0)` on
POSIX, so a Process is made instead."""

from __future__ import annotations

import psutil


def still_running(pid: int) -> bool:
    """Whether process `pid` may still be running; False only when sure it is not.

    - gone (no such process, or a pid out of the system's range): False;
    - exited but not yet waited for by its parent (a zombie, POSIX): False, it does no more work;
    - another user's process we may not look at (AccessDenied, Windows' protected processes):
      True, unsure;
    - pid 0 or below names no single process (to `kill` a negative pid is a process group):
      True, unsure.

    Callers use "unsure" as "alive": a lease or lock of such a process runs out by itself."""
    if pid <= 0:
        return True
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:  # ZombieProcess is one too: either way it does no more work
        return False
    except psutil.AccessDenied:
        return True
