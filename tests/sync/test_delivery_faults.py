"""Between the kiosk and the centre, a real HTTP proxy on 127.0.0.1 that misbehaves the way
networks and middleboxes do: it delivers a batch twice (one after the other, or both copies at
once), holds a batch back and delivers it later, after newer ones (answering the kiosk 502 in
the meantime, so the kiosk sends it again), and loses the centre's answer after delivering.

The real store and outbox and the real SyncWorker's rounds on one side, the real centre on the
other: once the outbox is empty, the centre holds every statement the kiosk made exactly once
and unaltered, nothing is set aside, and every copy the proxy delivered was answered 200."""

from __future__ import annotations

import contextlib
import random
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from app.core.xapi import XAPI_VERSION
from app.store.db import open_database
from app.sync.delivery import RetryLater
from app.sync.link import CentreLink
from app.sync.worker import SyncWorker
from tests.sync.test_sync_with_centre import IDENTITY, Centre

pytestmark = pytest.mark.slow
STATEMENTS = 1000  # 20 batches of 50
SERVER_SET = ("stored", "authority", "version")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FaultyProxy:
    """Forwards to `target`, with the faults chosen by a seeded random generator."""

    def __init__(self, target: str, seed: int) -> None:
        self.target = target
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.held: list[Request] = []
        self.delivered: list[tuple[Request, int]] = []  # every copy that reached the centre, and its answer
        self.faults: dict[str, int] = {}
        self.client = httpx.Client(base_url=target, timeout=60)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy.handle(self)

            do_POST = do_PUT = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.errors: list[str] = []

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                proxy.errors.append(traceback.format_exc())

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def deliver(self, request: Request) -> httpx.Response:
        response = self.client.request(request.method, request.path, headers=request.headers, content=request.body)
        with self.lock:
            self.delivered.append((request, response.status_code))
        return response

    def deliver_at_once(self, requests: list[Request]) -> list[httpx.Response]:
        answers: list[httpx.Response] = []
        threads = [threading.Thread(target=lambda r=r: answers.append(self.deliver(r))) for r in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        return answers

    def release_some(self) -> None:
        """Deliver some held batches now, late and in a shuffled order."""
        with self.lock:
            self.random.shuffle(self.held)
            cut = self.random.randint(0, len(self.held))
            late, self.held = self.held[:cut], self.held[cut:]
        for request in late:
            self.deliver(request)

    def count(self, fault: str) -> None:
        with self.lock:
            self.faults[fault] = self.faults.get(fault, 0) + 1

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        headers = {name: value for name, value in handler.headers.items() if name.lower() not in HOP_BY_HOP}
        request = Request(handler.command, handler.path, headers, body)
        if request.method != "POST":
            self.reply(handler, self.deliver(request))
            return
        with self.lock:
            fate = self.random.choices(["plain", "twice", "twice at once", "hold", "lose answer"], [3, 2, 2, 2, 2])[0]
            release = self.random.random() < 0.5
        self.count(fate)
        if release:
            self.release_some()
        if fate == "hold":
            with self.lock:
                self.held.append(request)
            self.reply(handler, None)
            return
        if fate == "twice":
            self.deliver(request)
            answer = self.deliver(request)
        elif fate == "twice at once":
            answer = self.deliver_at_once([request, request])[-1]
        else:
            answer = self.deliver(request)
        self.reply(handler, None if fate == "lose answer" else answer)

    @staticmethod
    def reply(handler: BaseHTTPRequestHandler, answer: httpx.Response | None) -> None:
        """The centre's answer, or 502 (the kiosk's request may or may not have got through)."""
        status, content = (502, b'{"error": "bad gateway"}') if answer is None else (answer.status_code, answer.content)
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.client.close()


@pytest.fixture(params=[20261125, 7])
def proxy(centre: Centre, request: pytest.FixtureRequest) -> Iterator[FaultyProxy]:
    faulty = FaultyProxy(centre.url, request.param)
    yield faulty
    faulty.close()


def test_duplicated_reordered_and_unanswered_batches_leave_each_statement_once(centre, proxy, data_dir):
    db = open_database(data_dir)
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    made = {}
    for i in range(STATEMENTS):
        statement = IDENTITY.attendance(f"learner-{i}", start + timedelta(seconds=i))
        db.outbox.add(statement)
        made[statement["id"]] = statement
    key, secret = centre.key("kiosk behind a faulty proxy")
    worker = SyncWorker(db.outbox, CentreLink(proxy.url, key, secret))
    rounds = 0
    while db.outbox.counts().waiting:
        rounds += 1
        assert rounds < 500, "the outbox never emptied"
        with contextlib.suppress(RetryLater):  # the next round sends it again, as the worker's loop would
            worker.send_waiting()
    worker.stop()
    # Whatever was still held back arrives last, and then every batch once more, newest first.
    proxy.release_some()
    for request in proxy.held:
        proxy.deliver(request)
    for request, _ in list(reversed(proxy.delivered)):
        proxy.deliver(request)

    assert proxy.errors == []
    assert {"twice", "twice at once", "hold", "lose answer"} <= set(proxy.faults), proxy.faults
    assert {status for _, status in proxy.delivered} == {200}
    counts = db.outbox.counts()
    assert (counts.waiting, counts.set_aside, counts.sent) == (0, 0, STATEMENTS)
    held = centre.statement_ids(key, secret)
    assert len(held) == len(set(held)) and set(held) == set(made)
    with httpx.Client(base_url=centre.url, auth=(key, secret), headers={"X-Experience-API-Version": XAPI_VERSION}) as c:
        for statement_id in list(made)[:: STATEMENTS // 50]:
            stored = c.get("/xapi/statements", params={"statementId": statement_id}).json()
            assert {k: v for k, v in stored.items() if k not in SERVER_SET} == made[statement_id]
    db.close()
