"""A kiosk in its own process, for tests that run it under a wrong clock (libfaketime): its
real store records learners signing in and playing a lesson to the end (attendance, lesson
started, every step, lesson completed, each statement frozen in the outbox in the transaction
of the progress it reports), then its real SyncWorker thread sends the outbox to the centre.

    python -m tests.sync.skewed_kiosk DATA_DIR CENTRE_URL KEY SECRET LEARNERS

Prints one JSON line: the kiosk's clock before and after, every statement as frozen in the
outbox, and what is left waiting or set aside."""

from __future__ import annotations

import json
import sys
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import httpx

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import XAPI_VERSION, KioskIdentity
from app.store.db import open_database
from app.sync.delivery import retry_after_seconds
from app.sync.link import CentreLink
from app.sync.worker import SyncWorker

SEND_SECONDS = 120


def main(data_dir: str, url: str, key: str, secret: str, learners: str) -> None:
    clock_before = datetime.now(UTC)
    db = open_database(Path(data_dir))
    identity = KioskIdentity(kiosk_id=f"kiosk-{Path(data_dir).name}", centre_home="https://centre.example/skew")
    lesson = min(load_courses([courses_dir()]).lessons, key=lambda lesson: len(lesson.steps))
    for n in range(int(learners)):
        learner = db.learners.add(f"Learner {n}")
        db.outbox.add(identity.attendance(learner.id, datetime.now(UTC)))
        db.progress.start(learner.id, lesson.id, lesson.version, started=identity.start_of(learner.id, lesson))
        for index, step in enumerate(lesson.steps):
            last = index + 1 == len(lesson.steps)
            db.progress.record(
                learner.id,
                lesson.id,
                outcome="complete" if last else "next",
                step_index=index,
                step_id=step.id,
                mistakes_on_step=0,
                seconds=3.0,
                next_step=index + 1,
                completed=last,
                completion=identity.completion_of(learner.id, lesson),
                progressed=identity.step_of(learner.id, lesson),
            )
    with db.engine.connect() as connection:
        frozen = [json.loads(row[0]) for row in connection.exec_driver_sql("SELECT body FROM outbox")]

    worker = SyncWorker(db.outbox, CentreLink(url, key, secret))
    worker.start()
    worker.nudge()
    deadline, pause = time.monotonic() + SEND_SECONDS, threading.Event()
    while db.outbox.counts().waiting and time.monotonic() < deadline:
        pause.wait(0.05)  # not time.sleep: libfaketime 0.9.10 breaks its clock_nanosleep (EINVAL)
    worker.stop()
    counts = db.outbox.counts()

    # A Retry-After given as a date 30 s ahead of the centre's clock (its Date header), read
    # by this kiosk with its own clock and with the centre's.
    date = httpx.get(f"{url}/xapi/about", headers={"X-Experience-API-Version": XAPI_VERSION}).headers["date"]
    retry_at = format_datetime(datetime.fromtimestamp(parsedate_to_datetime(date).timestamp() + 30, UTC), usegmt=True)
    print(
        json.dumps(
            {
                "clock_before": clock_before.isoformat(),
                "clock_after": datetime.now(UTC).isoformat(),
                "statements": frozen,
                "waiting": counts.waiting,
                "set_aside": counts.set_aside,
                "retry_after_by_own_clock": retry_after_seconds(retry_at),
                "retry_after_by_centre_date": retry_after_seconds(retry_at, date=date),
                "problem": worker.state().problem,
            }
        ),
        flush=True,
    )
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
