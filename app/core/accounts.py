"""Tutor and staff accounts as the kiosk knows them: roles, what makes a PIN or a password,
what a sign-in can come to, and the rules a name must keep. No storage here
(app.store.accounts keeps them, with their hashes)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

ROLES = ("tutor", "staff")
PIN, PASSWORD = "pin", "password"
MIN_PIN_DIGITS = 6
MIN_PASSWORD_CHARS = 8
MAX_NAME = 40
MAX_TRIES = 5
LOCK_TIME = timedelta(minutes=5)


class AccountError(ValueError):
    """A request that cannot be done; the message says what to do instead, and `reason` names
    the rule so a screen can say it in the learner's language."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Outcome(Enum):
    SIGNED_IN = "signed_in"
    WRONG = "wrong"
    LOCKED = "locked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AccountRecord:
    id: str
    name: str
    role: str
    secret_kind: str  # "pin" or "password"
    created_at: datetime
    locked_until: datetime | None


@dataclass(frozen=True)
class SignInResult:
    """What happened, with the numbers a screen needs to say it in the learner's language."""

    outcome: Outcome
    account: AccountRecord | None = None
    tries_left: int = 0
    locked_until: datetime | None = None
    minutes_left: int = 0

    @property
    def message(self) -> str:
        """In English, for the command line and logs; screens build their own sentence."""
        if self.outcome is Outcome.SIGNED_IN:
            return f"signed in as {self.account.name}"
        if self.outcome is Outcome.UNKNOWN:
            return "there is no such account; choose a name from the list"
        if self.outcome is Outcome.LOCKED:
            return (
                f"too many wrong tries: this account is locked for {self.minutes_left} more "
                f"minute{'s' if self.minutes_left != 1 else ''}; try again after that"
            )
        tries = "1 try" if self.tries_left == 1 else f"{self.tries_left} tries"
        return f"that is not right; {tries} left before the account locks for 5 minutes"


def secret_kind(secret: str) -> str:
    """A secret of digits only is a PIN (at least 6); anything else is a password (at least 8)."""
    if secret.isdigit() and secret.isascii():
        if len(secret) < MIN_PIN_DIGITS:
            raise AccountError(f"A PIN needs at least {MIN_PIN_DIGITS} digits.", "short_pin")
        return PIN
    if len(secret) < MIN_PASSWORD_CHARS:
        raise AccountError(
            f"Use a PIN of at least {MIN_PIN_DIGITS} digits or a password of at least {MIN_PASSWORD_CHARS} characters.",
            "short_password",
        )
    return PASSWORD


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AccountError("Please give the account a name.", "no_name")
    if len(name) > MAX_NAME:
        raise AccountError(f"Please use a shorter name (at most {MAX_NAME} characters).", "long_name")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.", "bad_role")
    return role


def minutes_until(moment: datetime, now: datetime) -> int:
    """Whole minutes, rounded up: 4 minutes 10 seconds is "5 more minutes", never "4"."""
    return max(1, math.ceil((moment - now).total_seconds() / 60))
