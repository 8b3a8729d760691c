"""Group commit: batches that arrive while another is being written are written together, in one
transaction, by one thread. Each commit waits for the disk (fsync on SQLite, the round trips of
a transaction on PostgreSQL); with fifty kiosks sending at once, one commit for every waiting
batch instead of one each is most of what the centre can gain (bench/bench_ingest.py).

The queue is served first come, first served: threading.Lock wakes any waiter, and with sixty
batches waiting some waited forty seconds while later ones went ahead, past a kiosk's request
time-out (bench/bench_fleet.py). The thread that writes a group is one of the group's own
callers (leader and followers, as in database group commit): no extra thread to start, stop
or lose, and a caller is never made to write for batches that came after its own group.

Written by hand because no library offers it for a synchronous SQLAlchemy engine."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Job:
    """One caller's batch, and once its group is written, its answer or its refusal."""

    work: Any
    size: int
    answer: Any = None
    error: BaseException | None = None
    finished: bool = False
    _wake: threading.Event = field(default_factory=threading.Event, repr=False)

    def refuse(self, error: BaseException) -> None:
        self.error = error


class GroupCommit:
    """`submit(work, size)` returns what `write_group` set as that job's answer (or raises its
    error). `write_group(jobs)` writes the jobs of one group in one transaction; it sets each
    job's `answer` or refuses it, and an exception it raises refuses every job of the group."""

    def __init__(self, write_group: Callable[[list[Job]], None], most_per_group: int) -> None:
        self._write_group = write_group
        self._most = most_per_group
        self._guard = threading.Lock()
        self._waiting: deque[Job] = deque()
        self._writing = False  # a leader is writing; only then may `_waiting` be non-empty

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def submit(self, work: Any, size: int) -> Any:
        job = Job(work, size)
        with self._guard:
            self._waiting.append(job)
            leads = not self._writing
            self._writing = True
        if not leads:
            job._wake.wait()  # woken when its group is written, or to lead the next group
        if not job.finished:
            self._lead()
        if job.error is not None:
            raise job.error
        return job.answer

    def _lead(self) -> None:
        group = self._take_group()
        try:
            self._write_group(group)
        except BaseException as error:
            for job in group:
                if job.error is None:
                    job.error = error
        finally:
            for job in group:
                job.finished = True
                job._wake.set()
            self._hand_on()

    def _take_group(self) -> list[Job]:
        """The longest waiters, up to `most_per_group` statements (always at least one job)."""
        with self._guard:
            group = [self._waiting.popleft()]
            size = group[0].size
            while self._waiting and size + self._waiting[0].size <= self._most:
                size += self._waiting[0].size
                group.append(self._waiting.popleft())
        return group

    def _hand_on(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting[0]._wake.set()  # not finished: it wakes to lead
            else:
                self._writing = False
