"""Strangers trying keys beside a real kiosk. One enrolled kiosk sends a batch of 5 statements
every 100 ms to a real centre (SQLite); after 10 s alone, 48 clients in another process spend
20 s trying wrong credentials as fast as the centre answers them: half made-up Basic keys, half
a real key with wrong secrets (the case that costs scrypt). Prints the kiosk's p95 request time
alone and beside them, and the ratio (target: at most 2x); the growth of the server's memory
(target: at most 50 MB); how many wrong tries the centre answered, and how.

Run twice: as shipped, and with pacing turned off (`--free-failed-sign-ins` so large it never
starts) to show what the pacing buys. Linux only (reads the server's memory from /proc).
SILVERSTEPS_BENCH_QUICK=1 for a quick look."""

from __future__ import annotations

import asyncio
import multiprocessing
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from _centre import centre_process, kiosk_statements, make_key, scaled, sqlite_url
from _common import ROOT, percentile

from app.core.xapi import XAPI_VERSION

STRANGERS = 48
ALONE_SECONDS = scaled(10, 4)
BESIDE_SECONDS = scaled(20, 8)
KIOSK_EVERY_SECONDS = 0.1
NEVER = "1000000000"


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _stranger(url: str, real_key: str, number: int, until: float, answers: Counter[int]) -> None:
    async with httpx.AsyncClient(
        base_url=url, headers={"X-Experience-API-Version": XAPI_VERSION}, timeout=60
    ) as client:
        while time.monotonic() < until:
            key = real_key if number % 2 else secrets.token_hex(12)
            try:
                answer = await client.get("/xapi/statements", auth=(key, secrets.token_urlsafe(24)))
                answers[answer.status_code] += 1
            except httpx.HTTPError:
                answers[0] += 1


def strangers(url: str, real_key: str, seconds: float, report: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """In a process of its own, so the strangers' own work does not slow the kiosk's client."""
    answers: Counter[int] = Counter()
    until = time.monotonic() + seconds

    async def all_of_them() -> None:
        await asyncio.gather(*(_stranger(url, real_key, n, until, answers) for n in range(STRANGERS)))

    asyncio.run(all_of_them())
    report.put(dict(answers))


def kiosk_times(url: str, token: str, seconds: float, start_number: int) -> list[float]:
    """The kiosk's request times in ms: a batch of 5 statements every 100 ms, each new."""
    statements = kiosk_statements(start_number, int(seconds / KIOSK_EVERY_SECONDS) * 5 + 5)
    times: list[float] = []
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as kiosk:
        until = time.monotonic() + seconds
        batch = 0
        while time.monotonic() < until:
            started = time.perf_counter()
            answer = kiosk.post("/xapi/statements", json=statements[batch * 5 : batch * 5 + 5])
            times.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, answer.text
            batch += 1
            time.sleep(max(0.0, KIOSK_EVERY_SECONDS - times[-1] / 1000))
    return times


def enrolled_token(url: str, db: str) -> str:
    code = subprocess.run(
        [sys.executable, "-m", "app", "centre", "enrol-code", "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    answer = httpx.post(f"{url}/api/v1/kiosks/enrol", json={"code": code, "name": "the real kiosk"}, timeout=30)
    answer.raise_for_status()
    return answer.json()["token"]


def one_run(label: str, folder: Path, *options: str) -> None:
    db = sqlite_url(folder, f"{label.split()[0]}.db")
    make_key(db, "first")  # the database made and migrated before the server starts
    real_key, _secret = make_key(db, "a real tool")
    with centre_process(db, *options) as (url, process):
        token = enrolled_token(url, db)
        kiosk_times(url, token, 1.0, 0)  # warm: connections, caches
        alone = kiosk_times(url, token, ALONE_SECONDS, 1)
        memory_before = server_rss_mb(process.pid)
        report: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()  # type: ignore[type-arg]
        tries = multiprocessing.get_context("spawn").Process(
            target=strangers, args=(url, real_key, BESIDE_SECONDS, report)
        )
        peak = [memory_before]

        def watch_memory() -> None:
            while tries.is_alive():
                peak.append(server_rss_mb(process.pid))
                time.sleep(0.25)

        tries.start()
        time.sleep(0.5)  # the strangers connected
        watcher = threading.Thread(target=watch_memory)
        watcher.start()
        beside = kiosk_times(url, token, BESIDE_SECONDS - 1.0, 2)
        answers = report.get(timeout=120)
        tries.join(60)
        watcher.join(10)
    alone_p95, beside_p95 = percentile(alone, 95), percentile(beside, 95)
    tried = sum(answers.values())
    print(
        f"{label}: kiosk p95 {alone_p95:.1f} ms alone, {beside_p95:.1f} ms beside {STRANGERS} strangers "
        f"= {beside_p95 / alone_p95:.2f}x (target <= 2x); server memory +{max(peak) - memory_before:.0f} MB "
        f"(target <= 50 MB); wrong tries answered {tried / BESIDE_SECONDS:.0f}/s "
        f"({', '.join(f'{status}: {count}' for status, count in sorted(answers.items()))})"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="silversteps-bench-") as folder:
        one_run("paced (as shipped)", Path(folder))
        one_run("not paced", Path(folder), "--free-failed-sign-ins", NEVER)


if __name__ == "__main__":
    main()
