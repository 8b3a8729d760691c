"""Forwarding to the city's store, between two real centre servers on 127.0.0.1: centre A (the
neighbourhood's) forwards every statement it stores to centre B, which acts as the city's
store, with a credential made by `centre key` on B. After every story, the statements on B are
exactly those stored on A: none missing, none twice, none altered (only `stored` and
`authority` are B's own, as xAPI asks of a store that receives a statement)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from app.centre.credentials import Client, create_credential
from app.centre.database import make_engine, migrate
from app.centre.errors import ApiError
from app.centre.forwarding.commands import read_secret
from app.centre.forwarding.outgoing import as_forwarded
from app.centre.forwarding.progress import Progress, record_delivered
from app.centre.forwarding.queue import VOIDS, QueueState, claim, queue_state, release, release_abandoned, set_aside
from app.centre.forwarding.report import describe
from app.centre.forwarding.upstream import UpstreamSettingsError, configure, endpoint_of
from app.centre.forwarding.voiding import VOID_NAMESPACE, void_id, voiding_statement
from app.centre.roster.learners import LearnerEntry, Roster
from app.centre.roster.removal import delete_learner
from app.centre.scopes import KIOSK_TOKEN_SCOPES, STAFF
from app.centre.xapi.repository import StatementRepository
from app.cli import main
from tests.centre.support import ROOT, Centre, make_key, start_centre, statement, stop_centre
from tests.centre.test_postgresql import postgres_url  # noqa: F401 - the throwaway PostgreSQL cluster fixture
from tests.system.support import finished_child, forbid_signals, running_child

SECRET_VARIABLE = "SILVERSTEPS_UPSTREAM_SECRET"
SET_BY_THE_RECEIVING_STORE = ("stored", "authority")
WAIT_SECONDS = 45
KIOSK_LOAD = 150
LARGE = 1000  # a queue that takes the forwarder a second or so: long enough to kill a server in the middle


# ---- the parts, without servers ----------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        "https://lrs.city.example/xapi",
        "https://lrs.city.example/xapi/",
        "https://lrs.city.example/xapi/statements",
        " https://lrs.city.example/xapi/statements/ ",
    ],
)
def test_the_address_is_the_stores_xapi_endpoint(given: str):
    assert endpoint_of(given) == "https://lrs.city.example/xapi"


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("lrs.city.example/xapi", "e.g. https://"),
        ("ftp://lrs.city.example/xapi", "e.g. https://"),
        ("https://centre:secret@lrs.city.example/xapi", "leave the credentials out"),
        ("https://lrs.city.example/xapi?x=1", "?query"),
    ],
)
def test_an_address_that_cannot_work_is_refused_in_words(given: str, words: str):
    with pytest.raises(UpstreamSettingsError, match=re.escape(words)):
        endpoint_of(given)


def test_the_secret_comes_from_the_environment_or_stdin_never_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as refused:
        main(["centre", "upstream", "set", "https://lrs.example/xapi", "--key", "k", "--secret", "s"])
    assert refused.value.code == 2
    capsys.readouterr()

    monkeypatch.setenv(SECRET_VARIABLE, "from-the-environment")
    assert read_secret("k", io.StringIO("from-stdin\n")) == "from-the-environment"
    monkeypatch.delenv(SECRET_VARIABLE)
    assert read_secret("k", io.StringIO("from-stdin\nsecond line\n")) == "from-stdin"

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    db = f"sqlite:///{tmp_path}/a.db"
    assert main(["centre", "upstream", "set", "https://lrs.example/xapi", "--key", "k", "--db", db]) == 2
    assert SECRET_VARIABLE in capsys.readouterr().err
    assert main(["centre", "upstream", "show", "--db", db]) == 0
    assert "Forwarding is not set up" in capsys.readouterr().out


def test_the_store_sets_stored_and_authority_itself_everything_else_travels():
    document = {**statement(), "stored": "2026-11-25T01:30:00.250Z", "version": "1.0.3"}
    document["authority"] = {"objectType": "Agent", "account": {"homePage": "urn:x", "name": "kiosk"}}
    forwarded = as_forwarded(document)
    assert "stored" not in forwarded and "authority" not in forwarded
    assert forwarded == {key: value for key, value in document.items() if key not in ("stored", "authority")}


def _progress(**changes: Any) -> Progress:
    settings: dict[str, Any] = {
        "endpoint": "https://lrs.city.example/xapi",
        "key": "centre-a",
        "enabled": True,
        "configured_at": datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        "stopped_reason": None,
        "paused_until": None,
        "failures": 0,
        "last_success_at": None,
        "last_problem": None,
        "last_problem_at": None,
    }
    return Progress(**{**settings, **changes})


def test_show_says_what_is_wrong_and_what_to_do():
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    idle = QueueState(waiting=0, in_flight=0, oldest_waiting=None, set_aside=0, first_set_aside=[])
    waiting = QueueState(waiting=12, in_flight=0, oldest_waiting=now, set_aside=0, first_set_aside=[])
    assert "up to date" in "\n".join(describe(_progress(), idle, now))
    paused = "\n".join(describe(_progress(paused_until=now + timedelta(seconds=30), failures=3), waiting, now))
    assert "waiting to try again at 2026-11-25T09:00:30Z after 3 failed" in paused and "12 statement(s)" in paused
    stopped = describe(_progress(stopped_reason="The city's store refused our credentials (401: no)."), waiting, now)
    assert stopped[1].startswith("State:         STOPPED. The city's store refused our credentials")
    assert "Forwarding is not set up" in describe(_progress(endpoint=None), idle, now)[0]
    voids = QueueState(waiting=12, in_flight=0, oldest_waiting=now, set_aside=0, first_set_aside=[], voids_waiting=5)
    said = "\n".join(describe(_progress(), voids, now))
    assert "Waiting:       12 statement(s) (5 of them voiding statements" in said


def test_a_voiding_statement_is_the_same_each_time_it_is_made():
    voided = str(uuid.uuid4())
    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    made = voiding_statement(voided, "default", at)
    assert made == voiding_statement(voided, "default", at)
    assert made["id"] == void_id(voided) == str(uuid.uuid5(VOID_NAMESPACE, voided))
    assert made["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"
    assert made["object"] == {"objectType": "StatementRef", "id": voided}
    assert made["actor"]["account"]["homePage"] == "urn:silversteps:centre:default"


# ---- the two centres ----------------------------------------------------------------------


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@dataclass
class CityStore:
    """Centre B as the city's store, on a port of its own so it can be killed and started again
    at the same address; `credential` is what B's operator gave centre A."""

    folder: Path
    port: int = field(default_factory=free_port)
    server: Centre | None = None

    def __post_init__(self) -> None:
        self.db = f"sqlite:///{self.folder}/city.db"
        self.credential = make_key(self.db, "centre A")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xapi"

    def start(self) -> CityStore:
        self.server = start_centre(self.db, self.folder / "city.log", "--port", str(self.port))
        return self

    def kill(self) -> None:
        assert self.server is not None
        stop_centre(self.server, signal.SIGKILL)
        self.server = None

    def stop(self) -> None:
        if self.server is not None:
            stop_centre(self.server)
            self.server = None

    def stored_count(self) -> int:
        """Read from B's file directly: B may be dead when we look."""
        with closing(sqlite3.connect(self.db.removeprefix("sqlite:///"))) as connection:
            return connection.execute("SELECT count(*) FROM xapi_statements").fetchone()[0]


def kiosk_key(db: str) -> tuple[str, str]:
    """A kiosk's credential on centre A, made in this process (B's is made by `centre key`)."""
    engine = make_engine(db)
    try:
        migrate(engine)
        # what a kiosk's token may do, and its staff's deleting of a learner
        return create_credential(engine, "kiosk 1", scopes=KIOSK_TOKEN_SCOPES | {STAFF})
    finally:
        engine.dispose()


@dataclass
class Neighbourhood:
    """Centre A: its database, a kiosk's credential, and the server when it runs."""

    db: str
    log: Path
    options: tuple[str, ...] = ()
    server: Centre | None = None

    def __post_init__(self) -> None:
        self.kiosk = kiosk_key(self.db)

    def start(self) -> Neighbourhood:
        self.server = start_centre(self.db, self.log, *self.options)
        return self

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        if self.server is not None:
            stop_centre(self.server, how)
            self.server = None


@pytest.fixture
def city(tmp_path: Path) -> Iterator[CityStore]:
    store = CityStore(tmp_path)
    try:
        yield store
    finally:
        store.stop()


@pytest.fixture
def centre_a(tmp_path: Path) -> Iterator[Neighbourhood]:
    centre = Neighbourhood(f"sqlite:///{tmp_path}/a.db", tmp_path / "a.log")
    try:
        yield centre
    finally:
        centre.stop()


def upstream(db: str, *words: str, secret: str | None = None) -> subprocess.CompletedProcess[str]:
    """`silversteps centre upstream …` as the operator types it, the secret in the environment."""
    environment = {key: value for key, value in os.environ.items() if key != SECRET_VARIABLE}
    if secret is not None:
        environment[SECRET_VARIABLE] = secret
    return subprocess.run(
        [sys.executable, "-m", "app", "centre", "upstream", *words, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def forward_to(centre: Neighbourhood, endpoint: str, credential: tuple[str, str]) -> str:
    key, secret = credential
    done = upstream(centre.db, "set", endpoint, "--key", key, secret=secret)
    assert done.returncode == 0, done.stderr
    assert secret not in done.stdout + done.stderr
    return done.stdout


def show(centre: Neighbourhood) -> str:
    """`silversteps centre upstream show`, run in this process: the tests ask it often."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["centre", "upstream", "show", "--db", centre.db]) == 0
    return printed.getvalue()


def report_once_it_says(centre: Neighbourhood, words: str, seconds: float = WAIT_SECONDS) -> str:
    """`upstream show`, asked again until it says `words` (forwarding runs meanwhile)."""
    deadline = time.monotonic() + seconds
    while words not in (report := show(centre)):
        if time.monotonic() > deadline:
            pytest.fail(f"`upstream show` did not say {words!r} within {seconds} s; it said:\n{report}")
        time.sleep(0.2)
    return report


# ---- statements in and out ----------------------------------------------------------------


def send(centre: Centre, credential: tuple[str, str], statements: list[dict[str, Any]], batch: int = 50) -> None:
    with centre.client(credential) as client:
        for start in range(0, len(statements), batch):
            response = client.post("/xapi/statements", json=statements[start : start + batch])
            assert response.status_code == 200, response.text


def documents(centre: Centre, credential: tuple[str, str]) -> list[dict[str, Any]]:
    """Every statement the centre holds for this credential's centre, following `more` pages."""
    found: list[dict[str, Any]] = []
    with centre.client(credential) as client:
        page = client.get("/xapi/statements", params={"limit": 500})
        while True:
            assert page.status_code == 200, page.text
            found += page.json()["statements"]
            if not page.json()["more"]:
                return found
            page = client.get(page.json()["more"])


def held(centre: Centre, credential: tuple[str, str]) -> int:
    return len(documents(centre, credential))


def wait_for(condition: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS, every: float = 0.2) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(every)


def as_sent(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in SET_BY_THE_RECEIVING_STORE}


def assert_same_statements(on_a: list[dict[str, Any]], on_b: list[dict[str, Any]], city_key: str) -> None:
    """None missing, none twice, none altered; B vouches for each with the credential A used."""
    ids_on_b = [document["id"] for document in on_b]
    assert len(ids_on_b) == len(set(ids_on_b)), "a statement is on the city's store twice"
    by_id = {document["id"]: document for document in on_a}
    assert set(ids_on_b) == set(by_id), "the city's store does not hold exactly what centre A stored"
    for document in on_b:
        assert as_sent(document) == as_sent(by_id[document["id"]])
        assert document["authority"]["account"]["name"] == city_key
        assert document["version"] == by_id[document["id"]]["version"]


def assert_everything_forwarded(centre: Neighbourhood, city: CityStore, expected: int) -> str:
    """Waits for `expected` statements on the city's store and compares; returns `upstream show`."""
    assert centre.server is not None and city.server is not None
    wait_for(lambda: city.stored_count() >= expected, f"{expected} statements on the city's store")
    on_a = documents(centre.server, centre.kiosk)
    assert len(on_a) == expected
    assert_same_statements(on_a, documents(city.server, city.credential), city.credential[0])
    return report_once_it_says(centre, "up to date", 10)


# ---- the stories --------------------------------------------------------------------------


@pytest.mark.slow
def test_every_statement_is_forwarded_once_and_unaltered(city: CityStore, centre_a: Neighbourhood):
    city.start()
    centre_a.start()
    assert centre_a.server is not None
    before = [statement() for _ in range(40)]
    send(centre_a.server, centre_a.kiosk, before)  # stored before forwarding was set up

    said = forward_to(centre_a, city.endpoint, city.credential)
    assert "40 statement(s) stored before now are queued too" in said

    send(centre_a.server, centre_a.kiosk, [statement() for _ in range(260)], batch=50)
    report = assert_everything_forwarded(centre_a, city, 300)
    assert city.endpoint in report and city.credential[0] in report and city.credential[1] not in report
    assert "Waiting:       0 statement(s)" in report


@pytest.mark.slow
def test_statements_wait_while_the_city_store_is_down_and_all_arrive_when_it_is_back(
    city: CityStore, centre_a: Neighbourhood
):
    centre_a.start()
    assert centre_a.server is not None
    forward_to(centre_a, city.endpoint, city.credential)  # nothing listens there yet
    send(centre_a.server, centre_a.kiosk, [statement() for _ in range(200)])
    report = report_once_it_says(centre_a, "cannot reach the city's store", 15)
    assert "waiting to try again" in report and "Waiting:       200 statement(s)" in report

    city.start()
    assert_everything_forwarded(centre_a, city, 200)


@pytest.mark.slow
def test_the_city_store_killed_mid_forwarding_then_restarted(city: CityStore, centre_a: Neighbourhood):
    city.start()
    centre_a.start()
    assert centre_a.server is not None
    send(centre_a.server, centre_a.kiosk, [statement() for _ in range(LARGE)], batch=500)
    forward_to(centre_a, city.endpoint, city.credential)  # all already stored: a large queue at once

    wait_for(lambda: city.stored_count() > 0, "forwarding to begin", 15, every=0.01)
    city.kill()
    at_the_kill = city.stored_count()
    assert 0 < at_the_kill < LARGE, "the store was not killed in the middle of forwarding"

    city.start()
    assert_everything_forwarded(centre_a, city, LARGE)


@pytest.mark.slow
def test_centre_a_killed_mid_forwarding_keeps_its_queue(city: CityStore, centre_a: Neighbourhood):
    city.start()
    centre_a.start()
    assert centre_a.server is not None and city.server is not None
    forward_to(centre_a, city.endpoint, city.credential)
    assert "Forwarding is off" in upstream(centre_a.db, "off").stdout
    send(centre_a.server, centre_a.kiosk, [statement() for _ in range(LARGE)], batch=500)
    assert f"Waiting:       {LARGE} statement(s)" in show(centre_a)  # queued while off, to go when on

    forward_to(centre_a, city.endpoint, city.credential)
    wait_for(lambda: city.stored_count() > 0, "forwarding to begin", 15, every=0.01)
    centre_a.stop(signal.SIGKILL)
    at_the_kill = city.stored_count()
    assert 0 < at_the_kill < LARGE, "centre A was not killed in the middle of forwarding"

    centre_a.start()  # its leases are taken back at once: their process is gone
    assert_everything_forwarded(centre_a, city, LARGE)


@pytest.mark.slow
def test_a_statement_the_city_store_refuses_is_set_aside_and_the_rest_arrive(city: CityStore, centre_a: Neighbourhood):
    city.start()
    centre_a.start()
    assert centre_a.server is not None and city.server is not None
    statements = [statement() for _ in range(100)]
    refused = statements[37]
    other_version = {**refused, "result": {"completion": False}}
    send(city.server, city.credential, [other_version])  # the city already has this id, other content
    send(centre_a.server, centre_a.kiosk, statements)
    forward_to(centre_a, city.endpoint, city.credential)

    report = report_once_it_says(centre_a, "up to date")  # the rest of its batch went on
    assert "Set aside:     1 statement(s)" in report and "Waiting:       0 statement(s)" in report
    assert f"set aside {refused['id']}" in report and "409" in report and "different content" in report

    retried = upstream(centre_a.db, "retry")
    assert "1 set-aside statement(s) back in the queue" in retried.stdout, retried.stderr
    report = report_once_it_says(centre_a, "up to date")  # sent again, refused again: the city decides
    assert "Set aside:     1 statement(s)" in report

    on_b = {document["id"]: document for document in documents(city.server, city.credential)}
    on_a = documents(centre_a.server, centre_a.kiosk)
    assert set(on_b) == {document["id"] for document in on_a}
    assert on_b[refused["id"]]["result"] == {"completion": False}  # the city's own, untouched
    forwarded = [document for document in on_a if document["id"] != refused["id"]]
    assert_same_statements(forwarded, [on_b[document["id"]] for document in forwarded], city.credential[0])


@pytest.mark.slow
def test_wrong_credentials_stop_forwarding_until_the_operator_sets_the_right_ones(
    city: CityStore, centre_a: Neighbourhood
):
    city.start()
    centre_a.start()
    assert centre_a.server is not None and city.server is not None
    forward_to(centre_a, city.endpoint, (city.credential[0], "not-the-secret"))
    send(centre_a.server, centre_a.kiosk, [statement() for _ in range(60)])

    report = report_once_it_says(centre_a, "STOPPED")
    assert "refused our credentials (401" in report
    assert "silversteps centre upstream set URL --key KEY" in report and SECRET_VARIABLE in report
    assert "not-the-secret" not in report
    assert held(city.server, city.credential) == 0

    forward_to(centre_a, city.endpoint, city.credential)
    assert "STOPPED" not in assert_everything_forwarded(centre_a, city, 60)


# ---- several worker processes, on SQLite and on PostgreSQL --------------------------------


class CountingProxy:
    """Passes every request on to the city's store and notes the id of every statement it took,
    so a statement delivered twice shows up (the store itself would keep it once)."""

    def __init__(self, target: str) -> None:
        self.delivered: list[str] = []
        self._lock = threading.Lock()
        self._client = httpx.Client(base_url=target, timeout=30)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                names = ("Authorization", "Content-Type", "X-Experience-API-Version")
                headers = {name: self.headers[name] for name in names if name in self.headers}
                answer = proxy._client.post(self.path, content=body, headers=headers)
                if answer.status_code == 200:
                    with proxy._lock:
                        proxy.delivered += answer.json()
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", "application/json"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the store's own log has every request."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/xapi"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
        self._client.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_of_a(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database for centre A: a file, or a new database in the throwaway cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/a.db"
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed")
    cluster: str = request.getfixturevalue("postgres_url")
    name = f"centre_a_{uuid.uuid4().hex[:12]}"
    engine = make_engine(cluster).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
    finally:
        engine.dispose()
    return cluster.rsplit("/", 1)[0] + f"/{name}"


def queue_statements(engine: Engine, count: int) -> None:
    """A fresh centre A database with forwarding set up and `count` statements waiting to go."""
    migrate(engine)
    configure(engine, "http://127.0.0.1:9/xapi", "centre-a", "secret")
    key, _ = create_credential(engine, "kiosk 1")
    StatementRepository(engine).store([statement() for _ in range(count)], Client(key, "kiosk 1", "default"))


@pytest.mark.slow
def test_claims_take_at_most_a_batch_and_never_a_row_another_holds(database_of_a: str):
    """The queue itself, on SQLite and PostgreSQL: three forwarders asking for 3 each of 8
    statements get 3, 3 and 2, none twice; the leases of a process that is gone come back."""
    engine = make_engine(database_of_a)
    try:
        queue_statements(engine, 8)
        host = socket.gethostname()
        gone = finished_child()  # a process of this machine that is gone: its leases may be taken back
        names = [f"{host}:{os.getpid()}", "another-machine:1", f"{host}:{gone}"]
        claims = [claim(engine, name, 3) for name in names]
        assert [len(taken) for taken in claims] == [3, 3, 2]
        assert len({item.seq for taken in claims for item in taken}) == 8
        assert claim(engine, "another-machine:2", 3) == []

        assert release_abandoned(engine, f"{host}:{os.getppid()}") == 2  # only the gone process's
        assert {item.seq for item in claim(engine, "another-machine:2", 3)} == {item.seq for item in claims[2]}
    finally:
        engine.dispose()


def test_taking_back_leases_never_sends_a_signal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Whether a lease holder still runs is asked without a signal: `os.kill(pid, 0)` on Windows
    would end the forwarder asked about. Leases held by a gone process of this machine come
    back; a running one's and another machine's stay, and the running one still runs."""
    engine = make_engine(f"sqlite:///{tmp_path}/a.db")
    try:
        queue_statements(engine, 6)
        host = socket.gethostname()
        with running_child() as running:
            names = [f"{host}:{finished_child()}", f"{host}:{running.pid}", "another-machine:1"]
            claims = [claim(engine, name, 2) for name in names]
            forbid_signals(monkeypatch)
            assert release_abandoned(engine, f"{host}:{os.getpid()}") == 2  # the gone process's only
            assert running.poll() is None
        assert {item.seq for item in claim(engine, "another-machine:2", 6)} == {item.seq for item in claims[0]}
    finally:
        engine.dispose()


@pytest.mark.slow
def test_three_worker_processes_forward_each_statement_once(city: CityStore, database_of_a: str, tmp_path: Path):
    """Three processes (on PostgreSQL, as three machines would) share one queue by leases; they
    forward every statement, and the proxy in front of the store counts any sent twice.
    Forwarding is set up while two kiosks are sending, so statements stored at that very
    moment must be queued either with those from before or as new ones."""
    city.start()
    proxy = CountingProxy(f"http://127.0.0.1:{city.port}")
    centre_a = Neighbourhood(database_of_a, tmp_path / "a-workers.log", ("--workers", "3"))
    try:
        centre_a.start()
        assert centre_a.server is not None and city.server is not None
        server = centre_a.server
        loads = [[statement() for _ in range(KIOSK_LOAD)] for _ in range(2)]
        kiosks = [threading.Thread(target=send, args=(server, centre_a.kiosk, load, 5)) for load in loads]
        for kiosk in kiosks:  # two kiosks at once, to different worker processes
            kiosk.start()
        wait_for(lambda: held(server, centre_a.kiosk) > 0, "the kiosks to begin", every=0.05)
        said = forward_to(centre_a, proxy.endpoint, city.credential)
        for kiosk in kiosks:
            kiosk.join(60)
        total = 2 * KIOSK_LOAD
        print(said.splitlines()[1])  # how many were stored before: some, if the kiosks were quick

        wait_for(lambda: city.stored_count() >= total, f"{total} statements on the city's store")
        on_a = documents(server, centre_a.kiosk)
        assert len(on_a) == total
        assert_same_statements(on_a, documents(city.server, city.credential), city.credential[0])
        twice = len(proxy.delivered) - len(set(proxy.delivered))
        print(f"{len(proxy.delivered)} statements delivered for {total} stored: {twice} twice")
        assert twice <= total // 100, f"{twice} of {total} statements were delivered twice"
        log = centre_a.log.read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]
    finally:
        centre_a.stop()
        proxy.close()


# ---- a learner deleted at their request: their copies at the city's store are voided -------


@pytest.mark.slow
def test_deleting_a_learner_voids_what_the_city_has_or_may_have_and_drops_the_rest(database_of_a: str):
    """The queue itself, on SQLite and PostgreSQL. Delivered (out of the queue), being sent, or
    held once and given back (a request that timed out may have arrived): voided. Queued and
    never held, or set aside (the city refused it): dropped from the queue, never sent.
    Deleting again queues nothing twice; forwarding never set up: nothing to void."""
    engine = make_engine(database_of_a)
    try:
        migrate(engine)
        key, _ = create_credential(engine, "kiosk 1")
        kiosk = Client(key, "kiosk 1", "default")
        roster = Roster(engine)
        learners = [str(uuid.uuid4()) for _ in range(3)]
        for learner_id in learners:
            roster.put("default", key, LearnerEntry(learner_id, "王秀英", None, datetime.now(UTC)))
        unforwarded = learner_statements(learners[2], 3)
        StatementRepository(engine).store(unforwarded, kiosk)  # before forwarding: never queued
        gone = delete_learner(engine, "default", learners[2])
        assert (gone.removed["statements"], gone.upstream_voided) == (3, 0)

        configure(engine, "http://127.0.0.1:9/xapi", "centre-a", "secret")
        theirs, others = learner_statements(learners[0], 10), learner_statements(learners[1], 2)
        StatementRepository(engine).store(theirs + others, kiosk)
        delivered = claim(engine, "here:1", 4)
        record_delivered(engine, [item.seq for item in delivered])
        refused = claim(engine, "here:1", 1)[0]
        set_aside(engine, refused.seq, "409: different content")
        in_flight = claim(engine, "there:2", 2)
        given_back = claim(engine, "here:1", 1)
        release(engine, "here:1", [item.seq for item in given_back])
        maybe_there = {item.statement_id for item in delivered + given_back + in_flight}
        assert len(maybe_there) == 7

        gone = delete_learner(engine, "default", learners[0])
        assert (gone.removed["statements"], gone.upstream_voided) == (10, 7)
        state = queue_state(engine)
        assert (state.waiting, state.voids_waiting, state.set_aside) == (2 + 7, 7, 0)
        voids = claim(engine, "here:1", 100, VOIDS)
        assert {item.document["object"]["id"] for item in voids} == maybe_there
        assert {item.statement_id for item in voids} == {void_id(voided) for voided in maybe_there}
        assert all(item.document["object"]["objectType"] == "StatementRef" for item in voids)
        left = claim(engine, "here:1", 100)  # what is left to send: the other learner's, only
        assert {item.statement_id for item in left} == {document["id"] for document in others}
        with pytest.raises(ApiError) as again:
            delete_learner(engine, "default", learners[0])
        assert again.value.status_code == 410
        assert queue_state(engine).voids_waiting == 7
    finally:
        engine.dispose()


def learner_statements(learner_id: str, count: int) -> list[dict[str, Any]]:
    actor = {"objectType": "Agent", "account": {"homePage": "https://kiosk.example", "name": learner_id}}
    return [statement(actor=actor) for _ in range(count)]


def put_learner(client: httpx.Client, learner_id: str) -> None:
    answer = client.put(
        f"/api/v1/learners/{learner_id}",
        json={"display_name": "王秀英", "phone_last4": "1234", "registered_at": "2026-11-25T09:00:00+08:00"},
    )
    assert answer.status_code == 200, answer.text


@pytest.mark.slow
def test_deleting_a_learner_voids_their_forwarded_statements_and_never_sends_the_rest(
    city: CityStore, database_of_a: str, tmp_path: Path
):
    """On SQLite and PostgreSQL: the learner's statements already at the city's store are voided
    there (hidden from statementId and from queries, still returned by voidedStatementId); those
    still queued at A are never sent; another learner's stay as they were; A keeps no voiding
    statement among its own records."""
    city.start()
    proxy = CountingProxy(f"http://127.0.0.1:{city.port}")
    centre_a = Neighbourhood(database_of_a, tmp_path / "a-voids.log")
    leaving, staying = str(uuid.uuid4()), str(uuid.uuid4())
    try:
        centre_a.start()
        assert centre_a.server is not None and city.server is not None
        with centre_a.server.client(centre_a.kiosk) as client:
            put_learner(client, leaving)
            put_learner(client, staying)
        sent_before = learner_statements(leaving, 30)
        others = learner_statements(staying, 10)
        send(centre_a.server, centre_a.kiosk, sent_before + others)
        forward_to(centre_a, proxy.endpoint, city.credential)
        wait_for(lambda: city.stored_count() >= 40, "40 statements on the city's store")
        report_once_it_says(centre_a, "up to date", 10)

        assert "Forwarding is off" in upstream(centre_a.db, "off").stdout
        never_sent = learner_statements(leaving, 5)
        send(centre_a.server, centre_a.kiosk, never_sent)  # queued while off: not yet forwarded
        assert "Waiting:       5 statement(s)" in show(centre_a)

        with centre_a.server.client(centre_a.kiosk) as client:
            answer = client.delete(f"/api/v1/learners/{leaving}")
        assert answer.status_code == 200, answer.text
        assert answer.json()["upstream_voided"] == 30
        assert answer.json()["removed"]["statements"] == 35
        report = show(centre_a)
        assert "Waiting:       30 statement(s) (30 of them voiding statements" in report, report

        forward_to(centre_a, proxy.endpoint, city.credential)
        report_once_it_says(centre_a, "up to date")
        assert city.stored_count() == 40 + 30  # the voiding statements; not one of the five

        with city.server.client(city.credential) as client:
            for document in sent_before:
                assert client.get("/xapi/statements", params={"statementId": document["id"]}).status_code == 404
                voided = client.get("/xapi/statements", params={"voidedStatementId": document["id"]})
                assert voided.status_code == 200 and voided.json()["id"] == document["id"]
            for document in never_sent:
                assert client.get("/xapi/statements", params={"statementId": document["id"]}).status_code == 404
                assert client.get("/xapi/statements", params={"voidedStatementId": document["id"]}).status_code == 404
            for document in others:
                assert client.get("/xapi/statements", params={"statementId": document["id"]}).status_code == 200
        on_b = documents(city.server, city.credential)  # queries leave out voided statements
        assert {document["id"] for document in on_b if document["verb"]["id"].endswith("/voided")} == {
            void_id(document["id"]) for document in sent_before
        }
        assert {document["id"] for document in on_b if not document["verb"]["id"].endswith("/voided")} == {
            document["id"] for document in others
        }
        assert not {document["id"] for document in never_sent} & set(proxy.delivered)
        on_a = documents(centre_a.server, centre_a.kiosk)
        assert {document["id"] for document in on_a} == {document["id"] for document in others}
        log = centre_a.log.read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]
    finally:
        centre_a.stop()
        proxy.close()
