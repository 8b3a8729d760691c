"""`centre serve --workers N` (app.centre.workers) gives each worker a listening socket of its
own on the port (SO_REUSEPORT), so connections arriving together are spread across the
workers: with one shared socket, whichever worker woke first could accept a whole burst (all
forty, in one run of three of this test), and kiosks keep their connections. A worker that
dies is replaced, and the centre goes on answering."""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.centre.support import VERSION, Centre, make_key, start_centre, statement, stop_centre

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts connections through /proc")
CONNECTIONS = 40
BATCH = 100
# The centre as it starts where ports cannot be shared (Windows): no SO_REUSEPORT in the socket module.
WITHOUT_SHARED_PORTS = (
    sys.executable,
    "-c",
    "import socket; del socket.SO_REUSEPORT; from app.cli import main; raise SystemExit(main())",
)


def workers_of(parent: int) -> list[int]:
    """The centre's worker processes: its children, less multiprocessing's resource tracker.

    Read from /proc rather than `ps`, whose output is cut to COLUMNS (80 on some CI runners),
    which can cut "resource_tracker" off a long interpreter path."""
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # the process ended while we looked
            continue
        parent_of_entry = int(status.rsplit(")", 1)[1].split()[1])
        if parent_of_entry == parent and b"resource_tracker" not in command:
            workers.append(int(entry.name))
    return sorted(workers)


def listening_sockets_on(port: int) -> int:
    """How many sockets listen on the port (/proc/net/tcp and tcp6; state 0A is LISTEN)."""
    found = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:] if table.exists() else []:
            fields = line.split()
            found += fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port
    return found


def port_of(server: Centre) -> int:
    return int(server.url.rsplit(":", 1)[1])


def sockets_of(pid: int) -> int:
    folder = Path(f"/proc/{pid}/fd")
    return sum(1 for entry in folder.iterdir() if os.readlink(entry).startswith("socket:"))


def test_connections_arriving_together_are_spread_across_the_workers(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/c.db"
    credential = make_key(db)
    server = start_centre(db, tmp_path / "server.log", "--workers", "2")
    clients = [
        httpx.Client(base_url=server.url, auth=credential, headers=VERSION, timeout=60) for _ in range(CONNECTIONS)
    ]
    try:
        workers = workers_of(server.process.pid)
        assert len(workers) == 2
        assert listening_sockets_on(port_of(server)) == 2  # a socket each
        before = {pid: sockets_of(pid) for pid in workers}
        batches = [[statement() for _ in range(BATCH)] for _ in clients]
        with ThreadPoolExecutor(CONNECTIONS) as pool:  # all at once, as kiosks coming online; each keeps its connection
            answers = list(
                pool.map(
                    lambda client, batch: client.post("/xapi/statements", json=batch).status_code, clients, batches
                )
            )
        assert answers == [200] * CONNECTIONS
        accepted = {pid: sockets_of(pid) - before[pid] for pid in workers}
        assert sum(accepted.values()) == CONNECTIONS
        assert min(accepted.values()) >= CONNECTIONS // 8, accepted  # even split 20/20; one socket gave ~38/2
    finally:
        for client in clients:
            client.close()
        assert stop_centre(server) == 0


def test_a_worker_that_dies_is_replaced(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/c.db"
    credential = make_key(db)
    server = start_centre(db, tmp_path / "server.log", "--workers", "2")
    try:
        first = workers_of(server.process.pid)
        os.kill(first[0], signal.SIGKILL)  # as the kernel's out-of-memory killer would
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (len(now := workers_of(server.process.pid)) < 2 or first[0] in now):
            time.sleep(0.2)
        assert len(now) == 2 and first[0] not in now and first[1] in now
        for _ in range(10):  # ten new connections, spread over the old worker and the new one
            with server.client(credential) as client:
                assert client.post("/xapi/statements", json=statement()).status_code == 200
        assert "starting another" in server.log_text()
    finally:
        assert stop_centre(server) == 0


def test_where_ports_cannot_be_shared_the_workers_share_one_socket(tmp_path: Path) -> None:
    """Without SO_REUSEPORT (Windows; taken out of the socket module here) `--workers 2` runs
    uvicorn's own workers, which share the one listening socket, and the centre answers."""
    db = f"sqlite:///{tmp_path}/c.db"
    credential = make_key(db)
    server = start_centre(db, tmp_path / "server.log", "--workers", "2", program=WITHOUT_SHARED_PORTS)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers_of(server.process.pid)) < 2:
            time.sleep(0.2)
        assert len(workers_of(server.process.pid)) == 2
        assert listening_sockets_on(port_of(server)) == 1
        for _ in range(4):
            with server.client(credential) as client:
                assert client.post("/xapi/statements", json=statement()).status_code == 200
    finally:
        assert stop_centre(server) == 0
