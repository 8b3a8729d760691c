"""Tutor and staff accounts as the screens use them: the names to tap, signing in with a PIN or
password, and staff adding and removing accounts. The rules (a PIN's length, five tries, the
lock) are the store's and core's; this is the screens' one door to them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.accounts import AccountRecord, SignInResult
from app.store.accounts import AccountRepository
from app.store.models import Account


class Accounts:
    def __init__(self, repository: AccountRepository) -> None:
        self._repository = repository

    def all(self) -> list[AccountRecord]:
        return self._repository.all()

    def get(self, account_id: str) -> AccountRecord | None:
        return self._repository.get(account_id)

    def sign_in(self, account_id: str, secret: str) -> SignInResult:
        return self._repository.sign_in(account_id, secret)

    def minutes_locked(self, account_id: str) -> int:
        return self._repository.minutes_locked(account_id)

    def add(self, name: str, role: str, secret: str) -> AccountRecord:
        """Raises AccountError (its `reason` names the rule) when the name, role or secret will not do."""
        return self._repository.add(name, role, secret)

    def remove(self, name: str) -> AccountRecord:
        """Raises AccountError for the last staff account."""
        return self._repository.remove(name)

    def staff_count(self) -> int:
        return sum(1 for account in self._repository.all() if account.role == "staff")


def accounts_for_centre(sessions: sessionmaker[Session]) -> list[dict[str, str]]:
    """This kiosk's accounts as its enrolment brings them to the centre: id, name, role and the
    scrypt hash (never a PIN), so its staff can sign in there too."""
    with sessions() as session:
        rows = session.scalars(select(Account).order_by(Account.name))
        return [{"id": row.id, "name": row.name, "role": row.role, "secret_hash": row.secret_hash} for row in rows]
