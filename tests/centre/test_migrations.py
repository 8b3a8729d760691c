"""Centre migration 0008 drops the fingerprint kept beside every statement: a resent statement is
compared with the stored document instead. Statements stored before it still compare (the same
again is no change, a change is 409), their index rows and forwarding queue stay, and the
downgrade gives every statement back the fingerprint it had. Migration 0009 drops the index
rows' foreign key. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, text

from app.centre.credentials import Client
from app.centre.database import MIGRATIONS
from app.centre.errors import ApiError
from app.centre.models import RosterLearner
from app.centre.roster.removal import delete_learner
from app.centre.xapi.canonical import fingerprint
from app.centre.xapi.repository import StatementRepository
from tests.centre.support import statement

KIOSK = Client(key="k1", name="kiosk 1", centre="default")


def move_to(engine: Engine, revision: str, downgrade: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if downgrade else command.upgrade)(config, revision)


def count(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_the_fingerprint_goes_and_statements_stored_before_still_compare(fresh_engine: Engine) -> None:
    engine = fresh_engine
    move_to(engine, "head")
    with_timestamp, without = statement(), statement()
    del without["timestamp"]
    StatementRepository(engine).store([with_timestamp, without], KIOSK)
    move_to(engine, "0007", downgrade=True)
    with engine.connect() as connection:
        kept = dict(connection.execute(text("SELECT statement_id, fingerprint FROM xapi_statements")).all())
    assert kept == {item["id"]: fingerprint(item) for item in (with_timestamp, without)}, "as 0007 had made them"
    index_rows = count(engine, "SELECT count(*) FROM xapi_statement_index")
    assert index_rows >= 6

    move_to(engine, "head")
    with engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM xapi_statements")).keys()
    assert "fingerprint" not in columns
    assert count(engine, "SELECT count(*) FROM xapi_statement_index") == index_rows, "no index row lost"
    repository = StatementRepository(engine)
    assert repository.store([with_timestamp, without], KIOSK) == [with_timestamp["id"], without["id"]]
    with pytest.raises(ApiError) as refused:
        repository.store([{**without, "timestamp": "2026-11-25T09:30:00Z"}], KIOSK)
    assert refused.value.status_code == 409
    assert count(engine, "SELECT count(*) FROM xapi_statements") == 2


def test_index_rows_lose_their_foreign_key_and_still_go_with_their_statements(fresh_engine: Engine) -> None:
    """Migration 0009: the index rows keep no foreign key (a check per row in the writer's turn);
    deleting a learner deletes their statements' index rows itself, and the downgrade puts the
    key back (with its cascade) over the rows there are."""
    engine = fresh_engine
    move_to(engine, "head")
    theirs, others = statement(), statement(actor={"objectType": "Agent", "account": {"homePage": "h", "name": "L2"}})
    StatementRepository(engine).store([theirs, others], KIOSK)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(RosterLearner),
            [
                {"id": "L1", "centre": "default", "display_name": "王阿姨", "registered_at": now, "kiosk_id": "k"}
                | {"changed": now}
            ],
        )
    of_others = count(
        engine, f"SELECT count(*) FROM xapi_statement_index WHERE statement_seq = {seq_of(engine, others)}"
    )
    assert of_others >= 3

    delete_learner(engine, "default", "L1")
    assert count(engine, "SELECT count(*) FROM xapi_statement_index") == of_others, "only the other learner's rows"

    move_to(engine, "0008", downgrade=True)
    assert count(engine, "SELECT count(*) FROM xapi_statement_index") == of_others
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM xapi_statements"))
    assert count(engine, "SELECT count(*) FROM xapi_statement_index") == 0, "the key's cascade is back"
    move_to(engine, "head")


def seq_of(engine: Engine, sent: dict[str, object]) -> int:
    with engine.connect() as connection:
        found = connection.execute(text("SELECT seq FROM xapi_statements WHERE statement_id = :id"), {"id": sent["id"]})
        return int(found.scalar_one())


def test_records_are_keyed_by_centre_and_the_swap_loses_no_row(fresh_engine: Engine) -> None:
    """Migration 0012: a statement id is unique within its centre, and the folded rows are
    keyed with their centre. Rows written before it (statements, their queue for forwarding,
    attempts, help calls, check-ins, time) all stay; on SQLite the statements' AUTOINCREMENT
    counter goes on past a statement deleted before the swap."""
    engine = fresh_engine
    move_to(engine, "0011")
    now = datetime.now(UTC)
    sent = [statement() for _ in range(3)]
    with engine.begin() as connection:
        for item in sent:
            connection.execute(
                text(
                    "INSERT INTO xapi_statements (statement_id, centre, credential_key, stored, is_voiding, "
                    "document) VALUES (:id, 'centre-a', 'ka', :now, false, :document)"
                ),
                {"id": item["id"], "now": now, "document": json.dumps(item)},
            )
        first, newest = connection.execute(text("SELECT min(seq), max(seq) FROM xapi_statements")).one()
        queued = text("INSERT INTO forwarding_queue (statement_seq, queued_at) VALUES (:seq, :now)")
        connection.execute(queued, {"seq": first, "now": now})
        connection.execute(text("DELETE FROM xapi_statements WHERE seq = :seq"), {"seq": newest})  # before the swap
        connection.execute(
            text(
                "INSERT INTO lesson_attempts (registration, centre, learner_id, lesson_id, attempt, position, done, "
                "mistakes, seconds, changed) VALUES ('r1', 'centre-a', 'L1', 'video-call', 1, 2, false, 0, 9.5, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text("INSERT INTO help_calls (id, centre, learner_id, asked_at) VALUES ('h1', 'centre-a', 'L1', :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO session_check_ins (session_id, learner_id, centre, first_at, checked_in_by, changed) "
                "VALUES ('s1', 'L1', 'centre-a', '2026-12-07T09:00:00Z', 'kiosk', :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO session_time (session_id, learner_id, centre, seconds) VALUES ('s1', 'L1', 'centre-a', 60)"
            )
        )

    move_to(engine, "head")
    for table, rows in (
        ("xapi_statements", 2),
        ("forwarding_queue", 1),
        ("lesson_attempts", 1),
        ("help_calls", 1),
        ("session_check_ins", 1),
        ("session_time", 1),
    ):
        assert count(engine, f"SELECT count(*) FROM {table}") == rows, table

    # the same id and the same keys at another centre: another record, beside the first
    of_b = Client(key="kb", name="kiosk b", centre="centre-b")
    assert StatementRepository(engine).store([sent[0]], of_b) == [sent[0]["id"]]
    assert count(engine, f"SELECT count(*) FROM xapi_statements WHERE statement_id = '{sent[0]['id']}'") == 2
    assert seq_of_centre(engine, sent[0], "centre-b") > newest, "no deleted statement's number handed out again"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO lesson_attempts (registration, centre, learner_id, lesson_id, attempt, position, done, "
                "mistakes, seconds, changed) VALUES ('r1', 'centre-b', 'L9', 'video-call', 1, 0, false, 0, 0, :now)"
            ),
            {"now": now},
        )
        connection.execute(text("INSERT INTO help_calls (id, centre) VALUES ('h1', 'centre-b')"))
    assert count(engine, "SELECT count(*) FROM lesson_attempts WHERE registration = 'r1'") == 2


def seq_of_centre(engine: Engine, sent: dict[str, object], centre: str) -> int:
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT seq FROM xapi_statements WHERE statement_id = :id AND centre = :centre"),
            {"id": sent["id"], "centre": centre},
        )
        return int(found.scalar_one())
