"""Who may do what: HTTP Basic with the credentials from `centre key`, secrets kept only as
salted hashes, each credential confined to its own centre's statements, and request bodies
over the limit refused before they are parsed."""

from __future__ import annotations

import base64
import sqlite3
import stat
import uuid
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.centre.support import VERSION, Centre, error_of, make_key, running_centre, statement


def sqlite_path(centre: Centre) -> str:
    return centre.db.removeprefix("sqlite:///")


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic " + base64.b64encode(b"no-such-key:secret").decode(),
        "Basic not-base64!",
        "Bearer abc",
    ],
)
def test_statements_need_a_known_credential(centre: Centre, authorization: str | None):
    headers = {**VERSION, **({"Authorization": authorization} if authorization else {})}
    for method in ("GET", "POST", "PUT"):
        response = httpx.request(method, f"{centre.url}/xapi/statements", headers=headers, json=statement())
        assert response.status_code == 401, (method, response.text)
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
        error_of(response)


def test_a_wrong_secret_is_refused(centre: Centre, kiosk_key: tuple[str, str]):
    key, secret = kiosk_key
    with centre.client((key, secret[:-1] + ("x" if secret[-1] != "x" else "y"))) as client:
        response = client.get("/xapi/statements")
    assert response.status_code == 401
    assert "key or secret" in error_of(response)


def test_the_secret_is_kept_only_as_a_salted_hash(centre: Centre):
    key, secret = make_key(centre.db, "hash check")
    with closing(sqlite3.connect(sqlite_path(centre))) as connection:
        (stored,) = connection.execute("SELECT secret_hash FROM xapi_credentials WHERE key = ?", (key,)).fetchone()
    assert stored.startswith("scrypt$") and secret not in stored
    with open(sqlite_path(centre), "rb") as database:
        assert secret.encode() not in database.read()


@pytest.fixture(scope="module")
def two_centres(centre: Centre) -> dict[str, tuple[str, str]]:
    """Centre id -> a credential of that centre, for two centres on the same server."""
    suffix = uuid.uuid4().hex[:6]
    return {name: make_key(centre.db, f"kiosk in {name}", name) for name in (f"A-{suffix}", f"B-{suffix}")}


def test_a_centre_cannot_read_or_write_another_centres_statements(centre: Centre, two_centres):
    key_a, key_b = two_centres.values()
    mine = statement()
    with centre.client(key_a) as a, centre.client(key_b) as b:
        assert a.post("/xapi/statements", json=mine).status_code == 200
        assert a.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 200

        assert b.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 404
        registration = {"registration": mine["context"]["registration"]}
        assert b.get("/xapi/statements", params=registration).json()["statements"] == []
        assert mine["id"] not in b.get("/xapi/statements", params={"limit": 500}).text

        # the same id at B is B's own statement: stored, and A's is untouched and still A's alone
        theirs = {**mine, "verb": {"id": "http://b.example/verbs/own"}}
        assert b.put("/xapi/statements", params={"statementId": mine["id"]}, json=theirs).status_code == 204
        assert b.post("/xapi/statements", json=[statement(), theirs]).status_code == 200, "B's resend: as any"
        assert (
            b.get("/xapi/statements", params={"statementId": mine["id"]}).json()["verb"]["id"] == theirs["verb"]["id"]
        )
        assert a.get("/xapi/statements", params={"statementId": mine["id"]}).json()["verb"] == mine["verb"]
        void = statement(
            verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
            object={"objectType": "StatementRef", "id": mine["id"]},
            context={},
        )
        assert b.post("/xapi/statements", json=void).status_code == 200  # B's own record, voiding nothing of A's
        assert a.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 200
        assert a.get("/xapi/statements", params=registration).json()["statements"][0]["id"] == mine["id"]


def test_statements_remember_the_centre_that_sent_them(centre: Centre, two_centres):
    name, key = next(iter(two_centres.items()))
    mine = statement()
    with centre.client(key) as client:
        assert client.post("/xapi/statements", json=mine).status_code == 200
    with closing(sqlite3.connect(sqlite_path(centre))) as connection:
        row = connection.execute(
            "SELECT centre, credential_key FROM xapi_statements WHERE statement_id = ?", (mine["id"],)
        ).fetchone()
    assert row == (name, key[0])


def test_a_body_over_one_megabyte_is_413(xapi: httpx.Client):
    big = [statement() for _ in range(3000)]  # about 2 MB
    response = xapi.post("/xapi/statements", json=big)
    assert response.status_code == 413
    assert "larger" in error_of(response)
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    assert xapi.get("/xapi/statements", params={"statementId": big[0]["id"]}).status_code == 404


def test_a_streamed_body_over_the_limit_is_413_too(xapi: httpx.Client):
    """No Content-Length (chunked): the limit is counted as the bytes arrive."""

    def chunks():
        yield b"["
        for index in range(3000):
            yield (b"," if index else b"") + httpx.Response(200, json=statement()).content
        yield b"]"

    response = xapi.post("/xapi/statements", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    error_of(response)


def test_the_body_limit_can_be_set(tmp_path):
    db = f"sqlite:///{tmp_path}/small.db"
    credential = make_key(db)
    with (
        running_centre(db, tmp_path / "server.log", "--max-body-bytes", "4000") as small,
        small.client(credential) as client,
    ):
        assert client.post("/xapi/statements", json=statement()).status_code == 200
        response = client.post("/xapi/statements", json=[statement() for _ in range(10)])
        assert response.status_code == 413
        assert "4000 bytes" in error_of(response)


def test_the_centre_database_is_readable_by_its_owner_only(centre: Centre):
    """Learners' names and phone digits, and the hashes of every key: never 0644."""
    path = Path(make_url(centre.db).database)
    files = [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]
    assert {file.name: stat.S_IMODE(file.stat().st_mode) for file in files if file.exists()} == {
        file.name: 0o600 for file in files if file.exists()
    }
    assert path.exists()


def test_the_api_pages_that_run_requests_from_a_browser_are_off_unless_asked_for(centre: Centre, tmp_path):
    """A stranger on the network finds no /docs or /redoc to try requests from; the schema a
    client builds on stays, and an operator who wants the pages asks for them."""
    assert httpx.get(f"{centre.url}/docs").status_code == 404
    assert httpx.get(f"{centre.url}/redoc").status_code == 404
    assert httpx.get(f"{centre.url}/openapi.json").status_code == 200
    with running_centre(f"sqlite:///{tmp_path / 'c.db'}", tmp_path / "server.log", "--docs") as asked:
        assert httpx.get(f"{asked.url}/docs").status_code == 200


def test_the_access_log_keeps_no_query_strings(tmp_path):
    """A certificate's verify token (and a learner's account in `agent=`) never reach the log."""
    with running_centre(f"sqlite:///{tmp_path / 'c.db'}", tmp_path / "server.log") as server:
        secret = "token-that-must-stay-out-of-the-log"
        httpx.get(f"{server.url}/api/v1/certificates/verify", params={"token": secret})
        httpx.get(f"{server.url}/xapi/about")
    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "/api/v1/certificates/verify?…" in log and "/xapi/about" in log  # the requests are logged
    assert secret not in log


def test_healthz_says_so_when_the_database_cannot_be_written(tmp_path):
    """A database that still reads but cannot take a write (here SQLite opened read-only; a
    read-only mount or a standby alike) is 503 with the reason, not "ok" while every kiosk's
    batch is refused."""
    path = tmp_path / "c.db"
    with running_centre(f"sqlite:///{path}", tmp_path / "first.log") as server:
        assert httpx.get(f"{server.url}/healthz").json() == {"ok": True, "db": "sqlite"}
    with running_centre(f"sqlite:///file:{path}?mode=ro&uri=true", tmp_path / "read-only.log") as server:
        health = httpx.get(f"{server.url}/healthz")
    assert health.status_code == 503
    assert health.json()["ok"] is False and "cannot be written" in health.json()["error"]
