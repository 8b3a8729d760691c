"""Centre ingest over HTTP: 50 simulated kiosks at once, each posting its statements in batches
of 100 to the real server (HTTP Basic, version header, full validation, index rows, the
forwarding queue), beside a bare SQLAlchemy bulk insert of the same statements into the same
kind of database, one transaction per batch of 100, in the same run. Target: at least 0.3 of
the bare rate. On SQLite with one worker (the default) and with two (`--workers 2`: one per
core of a two-core centre PC), and on a throwaway PostgreSQL (2 workers; fsync off for both
the server and the bare insert). SILVERSTEPS_BENCH_QUICK=1 for a quick look."""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from _centre import (
    bare_insert_rate,
    held_ids,
    kiosk_statements,
    make_key,
    postgres_or_none,
    running_centre,
    scaled,
    sqlite_url,
)

from app.core.xapi import XAPI_VERSION

KIOSKS = 50
BATCH = 100
BATCHES_EACH = scaled(4, 1)
TARGET = 0.3


def batches_of(kiosk: int) -> list[list[dict[str, Any]]]:
    made = kiosk_statements(kiosk, BATCH * BATCHES_EACH)
    return [made[i : i + BATCH] for i in range(0, len(made), BATCH)]


def ingest_rate(url: str, credential: tuple[str, str], work: list[list[list[dict[str, Any]]]]) -> float:
    """Statements per second, from all kiosks released together to the last answer."""
    return asyncio.run(_ingest(url, credential, work))


async def _ingest(url: str, credential: tuple[str, str], work: list[list[list[dict[str, Any]]]]) -> float:
    # Each kiosk is its own machine: its own client and connection, its batches encoded on its
    # own CPU (a kiosk's outbox keeps them as JSON text), here before the clock starts. With
    # fifty client threads encoding in this process, the benchmark used as much CPU as the
    # server it measures, on the same two cores.
    bodies = [[json.dumps(batch).encode() for batch in batches] for batches in work]
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
    refused: list[str] = []

    async def kiosk(client: httpx.AsyncClient, batches: list[bytes]) -> None:
        for body in batches:
            response = await client.post("/xapi/statements", content=body)
            if response.status_code != 200:
                refused.append(f"{response.status_code} {response.text[:200]}")

    clients = [
        httpx.AsyncClient(base_url=url, auth=credential, headers=headers, timeout=120) for _ in range(len(bodies))
    ]
    started = time.perf_counter()
    await asyncio.gather(*(kiosk(client, batches) for client, batches in zip(clients, bodies, strict=True)))
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    if refused:
        raise SystemExit(f"the centre refused {len(refused)} batches, e.g. {refused[0]}")
    return sum(len(batch) for batches in work for batch in batches) / elapsed


def measure(name: str, db: str, bare_db: str, *options: str) -> None:
    work = [batches_of(kiosk) for kiosk in range(KIOSKS)]
    total = sum(len(batch) for batches in work for batch in batches)
    bare = bare_insert_rate(bare_db, [batch for batches in work for batch in batches])
    credential = make_key(db, "bench kiosks")
    with running_centre(db, *options) as url:
        centre = ingest_rate(url, credential, work)
    ids = held_ids(db)
    assert len(ids) == len(set(ids)) == total, (len(ids), len(set(ids)), total)
    workers = options[options.index("--workers") + 1] if "--workers" in options else "1"
    print(
        f"{name}: {total:,} statements from {KIOSKS} kiosks in batches of {BATCH}, {workers} worker(s): "
        f"centre over HTTP {centre:,.0f}/s, bare bulk insert {bare:,.0f}/s, "
        f"ratio {centre / bare:.2f} (target >= {TARGET})"
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="silversteps-bench-ingest-"))
    measure("SQLite", sqlite_url(folder, "centre.db"), sqlite_url(folder, "bare.db"))
    measure("SQLite", sqlite_url(folder, "centre-2.db"), sqlite_url(folder, "bare-2.db"), "--workers", "2")
    with postgres_or_none() as postgres:
        if postgres is not None:
            measure("PostgreSQL", postgres, postgres, "--workers", "2")


if __name__ == "__main__":
    main()
