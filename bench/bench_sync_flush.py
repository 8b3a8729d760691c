"""A kiosk back online with 10,000 statements waiting in its real outbox: its real SyncWorker
sends them to a real centre (batches of 50, each marked sent only after the centre's 200), and
the same statements posted directly to a fresh centre of the same kind, batch by batch from one
client, in the same run. Prints statements/s for both and the ratio flush / direct: what the
outbox and the worker add on top of the centre's own ingest. SQLite centre (the default).
SILVERSTEPS_BENCH_QUICK=1 for a quick look."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from _centre import held_ids, kiosk_statements, make_key, running_centre, scaled, sqlite_url

from app.core.xapi import XAPI_VERSION
from app.store.db import open_database
from app.store.outbox import add_statement
from app.sync.link import CentreLink
from app.sync.worker import BATCH, SyncWorker

WAITING = scaled(10_000, 1_000)


def flush_rate(folder: Path, made: list[dict[str, Any]]) -> float:
    kiosk = open_database(folder / "kiosk")
    with kiosk.sessions.begin() as session:  # as a day offline leaves them, frozen one by one
        for statement in made:
            add_statement(session, statement)
    assert kiosk.outbox.counts().waiting == len(made)
    db = sqlite_url(folder, "flushed.db")
    key, secret = make_key(db, "kiosk back online")
    with running_centre(db) as url:
        worker = SyncWorker(kiosk.outbox, CentreLink(url, key, secret))
        started = time.perf_counter()
        sent = worker.send_waiting()
        elapsed = time.perf_counter() - started
        worker.stop()
    counts = kiosk.outbox.counts()
    kiosk.close()
    assert sent == len(made) and counts.waiting == 0 and counts.set_aside == 0, counts
    ids = held_ids(db)
    assert len(ids) == len(set(ids)) == len(made)
    return len(made) / elapsed


def direct_rate(folder: Path, made: list[dict[str, Any]]) -> float:
    db = sqlite_url(folder, "direct.db")
    credential = make_key(db, "direct")
    with running_centre(db) as url:
        headers = {"X-Experience-API-Version": XAPI_VERSION}
        with httpx.Client(base_url=url, auth=credential, headers=headers, timeout=120) as client:
            started = time.perf_counter()
            for first in range(0, len(made), BATCH):
                response = client.post("/xapi/statements", json=made[first : first + BATCH])
                assert response.status_code == 200, response.text
            elapsed = time.perf_counter() - started
    assert len(held_ids(db)) == len(made)
    return len(made) / elapsed


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="silversteps-bench-flush-"))
    made = kiosk_statements(0, WAITING)
    direct = direct_rate(folder, made)
    flush = flush_rate(folder, made)
    print(
        f"{len(made):,} waiting statements flushed by the sync worker (batches of {BATCH}): {flush:,.0f}/s; "
        f"the same posted directly: {direct:,.0f}/s; ratio flush / direct {flush / direct:.2f}"
    )


if __name__ == "__main__":
    main()
