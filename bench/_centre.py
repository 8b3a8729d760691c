"""Shared bits of the centre benchmarks: the real centre server in a subprocess (as `silversteps
centre serve` runs it), its credentials, a throwaway PostgreSQL cluster, the statements kiosks
really make, and the bare baseline: the same statements put into the same kind of database with
a plain SQLAlchemy bulk insert, one transaction per batch, on the same durability settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import ROOT

from app.centre.database import make_engine
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import KioskIdentity

QUICK = os.environ.get("SILVERSTEPS_BENCH_QUICK") == "1"  # smaller numbers, for a quick look


def scaled(full: int, quick: int) -> int:
    return quick if QUICK else full


@contextmanager
def running_centre(db: str, *options: str) -> Iterator[str]:
    """`python -m app centre serve --db DB --port 0 OPTIONS`, yielding its address."""
    with centre_process(db, *options) as (url, _process):
        yield url


@contextmanager
def centre_process(db: str, *options: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The centre server as running_centre starts it, yielding its address and its process. The
    server's log goes to the file SILVERSTEPS_BENCH_SERVER_LOG names, if any."""
    command = [sys.executable, "-m", "app", "centre", "serve", "--db", db, "--port", "0", *options]
    log = open(os.environ.get("SILVERSTEPS_BENCH_SERVER_LOG", os.devnull), "a")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.search(r"listening on (http://\S+)", line)
        if not found:
            raise RuntimeError(f"the centre did not start: {line!r}")
        yield found.group(1), process
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        log.close()


def make_key(db: str, name: str) -> tuple[str, str]:
    """`silversteps centre key` as an operator runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "centre", "key", "--name", name, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    key, secret = done.stdout.split()[-2:]
    return key, secret


@contextmanager
def postgres_or_none() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster's URL, or None (with a printed note) where there is none."""
    from tests.centre.postgres import postgres_programs, throwaway_postgres

    if postgres_programs() is None:
        print("PostgreSQL: skipped (initdb and pg_ctl are not installed)")
        yield None
        return
    with throwaway_postgres() as url:
        yield url


def kiosk_statements(kiosk: int, count: int) -> list[dict[str, Any]]:
    """`count` statements as kiosk number `kiosk` makes them: for each learner a sign-in, a lesson
    started and a lesson completed (real builders, real lesson, about 1 KB each)."""
    lesson = _lesson()
    identity = KioskIdentity(kiosk_id=f"kiosk-{kiosk}", centre_home="https://centre.example/bench")
    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    made: list[dict[str, Any]] = []
    learner = 0
    while len(made) < count:
        learner_id = f"learner-{kiosk}-{learner}"
        moment = at + timedelta(seconds=learner)
        made.append(identity.attendance(learner_id, moment))
        made.append(identity.start_of(learner_id, lesson)(1, moment))
        made.append(identity.completion_of(learner_id, lesson)(1, 300.0, learner % 3, moment))
        learner += 1
    return made[:count]


_LESSONS: list[Any] = []


def _lesson() -> Any:
    if not _LESSONS:
        _LESSONS.append(load_courses([courses_dir()]).lessons[0])
    return _LESSONS[0]


def bare_insert_rate(db: str, batches: list[list[dict[str, Any]]]) -> float:
    """Statements per second into a table of (id, document) with SQLAlchemy's executemany, one
    transaction per batch, on an engine made like the centre's (SQLite: WAL, synchronous=FULL)."""
    import json

    from sqlalchemy import Column, MetaData, String, Table, Text, insert

    engine = make_engine(db)
    table = Table("bare_statements", MetaData(), Column("id", String(36), primary_key=True), Column("document", Text))
    table.metadata.drop_all(engine)
    table.metadata.create_all(engine)
    try:
        started = time.perf_counter()
        for batch in batches:
            rows = [{"id": item["id"], "document": json.dumps(item, ensure_ascii=False)} for item in batch]
            with engine.begin() as connection:
                connection.execute(insert(table), rows)
        elapsed = time.perf_counter() - started
        table.metadata.drop_all(engine)
    finally:
        engine.dispose()
    return sum(len(batch) for batch in batches) / elapsed


def held_ids(db: str) -> list[str]:
    """Every statement id in the centre database, read with SQL (not through the server)."""
    from sqlalchemy import text

    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(text("SELECT statement_id FROM xapi_statements"))]
    finally:
        engine.dispose()


def sqlite_url(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"
