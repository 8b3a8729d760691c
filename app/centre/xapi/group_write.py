"""Writing one group of batches (see group_commit): one transaction, one commit.

The writers of a centre take turns (see `_open_turn`), so everything a group write does in
its turn keeps the centre's other writers waiting, and under load each round trip to the
database also waits for Python's GIL when it comes back (5–8 ms). So the turn holds only what
must be in it: PostgreSQL gets the rows before the turn (copied to temporary tables), the
turn's reads go in one round trip, and the insert of statements and index rows is one
statement. Inside the turn, on PostgreSQL: reads, insert, the attempts' upsert, commit.

A batch with a statement id already stored with other content (409, or 403 for another
centre's) is found after the insert: the insert is rolled back to a savepoint and made again
without it, still in the turn, so what the refusal was decided against stays stored. (Rolling
back the whole transaction let another worker's group store the other version in between: a
kiosk was then refused for sending exactly what was stored; tests/centre/test_workers.py.)
The savepoint is sent with the insert, and the commit lets it go: no round trip of its own.

A group whose write fails for any other reason than the database being unavailable (the
database refusing one batch's data, which the edge's checks should have caught, or a bug one
batch's content finds) is written again one batch at a time, each in a turn of its own: a kiosk's
good batch is never failed by a neighbour's, and the one batch the database refuses gets a 400
with the database's reason (app/centre/xapi/database_errors.py). Rare, so the extra turns cost
nothing in the usual case."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, Integer, cast, func, select, tuple_

from app.centre.credentials import Client
from app.centre.errors import ApiError
from app.centre.forwarding.queue import forwarding_set_up, queue_new
from app.centre.models import StoredStatement
from app.centre.reads_together import CompiledRead, compiled, read_together
from app.centre.roster.attempts import fold as fold_attempts
from app.centre.roster.classes import fold as fold_class_events
from app.centre.roster.removal import centres_of, owners_of, roster_rows_among
from app.centre.xapi.canonical import same_statement
from app.centre.xapi.database_errors import data_refused, database_unavailable
from app.centre.xapi.driver_insert import GroupBatch, group_rows
from app.centre.xapi.group_commit import Job
from app.centre.xapi.prepared import Prepared, stored_now, timestamp_text
from app.centre.xapi.write_turn import WriteTurn

log = logging.getLogger("silversteps.centre")
TURN_LOCKS = 0x53535453  # PostgreSQL advisory locks of this module: (TURN_LOCKS, hashtext(centre))


class Turn(NamedTuple):
    """What a group learns once it holds the turn."""

    stored: datetime
    owners: dict[str, str | None]  # each learner of the group: whose records (None: deleted)
    centres: dict[str, str]  # each learner of the group on some centre's roster: that centre
    forwarding: bool  # forwarding was set up: statements stored now are queued


@dataclass(frozen=True)
class Pending:
    """One request's checked batch, waiting to be written with its group."""

    batch: list[Prepared]
    client: Client


class _Refused(Exception):
    """A batch was refused after the insert: undo the insert, and make it again without it."""


def newest_stored(centre: str) -> Any:
    return select(func.max(StoredStatement.stored)).where(StoredStatement.centre == centre)


def learners_of(batch: list[Prepared]) -> set[str]:
    return {str(name) for item in batch if (name := (item.document["actor"].get("account") or {}).get("name"))}


def _refused_data_message(reason: str) -> str:
    return (
        f"The centre's database refused a value of this batch ({reason}); "
        "check the batch's ids and names (length, control characters) and send it again."
    )


def deleted_learner_refusal(learner: str) -> ApiError:
    """A learner deleted at their request gets no new records (a kiosk that has not heard yet
    may still send some); 409 sets the statement aside on the kiosk, which then deletes it."""
    return ApiError(
        409,
        f"Learner {learner} was deleted at their request; the centre keeps nothing more about them. "
        "The kiosk deletes its own copy when it next hears from the centre.",
    )


def foreign_learner_refusal(learner: str) -> ApiError:
    """A statement naming another centre's learner is not this centre's to keep: it would put
    their name in this centre's feeds and change their records. 403 sets it aside on the kiosk."""
    return ApiError(
        403,
        f"Learner {learner} is not one of this centre's learners, so this centre cannot record them. "
        "A kiosk registers each of its learners with a new id of its own.",
    )


class GroupWrite:
    """`write(jobs)`: the jobs' work is a Pending batch each; sets each job's answer or refusal."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._rows = group_rows(engine)
        self._postgresql = engine.dialect.name == "postgresql"
        self._write_turn = WriteTurn(None if self._postgresql else engine.url.database)

    def write(self, jobs: list[Job]) -> None:
        try:
            self._write(jobs)
        except Exception as error:
            if len(jobs) > 1 and not database_unavailable(error):
                why = data_refused(error) or type(error).__name__  # never the SQL's values: learners' data
                log.warning("a group write failed (%s); writing its %d batches one by one", why, len(jobs))
                self._write_one_by_one(jobs)
                return
            reason = data_refused(error)
            if reason is None:
                raise
            raise ApiError(400, _refused_data_message(reason)) from error
        for job in jobs:  # only once committed
            if job.error is None:
                job.answer = [item.statement_id for item in job.work.batch]

    def _write_one_by_one(self, jobs: list[Job]) -> None:
        """Each batch of a failed group in a transaction and a turn of its own, from scratch
        (refusals made in the failed attempt are made again), so only the batch at fault fails."""
        for job in jobs:
            job.error = None
            try:
                self.write([job])
            except Exception as error:
                job.refuse(error)

    def _write(self, jobs: list[Job]) -> None:
        batches = [GroupBatch(job.work.client, job.work.batch) for job in jobs]
        learners = [learners_of(job.work.batch) for job in jobs]
        centres = sorted({batch.client.centre for batch in batches})
        everyone = set().union(*learners)
        reads = compiled(self._turn_reads(centres, everyone), self._engine.dialect)
        with self._write_turn.held(), self._engine.begin() as connection:
            self._rows.stage(connection, batches)
            turn = self._open_turn(connection, centres, everyone, reads)
            stored_text = timestamp_text(turn.stored)
            for job, theirs in zip(jobs, learners, strict=True):
                centre = job.work.client.centre
                if foreign := sorted(learner for learner in theirs if turn.centres.get(learner, centre) != centre):
                    job.refuse(foreign_learner_refusal(foreign[0]))
                elif gone := sorted(learner for learner in theirs if turn.owners.get(learner, learner) is None):
                    job.refuse(deleted_learner_refusal(gone[0]))
                else:
                    for item in job.work.batch:
                        item.stamp(stored_text)
            while True:
                refused = {number for number, job in enumerate(jobs) if job.error is not None}
                taken_now = self._rows.insert(connection, batches, refused, turn.stored, stored_text)
                try:
                    inserted = self._compare_resent(connection, jobs, taken_now)
                    break
                except _Refused:
                    self._rows.undo_insert(connection)
            for centre in sorted({job.work.client.centre for job, _ in inserted}):
                documents = [item.document for job, item in inserted if job.work.client.centre == centre]
                fold_attempts(connection, centre, documents, turn.stored, turn.owners)
                fold_class_events(connection, centre, documents, turn.stored, turn.owners)
            if turn.forwarding:
                seqs = [taken_now[(job.work.client.centre, item.statement_id)] for job, item in inserted]
                queue_new(connection, seqs, turn.stored)

    def _turn_reads(self, centres: list[str], learners: set[str]) -> list[Any]:
        """The turn's lock (PostgreSQL: one per centre) and reads, in the order _open_turn takes
        their answers: each centre's newest `stored`, forwarding set up, the roster rows of the
        group's learners."""
        locks = [select(func.pg_advisory_xact_lock(cast(TURN_LOCKS, Integer), func.hashtext(c))) for c in centres]
        reads = [newest_stored(centre) for centre in centres] + [forwarding_set_up(), roster_rows_among(learners)]
        return (locks if self._postgresql else []) + reads

    def _open_turn(
        self, connection: Connection, centres: list[str], learners: set[str], reads: list[CompiledRead]
    ) -> Turn:
        """Writers of one centre take turns, and each takes its `stored` in its turn, later than
        any before it. So statements become visible in `stored` order, and a reader asking for
        `since` the newest `stored` it has seen (or the Consistent-Through header) misses none
        that commit later: were `stored` taken before the turn, a batch waiting for its turn
        would commit after a later one, behind a reader that had already moved past it.

        PostgreSQL: an advisory lock per centre (a group is one centre's; sorted, so two groups
        never wait for each other's second lock), then the reads, each with a snapshot taken
        after the locks, all in one round trip. SQLite: its write lock, then the reads."""
        if not self._postgresql:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite's write lock now, not at the first insert
        answers = read_together(connection, reads)[len(centres) if self._postgresql else 0 :]
        newest = [rows[0][0].astimezone(UTC) for rows in answers[: len(centres)] if rows[0][0] is not None]
        forwarding, roster_rows = answers[len(centres) :]
        now = stored_now()
        stored = now if not newest or now > max(newest) else max(newest) + timedelta(milliseconds=1)
        return Turn(
            stored,
            owners_of(roster_rows, learners),
            centres_of(roster_rows),
            bool(forwarding) and forwarding[0][0] is not None,
        )

    def _compare_resent(
        self, connection: Connection, jobs: list[Job], taken_now: dict[tuple[str, str], int]
    ) -> list[tuple[Job, Prepared]]:
        """The statements this group stored, with their jobs; a statement whose id was already
        taken (before, or earlier in the group) is compared with what is stored, and a batch
        with a different one is refused (_Refused)."""
        inserted: list[tuple[Job, Prepared]] = []
        resent: list[tuple[Job, Prepared]] = []
        first_of: set[tuple[str, str]] = set()
        for job in jobs:
            if job.error is not None:
                continue
            for item in job.work.batch:
                key = (job.work.client.centre, item.statement_id)
                if key in taken_now and key not in first_of:
                    first_of.add(key)
                    inserted.append((job, item))
                else:
                    resent.append((job, item))
        held = _held(connection, {(job.work.client.centre, item.statement_id) for job, item in resent})
        refused = False
        for job, item in resent:
            if job.error is None:
                try:
                    _compare_with_stored(item, held[(job.work.client.centre, item.statement_id)])
                except ApiError as error:
                    job.refuse(error)
                    refused = True
        if refused:
            raise _Refused
        return inserted


def _held(connection: Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The stored document of each (centre, id) already taken, in one query for the group."""
    if not keys:
        return {}
    found = connection.execute(
        select(StoredStatement.centre, StoredStatement.statement_id, StoredStatement.document).where(
            tuple_(StoredStatement.centre, StoredStatement.statement_id).in_(sorted(keys))
        )
    )
    return {(row.centre, row.statement_id): row.document for row in found}


def _compare_with_stored(item: Prepared, document: str) -> None:
    """The id was taken in this centre: the same statement again is fine; anything else stops
    the batch. (Another centre's statement with the same id is another statement.)"""
    if not same_statement({**item.sent, "id": item.statement_id}, json.loads(document)):
        raise ApiError(
            409,
            f"Statement {item.statement_id} is already stored with different content; a statement cannot be "
            "changed. Send new records with a new id (or void the old one).",
        )
