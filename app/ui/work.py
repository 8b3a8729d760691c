"""Background work for the staff console: a function runs on its own QThread (network calls to
the centre, reading the store for a report, writing a file) and reports back through queued
signals, so the screen never freezes and no widget is touched from the worker thread.

The function is given a `report(done, total)` callable. Calling it sends the progress to the
screen and is also where a cancel takes effect: it raises `Cancelled`, which the export
writers let through, so a cancelled export leaves no file behind (app/exports/atomic.py).

While any page's job runs, `running_work()` says so: the idle sign-outs (app/ui/idle.py) wait
for it instead of signing staff out in the middle of a long export."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

ProgressReport = Callable[[int, int | None], None]


class Cancelled(Exception):
    """Staff pressed Cancel; raised inside the work at its next report."""


class RunningWork(QObject):
    """How many jobs are running on the kiosk (counted on the GUI thread, when a Worker
    starts one and when its outcome is handed over). `finished` comes when the last ends."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._count = 0

    @property
    def busy(self) -> bool:
        return self._count > 0

    def begin(self) -> None:
        self._count += 1

    def end(self) -> None:
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self.finished.emit()


@functools.cache
def running_work() -> RunningWork:
    """The one count of the kiosk's background work."""
    return RunningWork()


class Job(QThread):
    """One function on one thread. Its signals are emitted on the worker thread and reach
    slots of GUI objects queued, on the GUI thread."""

    progressed = Signal(int, int)  # done, total (-1: not known)
    ended = Signal(object)  # the Job itself, once its result or error is set

    def __init__(self, work: Callable[[ProgressReport], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int | None = None) -> None:
        """Called from the work. The last report (done == total) never cancels: by then the
        writer has already put the whole file in place, and it should be said so."""
        if self._cancel.is_set() and (total is None or done < total):
            raise Cancelled
        self.progressed.emit(done, -1 if total is None else total)

    def check(self) -> None:
        """For work between reports (after a download, before writing): stop if cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def run(self) -> None:
        try:
            self.result = self._work(self.report)
        except Exception as problem:  # every failure goes back to the screen, as words
            self.error = problem
        self.ended.emit(self)


class Worker(QObject):
    """Runs one Job at a time for a page and hands its outcome to the page's callbacks on the
    GUI thread. A page that is left cancels its job; the kiosk closing waits for it."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._done: Callable[[Any], None] | None = None
        self._failed: Callable[[BaseException], None] | None = None
        self._progress: Callable[[int, int], None] | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(
        self,
        work: Callable[[ProgressReport], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        progress: Callable[[int, int], None] | None = None,
    ) -> Job | None:
        """Start `work` unless a job is running already (a second tap does nothing)."""
        if self.job is not None:
            return None
        self._done, self._failed, self._progress = done, failed, progress
        job = Job(work, self)
        job.progressed.connect(self._on_progress)
        job.ended.connect(self._on_ended)
        self.job = job
        running_work().begin()
        self.busy_changed.emit(True)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def forget(self) -> None:
        """The page was left: cancel, and let the outcome go unsaid (the work itself finishes
        whole, or stops at its next report, on its own thread)."""
        self.cancel()
        self._done = self._failed = self._progress = None

    def wait(self, timeout_ms: int = 60_000) -> None:
        """Before the kiosk closes: a thread must not be destroyed while it runs."""
        job = self.job
        if job is not None:
            job.wait(timeout_ms)
            self._on_ended(job)

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(done, total)

    def _on_ended(self, job: Job) -> None:
        if job is not self.job:  # already handled by wait()
            return
        job.wait()  # run() is returning: let the thread end before it is deleted
        self.job = None
        job.deleteLater()
        done, failed = self._done, self._failed
        self._done = self._failed = self._progress = None
        self.busy_changed.emit(False)
        try:
            if job.error is not None:
                if failed is not None:
                    failed(job.error)
            elif done is not None:
                done(job.result)
        finally:  # the page has said how it went: only now may an idle sign-out follow
            running_work().end()
