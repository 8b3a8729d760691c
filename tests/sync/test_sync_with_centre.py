"""The real sync worker against the real centre server on 127.0.0.1: every statement the
kiosk made arrives exactly once, whatever the network and the server do in between."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.core.engine import Action, LessonRun
from app.core.xapi import XAPI_VERSION, KioskIdentity
from app.store.db import open_database
from app.store.models import OutboxStatement
from app.sync.delivery import Refused, RetryLater
from app.sync.link import CentreLink
from app.sync.worker import SyncWorker
from tests.core.test_choices import NEUTRAL, TRAP, lesson_with

ROOT = Path(__file__).resolve().parents[2]
IDENTITY = KioskIdentity(kiosk_id="kiosk-1", centre_home="https://centre.example/a")


@dataclass
class Centre:
    db_url: str
    process: subprocess.Popen | None = None
    url: str = ""

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "centre", "serve", "--db", self.db_url, "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        for line in self.process.stdout:
            found = re.search(r"listening on (http://\S+)", line)
            if found:
                self.url = found.group(1)
                return
        raise RuntimeError("the centre server stopped before it listened")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process.stdout.close()
            self.process = None

    def key(self, name: str, centre: str | None = None, *scopes: str) -> tuple[str, str]:
        """A credential of `centre` (the server's default centre if None) with `scopes` (none:
        the statements scopes, as `centre key` gives by default)."""
        chosen = ["--centre", centre] if centre else []
        asked = [word for scope in scopes for word in ("--scope", scope)]
        done = subprocess.run(
            [sys.executable, "-m", "app", "centre", "key", "--name", name, *chosen, *asked, "--db", self.db_url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        key, secret = done.stdout.split()[-2:]
        return key, secret

    def statement_ids(self, key: str, secret: str) -> list[str]:
        """Every statement id the centre holds, following `more` pages."""
        return [statement["id"] for statement in self.statements(key, secret)]

    def statements(self, key: str, secret: str) -> list[dict]:
        """Every statement the centre holds, following `more` pages."""
        found: list[dict] = []
        url = f"{self.url}/xapi/statements?limit=500"
        with httpx.Client(auth=(key, secret), headers={"X-Experience-API-Version": XAPI_VERSION}) as client:
            while url:
                page = client.get(url)
                page.raise_for_status()
                body = page.json()
                found += body["statements"]
                url = f"{self.url}{body['more']}" if body.get("more") else ""
        return found


def fill(db, count: int) -> set[str]:
    """`count` real statements from a morning of learners signing in."""
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    made = set()
    for i in range(count):
        statement = IDENTITY.attendance(f"learner-{i}", start + timedelta(minutes=i))
        db.outbox.add(statement)
        made.add(statement["id"])
    return made


def test_everything_arrives_once_and_a_lost_answer_changes_nothing(centre, data_dir):
    db = open_database(data_dir)
    made = fill(db, 120)
    key, secret = centre.key("kiosk-1")
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    assert worker.send_waiting() == 120
    assert db.outbox.counts().waiting == 0
    # The centre committed but the kiosk never heard: everything is sent again.
    with db.sessions.begin() as session:
        session.query(OutboxStatement).update({"state": "waiting"})
    assert worker.send_waiting() == 120
    ids = centre.statement_ids(key, secret)
    assert sorted(ids) == sorted(made)  # none missing, none twice
    worker.stop()
    db.close()


def test_a_centre_that_is_down_loses_nothing_and_gets_everything_later(centre, data_dir):
    db = open_database(data_dir)
    made = fill(db, 30)
    key, secret = centre.key("kiosk-1")
    centre.stop()
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    with pytest.raises(RetryLater, match="cannot reach the centre"):
        worker.send_waiting()
    assert db.outbox.counts().waiting == 30
    centre.start()  # back, on the same database (at a new port)
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    assert worker.send_waiting() == 30
    assert sorted(centre.statement_ids(key, secret)) == sorted(made)
    worker.stop()
    db.close()


def test_a_bad_statement_is_set_aside_and_the_rest_arrive(centre, data_dir):
    db = open_database(data_dir)
    made = fill(db, 9)
    broken = {**IDENTITY.attendance("learner-x", datetime(2026, 11, 25, 8, 0, tzinfo=UTC))}
    broken["verb"] = {"id": "not an IRI"}
    db.outbox.add(broken)
    key, secret = centre.key("kiosk-1")
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    assert worker.send_waiting() == 9
    counts = db.outbox.counts()
    assert (counts.waiting, counts.set_aside) == (0, 1)
    assert sorted(centre.statement_ids(key, secret)) == sorted(made)
    worker.stop()
    db.close()


def test_statements_the_centre_refuses_one_by_one_are_set_aside_and_the_rest_arrive(centre, data_dir):
    """Three of this kiosk's records name learners another centre has on its roster (ids the
    other centre had first): the centre refuses those three (403) and this kiosk sets them
    aside with the centre's words; a 403 for one statement stops neither its other records nor
    its worker."""
    db = open_database(data_dir)
    made = fill(db, 20)
    key_a, secret_a = centre.key("kiosk in A", "centre-a", "statements/write", "statements/read", "kiosk")
    key_b, secret_b = centre.key("kiosk in B", "centre-b")
    with httpx.Client(auth=(key_a, secret_a), headers={"X-Experience-API-Version": XAPI_VERSION}) as a:
        for learner in ("learner-5", "learner-6", "learner-7"):
            registered = {"display_name": learner, "registered_at": "2026-11-25T09:00:00+08:00"}
            assert a.put(f"{centre.url}/api/v1/learners/{learner}", json=registered).status_code == 200
    refused = {item.statement["id"] for item in db.outbox.waiting(20)[5:8]}
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key_b, secret_b))
    try:
        assert worker.send_waiting() == 17
        counts = db.outbox.counts()
        assert (counts.waiting, counts.set_aside) == (0, 3)
        with db.sessions() as session:
            problems = session.scalars(
                select(OutboxStatement.problem).where(OutboxStatement.state == "set_aside")
            ).all()
        assert len(problems) == 3
        assert all(problem.startswith("403") and "not one of this centre's learners" in problem for problem in problems)
        assert sorted(centre.statement_ids(key_b, secret_b)) == sorted(made - refused)
    finally:
        worker.stop()
        db.close()


def test_refused_credentials_stop_the_worker_and_keep_the_records(centre, data_dir):
    db = open_database(data_dir)
    fill(db, 3)
    key, _secret = centre.key("kiosk-1")
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, "wrong-secret"))
    with pytest.raises(Refused, match="401"):
        worker.send_waiting()
    assert db.outbox.counts().waiting == 3
    worker.stop()
    db.close()


def test_the_server_killed_mid_batch_loses_and_doubles_nothing(centre, data_dir):
    """SIGKILL the centre while the kiosk is sending: some batches were stored and answered,
    one may have been stored and never answered; after a restart everything is there once."""
    db = open_database(data_dir)
    made = fill(db, 1500)
    key, secret = centre.key("kiosk-1")
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    failures: list[Exception] = []

    def send() -> None:
        try:
            worker.send_waiting()
        except RetryLater as exc:
            failures.append(exc)

    sender = threading.Thread(target=send)
    sender.start()
    while db.outbox.counts().sent < 200:  # let a few batches through first
        sender.join(0.01)
    centre.process.send_signal(signal.SIGKILL)
    centre.process.wait(10)
    centre.process.stdout.close()
    centre.process = None
    sender.join(30)
    assert failures and db.outbox.counts().waiting > 0  # it really was cut off
    centre.start()
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    worker.send_waiting()
    ids = centre.statement_ids(key, secret)
    assert len(ids) == len(set(ids)) and set(ids) == made
    worker.stop()
    db.close()


def test_the_choices_a_learner_made_reach_the_centre_as_they_were_made(centre, data_dir):
    """A trap fallen for and the safe way after it arrive as `answered` statements the centre
    keeps whole: what was chosen, and whether it was safe."""
    db = open_database(data_dir)
    learner = db.learners.add("李桂兰")
    lesson = lesson_with([TRAP, NEUTRAL])
    db.progress.start(learner.id, lesson.id, lesson.version, started=IDENTITY.start_of(learner.id, lesson))
    run = LessonRun(lesson)
    for action in (Action.tap("speaker"), Action.tap("hang-up")):
        outcome = run.act(action)
        db.progress.record(
            learner.id,
            lesson.id,
            outcome=outcome.kind.value,
            step_index=outcome.step_index,
            step_id=outcome.step_id,
            mistakes_on_step=outcome.mistakes_on_step,
            seconds=outcome.step_seconds,
            next_step=run.step_index,
            completed=False,
            progressed=IDENTITY.step_of(learner.id, lesson),
            choice=outcome.choice,
            chosen=IDENTITY.choice_of(learner.id, lesson),
        )
    key, secret = centre.key("kiosk-1")
    worker = SyncWorker(db.outbox, CentreLink(centre.url, key, secret))
    assert worker.send_waiting() == 4 and db.outbox.counts().waiting == 0
    answered = [s for s in centre.statements(key, secret) if s["verb"]["id"].endswith("/answered")]
    assert sorted((s["result"]["response"], s["result"]["success"]) for s in answered) == [
        ("tap:hang-up", True),
        ("tap:speaker", False),
    ]
    assert all(s["object"]["definition"]["interactionType"] == "choice" for s in answered)
    worker.stop()
    db.close()
