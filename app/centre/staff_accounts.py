"""Staff and tutor accounts known to a centre, each of one centre. They reach the centre in
three ways only, none of them a kiosk's own say-so: inside a kiosk's enrolment (the one-time
code from staff is the authority), pushed later with a staff member's token, or added by the
operator (`silversteps centre staff-account add`). Only the kiosk's scrypt hash travels and is
kept, never a PIN or password; its parameters are held to the kiosk's own, so an account
cannot make the server hash with a gigabyte of memory."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from app.centre.credentials import check_centre_name
from app.centre.models import StaffAccount, StaffToken
from app.centre.roster.fields import no_control_characters
from app.centre.roster.sql import upsert_for
from app.core.accounts import AccountError, check_name, check_role, secret_kind
from app.core.secret_hash import SCRYPT_N, SCRYPT_P, SCRYPT_R, hash_secret

MAX_ACCOUNTS = 200  # in one enrolment: a kiosk has a handful
_ACCOUNT_ID = re.compile(r"^[A-Za-z0-9-]{1,36}$")
_HASH = re.compile(r"^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$[0-9a-f]{16,64}\$[0-9a-f]{64}$")
_AFFORDABLE_N = frozenset(2**power for power in range(10, SCRYPT_N.bit_length()))
SHAPE = 'each account like {"id": "…", "name": "王老师", "role": "staff", "secret_hash": "scrypt$16384$8$1$…"}'


@dataclass(frozen=True)
class AccountIn:
    """An account as a kiosk or the operator hands it to the centre."""

    id: str
    name: str
    role: str
    secret_hash: str


@dataclass(frozen=True)
class AccountListed:
    """An account as listed: never its hash."""

    centre: str
    id: str
    name: str
    role: str
    created_at: datetime
    locked_until: datetime | None


def check_secret_hash(text: str) -> str:
    """A hash as the kiosk makes it (app.core.secret_hash), with parameters no costlier than its own."""
    shape = _HASH.fullmatch(text)
    if shape is None or not (
        int(shape[1]) in _AFFORDABLE_N and 1 <= int(shape[2]) <= SCRYPT_R and 1 <= int(shape[3]) <= SCRYPT_P
    ):
        raise ValueError("secret_hash must be a kiosk's scrypt hash (scrypt$16384$8$1$salt$hash)")
    return text


def account_from(value: Any) -> AccountIn:
    """One account of a request body; a ValueError says which field is wrong."""
    if not isinstance(value, dict) or set(value) != {"id", "name", "role", "secret_hash"}:
        raise ValueError(f"send {SHAPE}")
    fields = [value[name] for name in ("id", "name", "role", "secret_hash")]
    if not all(isinstance(field, str) for field in fields):
        raise ValueError(f"every field is a string: {SHAPE}")
    account_id, name, role, secret_hash = fields
    if not _ACCOUNT_ID.fullmatch(account_id):
        raise ValueError("an account's id is letters, digits and '-', at most 36")
    try:
        name, role = check_name(no_control_characters(name)), check_role(role)
    except AccountError as problem:
        raise ValueError(str(problem).rstrip(".")) from None
    return AccountIn(account_id.lower(), name, role, check_secret_hash(secret_hash))


def accounts_from(value: Any) -> list[AccountIn]:
    """The accounts of an enrolment: a list, possibly empty, of at most MAX_ACCOUNTS."""
    if not isinstance(value, list) or len(value) > MAX_ACCOUNTS:
        raise ValueError(f"accounts must be a list of at most {MAX_ACCOUNTS}, {SHAPE}")
    return [account_from(item) for item in value]


def keep_accounts(connection: Connection, centre: str, accounts: list[AccountIn]) -> None:
    """Add or replace the centre's accounts (name, role, hash); a replaced hash starts afresh
    with five tries, as a new PIN should."""
    now = datetime.now(UTC)
    upsert = upsert_for(connection.dialect)
    for account in accounts:
        values = {"name": account.name, "role": account.role, "secret_hash": account.secret_hash, "changed_at": now}
        statement = upsert(StaffAccount).values(centre=centre, id=account.id, failed_tries=0, created_at=now, **values)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["centre", "id"], set_={**values, "failed_tries": 0, "locked_until": None}
            )
        )


def remove_account(connection: Connection, centre: str, account_id: str) -> bool:
    """Remove the account and end its tokens at once; whether there was one."""
    removed = connection.execute(
        delete(StaffAccount).where(StaffAccount.centre == centre, StaffAccount.id == account_id)
    ).rowcount
    connection.execute(delete(StaffToken).where(StaffToken.centre == centre, StaffToken.account_id == account_id))
    return bool(removed)


# ---- the operator's commands --------------------------------------------------------------


def add_account(
    engine: Engine, centre: str, name: str, role: str, secret: str, account_id: str | None = None
) -> AccountListed:
    """An account made on the server (the operator typed the PIN or password): a new one, or
    with `account_id` the one a kiosk has by that id (replaced if the centre has it already)."""
    check_centre_name(centre)
    name, role = check_name(name), check_role(role)
    secret_kind(secret)  # raises AccountError for a PIN or password too short
    if account_id is not None and not _ACCOUNT_ID.fullmatch(account_id):
        raise ValueError("an account's id is letters, digits and '-', at most 36")
    account = AccountIn((account_id or str(uuid.uuid4())).lower(), name, role, hash_secret(secret))
    with engine.begin() as connection:
        keep_accounts(connection, centre, [account])
    return next(listed for listed in list_accounts(engine, centre) if listed.id == account.id)


def list_accounts(engine: Engine, centre: str | None = None) -> list[AccountListed]:
    query = select(StaffAccount).order_by(StaffAccount.centre, StaffAccount.role, StaffAccount.name)
    if centre is not None:
        query = query.where(StaffAccount.centre == centre)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [AccountListed(row.centre, row.id, row.name, row.role, row.created_at, row.locked_until) for row in rows]


def remove_account_by_id(engine: Engine, centre: str, account_id: str) -> bool:
    with engine.begin() as connection:
        return remove_account(connection, centre, account_id.strip().lower())
