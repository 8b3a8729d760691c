"""The statement writers' turn across the worker processes of one SQLite database.

SQLite's own wait for its write lock (the busy timeout) polls: between tries it sleeps 1, 2,
5, 10 … up to 100 ms. With two workers each writing groups of up to a thousand statements,
the lock often lay free while the other worker's writer slept. A lock on a file beside the
database, which the kernel hands to the next waiter the moment it is let go, orders the
workers' group writes instead (bench/bench_ingest.py, SQLite with 2 workers). SQLite's own lock
still guards every write; this only decides whose group goes next. The kernel lets go of the
file lock of a process that dies, so a killed worker never blocks the others.

Written over fcntl.flock itself: filelock, the usual library, tries without blocking and polls
(every 50 ms by default), which is the very wait this replaces."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # Windows: no flock; SQLite's busy wait alone orders the writers
    fcntl = None  # type: ignore[assignment]

TURN_SUFFIX = ".write-turn"


class WriteTurn:
    """`with turn.held():` around a group write. A database without a file (in memory), or a
    system without flock, has no file turn: the block then runs at once."""

    def __init__(self, database_path: str | None) -> None:
        in_a_file = bool(database_path) and database_path != ":memory:" and not str(database_path).startswith("file:")
        self.path = f"{database_path}{TURN_SUFFIX}" if in_a_file and fcntl is not None else None
        self._in_this_process = threading.Lock()  # one flock per process is enough

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._in_this_process:
            if self.path is None or fcntl is None:
                yield
                return
            descriptor = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)  # closing it lets go
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                yield
            finally:
                os.close(descriptor)
