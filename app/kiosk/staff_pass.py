"""The signed-in staff member's token at the centre, kept in memory only and for one role
session: what the staff console's centre work (merging, deleting everywhere, kiosks,
certificates, the centre's exports) signs in with, since the kiosk's own token may not do it.

The exchange runs on a worker thread after the PIN was checked here; centre work asked for
meanwhile waits for it (it runs off the GUI thread too). Signing out forgets the token, and a
late answer from an exchange of an earlier session is thrown away."""

from __future__ import annotations

import threading

from app.kiosk.centre_away import CentreAway

WAIT_FOR_SIGN_IN_S = 20.0  # a little longer than one request to the centre may take


class StaffSignInMissing(CentreAway):
    """The centre's staff work needs the staff member's own sign-in there, and there is none:
    `reason` says why ("none", "wrong", "locked", "unknown", "refused", "away", "ended"), so a
    screen says it in its own language; `minutes` for a locked account."""

    def __init__(self, reason: str, minutes: int = 0, words: str = "") -> None:
        super().__init__(words or f"no staff sign-in at the centre ({reason})")
        self.reason = reason
        self.minutes = minutes


class StaffPass:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ticket = 0
        self._token: str | None = None
        self._missing: tuple[str, int] = ("none", 0)
        self._done = threading.Event()
        self._done.set()

    def begin(self) -> int:
        """A staff member has just signed in here: the exchange starts (call on the GUI thread,
        so work asked for from now on waits for it). Returns the ticket `settle` needs."""
        with self._lock:
            self._ticket += 1
            self._token = None
            self._done.clear()
            return self._ticket

    def settle(self, ticket: int, token: str | None, missing: StaffSignInMissing | None = None) -> None:
        """The exchange's outcome; ignored when the session it was for has ended."""
        with self._lock:
            if ticket != self._ticket:
                return
            self._token = token
            self._missing = (missing.reason, missing.minutes) if missing else ("none", 0)
            self._done.set()

    def forget(self) -> str | None:
        """Sign-out: the token is gone from memory; returns it so the centre can end it too."""
        with self._lock:
            self._ticket += 1
            token, self._token = self._token, None
            self._missing = ("none", 0)
            self._done.set()
            return token

    def ended(self, token: str) -> None:
        """The centre refused the token (the hour ran out, or it was ended there)."""
        with self._lock:
            if self._token == token:
                self._token = None
                self._missing = ("ended", 0)

    def token(self, wait_s: float = WAIT_FOR_SIGN_IN_S) -> str:
        """The token, waiting for an exchange under way; StaffSignInMissing says why there is none."""
        self._done.wait(wait_s)
        with self._lock:
            if self._token is not None:
                return self._token
            raise StaffSignInMissing(*self._missing) if self._done.is_set() else StaffSignInMissing("away")

    @property
    def held(self) -> bool:
        with self._lock:
            return self._token is not None
