"""A city's fleet: 1,000 kiosks, each enrolled with its own one-time code and sending its 100
statements with its device token in the sync worker's batches of 50, all coming online at once
(asyncio and httpx, one connection per kiosk) to one real centre. Then the centre's database
is read with SQL: every statement there exactly once, none lost, none doubled. Prints request
latency (p50, p99, max) against the sync worker's request time-out, throughput, and how many
answers were 503/429: past `--max-writes-waiting` the centre answers at once with Retry-After,
and a kiosk waits as the sync worker does (backoff_delay: jitter, never less than asked).
SQLite centre (the default; PostgreSQL with SILVERSTEPS_BENCH_FLEET_DB=postgresql).
SILVERSTEPS_BENCH_QUICK=1 for a quick look."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from _centre import held_ids, kiosk_statements, postgres_or_none, running_centre, scaled, sqlite_url
from _common import median, percentile

from app.centre.database import make_engine, migrate
from app.centre.kiosks import create_enrolment_code
from app.core.xapi import XAPI_VERSION
from app.sync.delivery import TIMEOUT_S, backoff_delay, retry_after_seconds
from app.sync.worker import BATCH

KIOSKS = scaled(1_000, 100)
EACH = 100


async def enrol_all(url: str, codes: list[str]) -> list[str]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        answers = await asyncio.gather(
            *(
                client.post("/api/v1/kiosks/enrol", json={"code": code, "name": f"kiosk {n}"})
                for n, code in enumerate(codes)
            )
        )
    assert all(answer.status_code == 201 for answer in answers), Counter(a.status_code for a in answers)
    return [answer.json()["token"] for answer in answers]


async def fleet(
    url: str, tokens: list[str], work: list[list[dict[str, Any]]]
) -> tuple[list[float], list[float], float, Counter]:
    latencies: list[float] = []
    stored_latencies: list[float] = []  # the answers that stored the batch
    busy: Counter[int | str] = Counter()
    # Each kiosk is its own machine: its own client and connection, its batches encoded on its
    # own CPU (here before the clock starts). One shared client of 1,000 connections spent the
    # time in its own pool, and counted it as the centre's latency.
    bodies = [
        [json.dumps(made[first : first + BATCH]).encode() for first in range(0, len(made), BATCH)] for made in work
    ]

    async def kiosk(client: httpx.AsyncClient, token: str, batches: list[bytes]) -> None:
        headers = {
            "Authorization": f"Bearer {token}",
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
        }
        for body in batches:
            await send(client, headers, body)

    async def send(client: httpx.AsyncClient, headers: dict[str, str], body: bytes) -> None:
        failures = 0
        while True:
            began = time.perf_counter()
            try:
                response = await client.post("/xapi/statements", content=body, headers=headers)
            except httpx.TransportError as error:  # the sync worker backs off and tries again
                latencies.append(time.perf_counter() - began)
                busy[type(error).__name__] += 1
                failures += 1
                await asyncio.sleep(backoff_delay(failures, None))
                continue
            latencies.append(time.perf_counter() - began)
            if response.status_code not in (429, 503):
                stored_latencies.append(latencies[-1])
                break
            busy[response.status_code] += 1
            failures += 1
            asked = retry_after_seconds(response.headers.get("Retry-After"), date=response.headers.get("Date"))
            await asyncio.sleep(backoff_delay(failures, asked))
        assert response.status_code == 200, response.text

    clients = [httpx.AsyncClient(base_url=url, timeout=600) for _ in tokens]
    started = time.perf_counter()
    await asyncio.gather(*(kiosk(*each) for each in zip(clients, tokens, bodies, strict=True)))
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    return latencies, stored_latencies, elapsed, busy


def main() -> None:
    with ExitStack() as stack:
        if os.environ.get("SILVERSTEPS_BENCH_FLEET_DB") == "postgresql":
            db = stack.enter_context(postgres_or_none())
            if db is None:
                return
        else:
            db = sqlite_url(Path(tempfile.mkdtemp(prefix="silversteps-bench-fleet-")), "centre.db")
        engine = make_engine(db)
        migrate(engine)
        codes = [create_enrolment_code(engine)[0] for _ in range(KIOSKS)]
        engine.dispose()
        work = [kiosk_statements(n, EACH) for n in range(KIOSKS)]
        with running_centre(db) as url:
            tokens = asyncio.run(enrol_all(url, codes))
            latencies, stored_latencies, elapsed, busy = asyncio.run(fleet(url, tokens, work))

    made = {statement["id"] for statements in work for statement in statements}
    held = held_ids(db)
    lost, doubled = len(made - set(held)), len(held) - len(set(held))
    kind = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
    print(
        f"{KIOSKS:,} kiosks x {EACH} statements ({len(made):,}) in {len(latencies):,} requests of {BATCH}, "
        f"all at once, {kind}, 1 worker: {len(made) / elapsed:,.0f} statements/s ({elapsed:.1f} s); "
        f"request latency p50 {median(latencies) * 1000:,.0f} ms, p99 {percentile(latencies, 99) * 1000:,.0f} ms, "
        f"max {max(latencies) * 1000:,.0f} ms (the kiosk gives up after {TIMEOUT_S:.0f} s; "
        f"{sum(1 for latency in latencies if latency > TIMEOUT_S):,} requests took longer); "
        f"the answers that stored: p50 {median(stored_latencies) * 1000:,.0f} ms, "
        f"p99 {percentile(stored_latencies, 99) * 1000:,.0f} ms; "
        f"busy answers retried later: {dict(busy) or 'none'}; "
        f"in the database: {len(held):,} rows, lost {lost}, doubled {doubled}"
    )
    assert lost == 0 and doubled == 0 and set(held) == made


if __name__ == "__main__":
    main()
