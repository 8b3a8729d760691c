"""The same server on PostgreSQL, as a city operator runs it: a throwaway cluster is started
for this module (initdb refuses root, so as root it runs as the postgres user). Skipped where
psycopg or the PostgreSQL server programs are not installed."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.centre.support import Centre, enrol_kiosk, error_of, make_key, running_centre, silversteps, statement

pytestmark = pytest.mark.skipif(importlib.util.find_spec("psycopg") is None, reason="psycopg is not installed")


def _server_programs() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    programs = _server_programs()
    if programs is None:
        pytest.skip("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="silversteps-pg-"))
    if as_postgres:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, timeout=120)

    run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "pg.log"), "-w", "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(programs / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_centre(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    with running_centre(postgres_url, tmp_path_factory.mktemp("pg") / "server.log") as server:
        yield server


def test_health_names_postgresql(pg_centre: Centre):
    with pg_centre.client() as client:
        assert client.get("/healthz").json() == {"ok": True, "db": "postgresql"}


def test_store_resend_conflict_void_and_page_on_postgresql(pg_centre: Centre):
    credential = make_key(pg_centre.db, "kiosk on postgres")
    registration = str(uuid.uuid4())
    with pg_centre.client(credential) as client:
        batch = [statement(context={"registration": registration}) for _ in range(25)]
        assert client.post("/xapi/statements", json=batch).json() == [item["id"] for item in batch]
        assert client.post("/xapi/statements", json=batch[0]).status_code == 200
        conflict = client.post("/xapi/statements", json={**batch[0], "result": {"success": False}})
        assert conflict.status_code == 409 and error_of(conflict)

        void = statement(
            verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
            object={"objectType": "StatementRef", "id": batch[1]["id"]},
            context={},
        )
        assert client.post("/xapi/statements", json=void).status_code == 200
        assert client.get("/xapi/statements", params={"statementId": batch[1]["id"]}).status_code == 404

        seen, page = [], client.get("/xapi/statements", params={"registration": registration, "limit": 10})
        while True:
            seen += [item["id"] for item in page.json()["statements"]]
            if not page.json()["more"]:
                break
            page = client.get(page.json()["more"])
    expected = [void["id"]] + [item["id"] for item in batch[::-1] if item["id"] != batch[1]["id"]]
    assert seen == expected


def test_centres_are_kept_apart_on_postgresql(pg_centre: Centre):
    key_a = make_key(pg_centre.db, "A", "pg-a")
    key_b = make_key(pg_centre.db, "B", "pg-b")
    mine = statement()
    with pg_centre.client(key_a) as a, pg_centre.client(key_b) as b:
        assert a.post("/xapi/statements", json=mine).status_code == 200
        assert b.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 404
        theirs = {**mine, "verb": {"id": "http://b.example/verbs/own"}}  # B's own, under the same id
        assert b.put("/xapi/statements", params={"statementId": mine["id"]}, json=theirs).status_code == 204
        assert a.get("/xapi/statements", params={"statementId": mine["id"]}).json()["verb"] == mine["verb"]


def test_kiosk_enrolment_and_revocation_on_postgresql(pg_centre: Centre):
    first = enrol_kiosk(pg_centre, "pg kiosk", "pg-kiosks")
    again = httpx.post(f"{pg_centre.url}/api/v1/kiosks/enrol", json={"code": "2345-6789", "name": "x"}, timeout=30)
    assert again.status_code == 404
    second = enrol_kiosk(pg_centre, "pg kiosk 2", "pg-kiosks")
    mine = statement()
    with pg_centre.client(first["token"]) as kiosk:
        assert kiosk.post("/xapi/statements", json=mine).status_code == 200
    revoked = silversteps("centre", "revoke-kiosk", first["kiosk_id"], "--db", pg_centre.db)
    assert revoked.returncode == 0, revoked.stderr
    with pg_centre.client(first["token"]) as kiosk:
        assert kiosk.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 401
    with pg_centre.client(second["token"]) as kiosk:
        assert kiosk.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 200
