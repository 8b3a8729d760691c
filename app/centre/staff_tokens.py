"""Short-lived tokens for staff and tutors. At a kiosk of their centre a staff member's PIN or
password is traded for a bearer token that works for an hour (or until they sign out); a staff
account's token may do a kiosk's work and staff's, a tutor's only a kiosk's. Only its sha256
is kept. Five wrong tries in a row lock the account for five minutes, as on the kiosk, counted
in the database so every worker and a restart keep them.

A staff token starts with `staff.`, which a kiosk's token (URL-safe base64) never holds, so
the bearer check knows which table to read without reading both."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.centre.credentials import Client
from app.centre.errors import ApiError
from app.centre.kiosks import sha256_text
from app.centre.models import Kiosk, StaffAccount, StaffToken
from app.centre.scopes import KIOSK, STAFF, parse_scopes, show_scopes
from app.core.accounts import LOCK_TIME, MAX_TRIES, minutes_until

STAFF_TOKEN_PREFIX = "staff."
STAFF_KEY_PREFIX = "staff:"  # a staff token's Client.key: the account it signs in as
TOKEN_LIFETIME = timedelta(minutes=60)
SCOPES_OF_ROLE = {"staff": frozenset({STAFF, KIOSK}), "tutor": frozenset({KIOSK})}
TOKEN_REFUSED = "This staff sign-in has ended (signed out, expired or the account removed); sign in again."


def is_staff_token(token: str) -> bool:
    return token.startswith(STAFF_TOKEN_PREFIX)


@dataclass(frozen=True)
class AccountToCheck:
    """What the sign-in needs of an account before scrypt runs."""

    id: str
    name: str
    role: str
    secret_hash: str
    minutes_locked: int


@dataclass(frozen=True)
class Issued:
    token: str
    expires_at: datetime
    scopes: frozenset[str]
    account: AccountToCheck


def account_to_check(engine: Engine, centre: str, account_id: str) -> AccountToCheck | None:
    """The centre's account, or None (another centre's is not found either)."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        row = session.get(StaffAccount, (centre, account_id.strip().lower()))
        if row is None:
            return None
        locked = 0 if row.locked_until is None or row.locked_until <= now else minutes_until(row.locked_until, now)
        return AccountToCheck(row.id, row.name, row.role, row.secret_hash, locked)


def note_wrong(engine: Engine, centre: str, account: AccountToCheck) -> tuple[int, int]:
    """Count a wrong try (in SQL, so tries at once on two workers both count); the minutes the
    account is now locked for (0 while tries are left) and the tries left."""
    now = datetime.now(UTC)
    key = (StaffAccount.centre == centre, StaffAccount.id == account.id)
    with Session(engine) as session, session.begin():
        # a lock that has run out gives five fresh tries, as on the kiosk
        session.execute(
            update(StaffAccount).where(*key, StaffAccount.locked_until <= now).values(failed_tries=0, locked_until=None)
        )
        session.execute(update(StaffAccount).where(*key).values(failed_tries=StaffAccount.failed_tries + 1))
        session.execute(
            update(StaffAccount)
            .where(*key, StaffAccount.failed_tries >= MAX_TRIES, StaffAccount.locked_until.is_(None))
            .values(locked_until=now + LOCK_TIME)
        )
        row = session.get(StaffAccount, (centre, account.id))
        if row is None:  # removed meanwhile
            return 0, 0
        locked_until, tries = row.locked_until, row.failed_tries
    return (0 if locked_until is None else minutes_until(locked_until, now)), max(0, MAX_TRIES - tries)


def issue_token(engine: Engine, centre: str, account: AccountToCheck, kiosk_id: str | None) -> Issued:
    """The right secret: wrong tries forgotten, and a new token for the account's role."""
    now = datetime.now(UTC)
    token = STAFF_TOKEN_PREFIX + secrets.token_urlsafe(32)
    scopes = SCOPES_OF_ROLE[account.role]
    expires = now + TOKEN_LIFETIME
    with Session(engine) as session, session.begin():
        session.execute(
            update(StaffAccount)
            .where(StaffAccount.centre == centre, StaffAccount.id == account.id)
            .values(failed_tries=0, locked_until=None)
        )
        session.add(
            StaffToken(
                token_hash=sha256_text(token),
                centre=centre,
                account_id=account.id,
                kiosk_id=kiosk_id,
                scopes=show_scopes(scopes),
                issued_at=now,
                expires_at=expires,
            )
        )
    return Issued(token, expires, scopes, account)


def end_token(engine: Engine, token: str) -> bool:
    """Sign out: the token is refused from its next request; whether it was working."""
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        ended = session.execute(
            update(StaffToken)
            .where(StaffToken.token_hash == sha256_text(token), StaffToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return ended.rowcount == 1


class StaffTokenVerifier:
    """Bearer tokens of signed-in staff and tutors: the Client a token signs in as, or a 401.
    One indexed read joins the token, its account and the kiosk it was signed in at, so a
    removed account, a revoked kiosk, a sign-out or the hour running out count at once."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def verify(self, token: str) -> Client:
        now = datetime.now(UTC)
        query = (
            select(StaffToken, StaffAccount.name, Kiosk.revoked_at)
            .join(StaffAccount, (StaffAccount.centre == StaffToken.centre) & (StaffAccount.id == StaffToken.account_id))
            .outerjoin(Kiosk, Kiosk.id == StaffToken.kiosk_id)
            .where(StaffToken.token_hash == sha256_text(token))
        )
        with self._sessions() as session:
            found = session.execute(query).first()
        if found is None:
            raise ApiError(401, TOKEN_REFUSED)
        row, name, kiosk_revoked_at = found
        if row.revoked_at is not None or row.expires_at <= now or kiosk_revoked_at is not None:
            raise ApiError(401, TOKEN_REFUSED)
        return Client(
            key=STAFF_KEY_PREFIX + row.account_id, name=name, centre=row.centre, scopes=parse_scopes(row.scopes)
        )
