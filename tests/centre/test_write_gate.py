"""Load shedding: past --max-writes-waiting, a write is answered at once with 503 and a
Retry-After, stores nothing, and is stored when sent again."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from app.centre.api.write_gate import RETRY_AFTER_SECONDS, WriteGate
from app.centre.errors import ApiError
from tests.centre.support import error_of, make_key, running_centre, statement


def test_the_gate_turns_away_only_past_its_limit_and_spreads_the_retries() -> None:
    gate = WriteGate(2, random.Random(7))
    with gate.admit(), gate.admit():
        waits = set()
        for _ in range(40):
            with pytest.raises(ApiError) as refused, gate.admit():
                pass
            assert refused.value.status_code == 503
            waits.add(int(refused.value.headers["Retry-After"]))
        assert gate.turned_away == 40
    assert gate.in_flight == 0
    with gate.admit():  # room again once the others are done
        assert gate.in_flight == 1
    assert min(waits) >= RETRY_AFTER_SECONDS[0] and max(waits) <= RETRY_AFTER_SECONDS[1]
    assert len(waits) > 5, "kiosks told to come back at different times"


def test_a_busy_centre_answers_at_once_and_keeps_nothing_of_the_refused_batch(tmp_path: Path) -> None:
    db_path = tmp_path / "c.db"
    db = f"sqlite:///{db_path}"
    with running_centre(db, tmp_path / "server.log", "--max-writes-waiting", "1") as centre:
        key = make_key(db)
        first, second = [statement() for _ in range(3)], [statement() for _ in range(3)]
        answers: dict[str, httpx.Response] = {}
        # Someone else holds SQLite's write lock, so the first batch waits inside the server.
        with closing(sqlite3.connect(db_path, isolation_level=None)) as blocker:
            blocker.execute("BEGIN IMMEDIATE")

            def send_first() -> None:
                with centre.client(key) as client:
                    answers["first"] = client.post("/xapi/statements", json=first)

            sender = threading.Thread(target=send_first)
            sender.start()
            time.sleep(1.0)  # the first batch is now waiting for its turn
            with centre.client(key) as client:
                began = time.monotonic()
                busy = client.post("/xapi/statements", json=second)
                answered_in = time.monotonic() - began
            blocker.execute("ROLLBACK")
        sender.join(60)
        assert busy.status_code == 503, busy.text
        assert answered_in < 2.0, "a busy answer does not wait in the queue"
        assert RETRY_AFTER_SECONDS[0] <= int(busy.headers["Retry-After"]) <= RETRY_AFTER_SECONDS[1]
        assert "nothing was stored" in error_of(busy)
        assert answers["first"].status_code == 200
        with centre.client(key) as client:
            for item in second:
                assert client.get("/xapi/statements", params={"statementId": item["id"]}).status_code == 404
            again = client.post("/xapi/statements", json=second)
            assert again.status_code == 200
            assert again.json() == [item["id"] for item in second]
