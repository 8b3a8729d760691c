"""A kiosk joins its centre with a one-time code, then its records reach the centre with the
device token it was given; a code works once, and a revoked kiosk is told so."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.core.xapi import NAMESPACE, is_ids_key, namespace_of
from app.kiosk.centre import CentreConnection, kiosk_identity
from app.store.db import open_database
from app.store.options import CENTRE_IDS_KEY
from app.sync.delivery import Refused
from app.sync.link import centre_link
from app.sync.worker import SyncWorker
from tests.sync.test_sync_with_centre import ROOT, Centre


def silversteps(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def enrol_code(centre: Centre) -> str:
    done = silversteps("centre", "enrol-code", "--db", centre.db_url)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]


def enrol_kiosk(centre: Centre, data_dir) -> str:
    done = silversteps(
        "kiosk", "enrol", centre.url, enrol_code(centre), "--name", "kiosk 3", "--data-dir", str(data_dir)
    )
    assert done.returncode == 0, done.stderr
    assert "enrolled as kiosk" in done.stdout
    return done.stdout.split()[3]


def sign_ins(db, count: int) -> set[str]:
    identity = kiosk_identity(db)
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    made = set()
    for n in range(count):
        statement = identity.attendance(f"learner-{n}", start + timedelta(minutes=n))
        db.outbox.add(statement)
        made.add(statement["id"])
    return made


def test_an_enrolled_kiosk_sends_its_records_with_its_device_token(centre, data_dir):
    enrol_kiosk(centre, data_dir)
    db = open_database(data_dir)
    assert kiosk_identity(db).centre_home.startswith(centre.url)  # its learners now belong to this centre
    made = sign_ins(db, 25)
    link = centre_link(db.settings)
    assert link is not None and link.token and not link.secret
    worker = SyncWorker(db.outbox, link)
    assert worker.send_waiting() == 25
    key, secret = centre.key("staff-reader")
    assert set(centre.statement_ids(key, secret)) == made
    worker.stop()
    db.close()


def test_a_code_works_once_and_a_revoked_kiosk_keeps_its_records(centre, data_dir, tmp_path):
    code = enrol_code(centre)
    first = silversteps("kiosk", "enrol", centre.url, code, "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    again = silversteps("kiosk", "enrol", centre.url, code, "--data-dir", str(tmp_path / "other-kiosk"))
    assert again.returncode == 1 and "used already" in again.stderr
    kiosk_id = first.stdout.split()[3]
    revoked = silversteps("centre", "revoke-kiosk", kiosk_id, "--db", centre.db_url)
    assert revoked.returncode == 0, revoked.stderr
    db = open_database(data_dir)
    sign_ins(db, 3)
    worker = SyncWorker(db.outbox, centre_link(db.settings))
    with pytest.raises(Refused, match="401"):
        worker.send_waiting()
    assert db.outbox.counts().waiting == 3  # nothing lost: staff can enrol it again
    worker.stop()
    db.close()


def test_records_are_named_in_the_centres_namespace_and_a_kiosk_enrolled_before_asks_for_it(centre, data_dir):
    enrol_kiosk(centre, data_dir)
    db = open_database(data_dir)
    key = db.settings.get(CENTRE_IDS_KEY)
    assert key is not None and is_ids_key(key), "the centre's key came with the enrolment"
    assert kiosk_identity(db).namespace == namespace_of(key) != NAMESPACE

    db.settings.set(CENTRE_IDS_KEY, None)  # as a kiosk enrolled before centres gave one out
    connection = CentreConnection(db)
    try:
        deadline = time.monotonic() + 20
        while connection.identity.namespace == NAMESPACE and time.monotonic() < deadline:
            time.sleep(0.1)
        assert db.settings.get(CENTRE_IDS_KEY) == key, "asked for at its first sync round"
        assert connection.identity.namespace == namespace_of(key), "its next records are named like its peers'"
    finally:
        if connection.sync is not None:
            connection.sync.stop()
        db.close()
