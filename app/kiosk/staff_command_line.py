"""A staff member's sign-in at the centre for one command (`silversteps export … --staff NAME`):
the PIN or password is checked on this kiosk first (its five tries and its lock), then traded
for the staff member's token at the centre, used for the command, and ended at the centre when
the command is done. No Qt; the words are the command line's, in English."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.core.accounts import Outcome
from app.kiosk.centre import CentreAway, CentreConnection, StaffSignInMissing
from app.store.db import Database
from app.sync.link import CentreLink

MISSING_WORDS = {
    "none": "the centre did not sign the staff member in",
    "wrong": "the centre did not accept the PIN or password (was it changed there?)",
    "locked": "the account is locked at the centre for {minutes} minutes after too many wrong tries",
    "unknown": "the centre does not know this account: enrol the kiosk again, or add it on the server with "
    "`silversteps centre staff-account add`",
    "refused": "the centre refused this kiosk's own credential (was the kiosk revoked?)",
    "away": "the centre could not be reached to sign the staff member in",
    "ended": "the staff member's sign-in at the centre ended",
}


class NotSignedIn(Exception):
    """The staff member could not be signed in; the message says why, in English."""


def missing_words(problem: StaffSignInMissing) -> str:
    return MISSING_WORDS.get(problem.reason, MISSING_WORDS["none"]).format(minutes=problem.minutes)


@contextmanager
def signed_in_staff(db: Database, name: str, secret: str) -> Iterator[CentreLink]:
    """The centre, signed in as the kiosk's staff account `name`. Raises NotSignedIn, or
    CentreAway from the work done with it."""
    account = next((found for found in db.accounts.all() if found.name == name and found.role == "staff"), None)
    if account is None:
        raise NotSignedIn(f"this kiosk has no staff account called {name!r}; `silversteps accounts list` lists them")
    result = db.accounts.sign_in(account.id, secret)
    if result.outcome is not Outcome.SIGNED_IN:
        raise NotSignedIn(result.message)
    centre = CentreConnection(db, start=False)
    try:
        if centre.link() is None:
            raise NotSignedIn("this kiosk is not enrolled at a centre: `silversteps kiosk enrol URL CODE` first")
        centre.sign_in_staff(centre.begin_staff_sign_in(), account.id, secret)
        try:
            with centre.as_staff() as link:
                yield link
        except StaffSignInMissing as missing:
            raise NotSignedIn(missing_words(missing)) from missing
    finally:
        centre.forget_staff(wait=True)
        centre.close()


__all__ = ["CentreAway", "NotSignedIn", "signed_in_staff"]
