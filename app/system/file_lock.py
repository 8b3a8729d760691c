"""An exclusive lock on a file, held while a block runs: the kernel hands it to the next waiter
the moment it is let go, and lets go of it by itself when its process dies, so a killed
process never blocks the others.

- Linux (any POSIX system): `fcntl.flock` on the file, opened for the block (closing it lets
  go). A waiter sleeps in the kernel; nothing polls. filelock, the usual library, tries
  without blocking and polls (every 50 ms by default), so it is not used.
- Windows has no fcntl: there is no file lock. The block runs at once, no file is made, and
  `exclusive_lock` yields False. A caller may use the lock only to decide who goes next, never
  for correctness. Not `msvcrt.locking`: its waiting mode (LK_LOCK) tries once a second for
  10 s and then raises, a slower and shorter wait than SQLite's own busy wait (1 to 100 ms
  between tries), which is what the one caller (app.centre.xapi.write_turn) falls back on.
  `LockFileEx` would wait in the kernel as flock does, but only through ctypes, and could not
  be tested on the Linux machines the tests run on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # Windows: no file locks (see above)
    fcntl = None  # type: ignore[assignment]

PRIVATE = 0o600  # the lock file says nothing, but sits beside private files


def file_locks_available() -> bool:
    return fcntl is not None


@contextmanager
def exclusive_lock(path: str) -> Iterator[bool]:
    """`with exclusive_lock(path) as locked:` waits for the lock on the file at `path` (made if
    missing) and holds it for the block; `locked` is False where there are no file locks, and
    then the block runs at once."""
    if fcntl is None:
        yield False
        return
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(descriptor)
