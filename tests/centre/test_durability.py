"""A centre server killed outright (SIGKILL: no shutdown, as in a power cut) and started again
on the same database still has every statement it acknowledged, while a kiosk was sending."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
import uuid
from contextlib import closing

import httpx

from tests.centre.support import make_key, start_centre, statement, stop_centre

ACKNOWLEDGED_BEFORE_THE_KILL = 100
MAX_REQUESTS = 500


def test_every_acknowledged_statement_survives_sigkill_and_restart(tmp_path):
    db = f"sqlite:///{tmp_path}/durable.db"
    credential = make_key(db)
    registration = str(uuid.uuid4())
    acknowledged: list[str] = []
    refused: list[str] = []
    server = start_centre(db, tmp_path / "first.log")

    def kiosk() -> None:
        """Sends batches of five until the server dies under it (or the request budget ends)."""
        with server.client(credential) as client:
            for _ in range(MAX_REQUESTS):
                batch = [statement(context={"registration": registration}) for _ in range(5)]
                try:
                    response = client.post("/xapi/statements", json=batch)
                except httpx.TransportError:
                    return
                if response.status_code != 200:
                    refused.append(response.text)
                    return
                acknowledged.extend(response.json())

    sender = threading.Thread(target=kiosk)
    sender.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < ACKNOWLEDGED_BEFORE_THE_KILL and time.monotonic() < deadline and sender.is_alive():
        time.sleep(0.01)
    assert stop_centre(server, signal.SIGKILL) == -signal.SIGKILL
    sender.join(30)
    assert refused == []
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_THE_KILL

    again = start_centre(db, tmp_path / "second.log")
    try:
        with again.client(credential) as client:
            kept: set[str] = set()
            page = client.get("/xapi/statements", params={"registration": registration, "limit": 500})
            while True:
                assert page.status_code == 200, page.text
                kept |= {item["id"] for item in page.json()["statements"]}
                if not page.json()["more"]:
                    break
                page = client.get(page.json()["more"])
    finally:
        assert stop_centre(again) == 0  # SIGTERM: a graceful stop exits 0
    assert set(acknowledged) <= kept
    assert len(kept) - len(acknowledged) <= 5  # at most the one batch in flight at the kill
    with closing(sqlite3.connect(db.removeprefix("sqlite:///"))) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
