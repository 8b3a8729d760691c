"""The staff accounts and tokens in the database, on SQLite and PostgreSQL (migration 0013):
an account replaced with a new hash starts with fresh tries, wrong tries counted in SQL lock
it at the fifth, a token is found for its own centre only and ends with its account, and
migrating down and up again keeps the schema whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, update
from sqlalchemy.orm import sessionmaker

from app.centre.database import MIGRATIONS, migrate
from app.centre.errors import ApiError
from app.centre.models import StaffToken
from app.centre.staff_accounts import AccountIn, keep_accounts, remove_account
from app.centre.staff_tokens import StaffTokenVerifier, account_to_check, issue_token, note_wrong
from app.core.secret_hash import hash_secret

HASH = hash_secret("246810")


def _account(account_id: str = "a1", role: str = "staff") -> AccountIn:
    return AccountIn(account_id, "王老师", role, HASH)


def test_accounts_lock_and_tokens_end_on_both_databases(fresh_engine: Engine):
    migrate(fresh_engine)
    with fresh_engine.begin() as connection:
        keep_accounts(connection, "huangpu", [_account(), _account("t1", "tutor")])
        keep_accounts(connection, "jingan", [_account()])  # the same id at another centre: its own
    account = account_to_check(fresh_engine, "huangpu", "A1")  # ids are matched as the kiosk makes them
    assert account is not None and account.role == "staff" and account.minutes_locked == 0
    assert [note_wrong(fresh_engine, "huangpu", account) for _ in range(5)] == [(0, 4), (0, 3), (0, 2), (0, 1), (5, 0)]
    assert account_to_check(fresh_engine, "huangpu", "a1").minutes_locked == 5
    assert account_to_check(fresh_engine, "jingan", "a1").minutes_locked == 0  # the other centre's is not

    with fresh_engine.begin() as connection:  # pushed again with a new PIN: five fresh tries
        keep_accounts(connection, "huangpu", [_account()])
    assert account_to_check(fresh_engine, "huangpu", "a1").minutes_locked == 0

    verifier = StaffTokenVerifier(sessionmaker(fresh_engine))
    issued = issue_token(fresh_engine, "huangpu", account, kiosk_id=None)
    client = verifier.verify(issued.token)
    assert (client.centre, client.key, client.scopes) == ("huangpu", "staff:a1", frozenset({"staff", "kiosk"}))
    tutor = issue_token(fresh_engine, "huangpu", account_to_check(fresh_engine, "huangpu", "t1"), kiosk_id=None)
    assert verifier.verify(tutor.token).scopes == frozenset({"kiosk"})

    with fresh_engine.begin() as connection:
        connection.execute(update(StaffToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    with pytest.raises(ApiError) as expired:
        verifier.verify(tutor.token)
    assert expired.value.status_code == 401

    again = issue_token(fresh_engine, "huangpu", account, kiosk_id=None)
    with fresh_engine.begin() as connection:
        assert remove_account(connection, "huangpu", "a1") is True
    with pytest.raises(ApiError):
        verifier.verify(again.token)
    assert account_to_check(fresh_engine, "jingan", "a1") is not None


def test_migration_0013_goes_down_and_up_again(fresh_engine: Engine):
    migrate(fresh_engine)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with fresh_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
        command.upgrade(config, "0013")
    with fresh_engine.begin() as connection:
        keep_accounts(connection, "huangpu", [_account()])
    assert account_to_check(fresh_engine, "huangpu", "a1") is not None
