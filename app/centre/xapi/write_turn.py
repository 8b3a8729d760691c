"""The statement writers' turn across the worker processes of one SQLite database.

SQLite's own wait for its write lock (the busy timeout) polls: between tries it sleeps 1, 2,
5, 10 … up to 100 ms. With two workers each writing groups of up to a thousand statements,
the lock often lay free while the other worker's writer slept. A lock on a file beside the
database (app.system.file_lock), which the kernel hands to the next waiter the moment it is let
go, orders the workers' group writes instead (bench/bench_ingest.py, SQLite with 2 workers).
SQLite's own lock still guards every write; this only decides whose group goes next. The kernel
lets go of the file lock of a process that dies, so a killed worker never blocks the others.

On Windows there is no file lock (app.system.file_lock says why none is built), so no file
turn: SQLite's busy wait alone orders the workers' writes. Every write is still correct; only
the gain measured on Linux is missing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from app.system.file_lock import exclusive_lock, file_locks_available

TURN_SUFFIX = ".write-turn"


class WriteTurn:
    """`with turn.held():` around a group write. A database without a file (in memory), or a
    system without file locks (Windows), has no file turn: the block then runs at once."""

    def __init__(self, database_path: str | None) -> None:
        in_a_file = bool(database_path) and database_path != ":memory:" and not str(database_path).startswith("file:")
        self.path = f"{database_path}{TURN_SUFFIX}" if in_a_file and file_locks_available() else None
        self._in_this_process = threading.Lock()  # one file lock per process is enough

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._in_this_process:
            if self.path is None:
                yield
                return
            with exclusive_lock(self.path):
                yield
