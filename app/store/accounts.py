"""Tutor and staff accounts on this kiosk, each with a PIN (6+ digits) or a password (8+
characters) of which only a salted scrypt hash is kept.

scrypt is slow on purpose (about 50 ms here) and its parameters are stored with each hash, so
they can be raised later: a hash made with older parameters is redone at the next good
sign-in. Five wrong tries in a row lock the account for five minutes; the count and the lock
live in the database, so restarting the kiosk does not reset them. The clock is passed in, so
tests can move time on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.accounts import (
    LOCK_TIME,
    MAX_TRIES,
    AccountError,
    AccountRecord,
    Outcome,
    SignInResult,
    check_name,
    check_role,
    minutes_until,
    secret_kind,
)
from app.core.secret_hash import hash_secret, needs_rehash, scrypt, secret_matches
from app.store.models import Account, utc_now

# n=2**14, r=8 (16 MiB) takes about 50 ms on a 2-core kiosk: slow for a guesser, quick for a person.
_DUMMY_SALT = b"silversteps-none"


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _record(row: Account) -> AccountRecord:
    return AccountRecord(row.id, row.name, row.role, row.secret_kind, _aware(row.created_at), _aware(row.locked_until))


class AccountRepository:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Callable[[], datetime] = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def add(self, name: str, role: str, secret: str) -> AccountRecord:
        """A new account; the kind (PIN or password) follows from the secret."""
        name, role, kind = check_name(name), check_role(role), secret_kind(secret)
        with self._sessions.begin() as session:
            if self._find(session, name) is not None:
                raise AccountError(f"There is already an account called {name}; choose another name.", "name_taken")
            row = Account(name=name, role=role, secret_kind=kind, secret_hash=hash_secret(secret))
            session.add(row)
            session.flush()
            return _record(row)

    def all(self) -> list[AccountRecord]:
        with self._sessions() as session:
            rows = session.scalars(select(Account).order_by(Account.role, Account.name))
            return [_record(row) for row in rows]

    def get(self, account_id: str) -> AccountRecord | None:
        with self._sessions() as session:
            row = session.get(Account, account_id)
            return _record(row) if row else None

    def has_staff(self) -> bool:
        with self._sessions() as session:
            return bool(session.scalar(select(func.count()).select_from(Account).where(Account.role == "staff")))

    def remove(self, name: str) -> AccountRecord:
        """Remove by name; the last staff account stays, or nobody could manage the kiosk."""
        with self._sessions.begin() as session:
            row = self._find(session, name)
            if row is None:
                raise AccountError(f"There is no account called {' '.join(name.split())}.", "no_account")
            if row.role == "staff":
                staff = session.scalar(select(func.count()).select_from(Account).where(Account.role == "staff"))
                if staff <= 1:
                    raise AccountError(
                        f"{row.name} is the only staff account: add another staff account first.", "last_staff"
                    )
            record = _record(row)
            session.delete(row)
            return record

    def minutes_locked(self, account_id: str) -> int:
        """How many more minutes the account stays locked (0: it is not)."""
        account = self.get(account_id)
        now = self._clock()
        if account is None or account.locked_until is None or account.locked_until <= now:
            return 0
        return minutes_until(account.locked_until, now)

    def sign_in(self, account_id: str, secret: str) -> SignInResult:
        """Check the secret, counting wrong tries in the database. While locked, even the
        right secret is refused and not checked."""
        now = self._clock()
        with self._sessions.begin() as session:
            row = session.get(Account, account_id)
            if row is None:
                scrypt(secret, _DUMMY_SALT)  # same time as a real check
                return SignInResult(Outcome.UNKNOWN)
            locked_until = _aware(row.locked_until)
            if locked_until is not None and now < locked_until:
                return SignInResult(Outcome.LOCKED, _record(row), 0, locked_until, minutes_until(locked_until, now))
            if locked_until is not None:  # the lock has run out: five fresh tries
                row.locked_until = None
                row.failed_tries = 0
            if secret_matches(secret, row.secret_hash):
                row.failed_tries = 0
                if needs_rehash(row.secret_hash):
                    row.secret_hash = hash_secret(secret)
                return SignInResult(Outcome.SIGNED_IN, _record(row))
            row.failed_tries += 1
            if row.failed_tries >= MAX_TRIES:
                row.locked_until = now + LOCK_TIME
                return SignInResult(
                    Outcome.LOCKED, _record(row), 0, row.locked_until, minutes_until(row.locked_until, now)
                )
            return SignInResult(Outcome.WRONG, _record(row), MAX_TRIES - row.failed_tries)

    @staticmethod
    def _find(session: Session, name: str) -> Account | None:
        wanted = " ".join(name.split()).casefold()
        return next((row for row in session.scalars(select(Account)) if row.name.casefold() == wanted), None)
