"""A hypothesis state machine over the kiosk, its outbox, the network and the real centre
server: whatever mix of new records, sends, lost answers and server restarts happens, the
centre never holds a statement the kiosk did not make, never holds one twice, and after a
final send holds exactly what the kiosk made."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from app.core.xapi import KioskIdentity
from app.store.db import open_database
from app.store.models import OutboxStatement
from app.sync.delivery import RetryLater
from app.sync.link import CentreLink
from app.sync.worker import SyncWorker
from tests.sync.test_sync_with_centre import Centre

pytestmark = pytest.mark.slow
IDENTITY = KioskIdentity(kiosk_id="kiosk-h", centre_home="https://centre.example/h")
COUNTER = itertools.count()


@pytest.fixture(scope="module")
def shared_centre(tmp_path_factory):
    folder = tmp_path_factory.mktemp("centre")
    server = Centre(f"sqlite:///{folder / 'centre.db'}")
    server.start()
    yield server
    server.stop()


def test_the_centre_holds_exactly_what_the_kiosk_made(shared_centre, tmp_path_factory):
    centre = shared_centre
    key, secret = centre.key(f"kiosk-{next(COUNTER)}")
    made_by_every_example: set[str] = set()  # the centre is shared by the examples

    class KioskAndCentre(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            folder = tmp_path_factory.mktemp("kiosk")
            self.db = open_database(folder)
            self.made: set[str] = set()
            self.up = True

        def worker(self) -> SyncWorker:
            return SyncWorker(self.db.outbox, CentreLink(centre.url, key, secret))

        @rule(count=st.integers(min_value=1, max_value=40))
        def learners_sign_in(self, count: int) -> None:
            base = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
            for _ in range(count):
                n = next(COUNTER)
                statement = IDENTITY.attendance(f"learner-{n}", base + timedelta(seconds=n))
                self.db.outbox.add(statement)
                self.made.add(statement["id"])
                made_by_every_example.add(statement["id"])

        @rule()
        def send(self) -> None:
            worker = self.worker()
            try:
                worker.send_waiting()
            except RetryLater:
                assert not self.up
            finally:
                worker.stop()

        @rule()
        def answers_were_lost(self) -> None:
            """The centre stored a batch but the kiosk never heard: it will all go again."""
            with self.db.sessions.begin() as session:
                session.query(OutboxStatement).update({"state": "waiting"})

        @precondition(lambda self: self.up)
        @rule()
        def centre_goes_down(self) -> None:
            centre.stop()
            self.up = False

        @precondition(lambda self: not self.up)
        @rule()
        def centre_comes_back(self) -> None:
            centre.start()
            self.up = True

        @invariant()
        def nothing_foreign_and_nothing_twice(self) -> None:
            if self.up:
                held = centre.statement_ids(key, secret)
                assert len(held) == len(set(held))
                assert set(held) <= made_by_every_example

        def teardown(self) -> None:
            if not self.up:
                centre.start()
            worker = self.worker()
            worker.send_waiting()
            worker.stop()
            held = centre.statement_ids(key, secret)
            assert len(held) == len(set(held)) and self.made <= set(held) <= made_by_every_example
            self.db.close()

    run_state_machine_as_test(
        KioskAndCentre,
        settings=settings(
            max_examples=8, stateful_step_count=10, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
