"""A throwaway PostgreSQL cluster, for the tests that run the centre on PostgreSQL and for the
benchmarks: started with initdb and pg_ctl on a free port of 127.0.0.1, deleted afterwards."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def postgres_programs() -> Path | None:
    """The directory of initdb and pg_ctl, or None where the PostgreSQL server is not installed."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A fresh cluster on a free port of 127.0.0.1, deleted afterwards; yields its SQLAlchemy URL.
    initdb refuses root, so as root the cluster runs as the postgres user. fsync is off: nothing
    here has to survive a power cut, and the tests that do kill the server use SQLite."""
    programs = postgres_programs()
    if programs is None:
        raise FileNotFoundError("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="silversteps-pg-"))
    if as_postgres:
        shutil.chown(folder, "postgres")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    data = folder / "data"

    def run(*command: str) -> None:
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, timeout=120)

    try:
        run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        run(str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "pg.log"), "-w", "start")
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            run(str(programs / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
