"""This kiosk's place in its centre: who it is there (the identity its records carry), how to
reach the centre, the sync worker that sends its records and brings the others' back, and
what staff do with the centre from the kiosk (enrol it, list and revoke kiosks).

Everything that names the centre reads it from here at the moment it is needed, so enrolling
the kiosk again (`join`) reaches every part of the kiosk at once, without rebuilding them."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.core.xapi import KioskIdentity, namespace_of
from app.kiosk.accounts import accounts_for_centre
from app.kiosk.centre_away import CentreAway
from app.kiosk.staff_pass import StaffPass, StaffSignInMissing
from app.store.db import Database
from app.store.options import CENTRE_HOME, CENTRE_IDS_KEY, CENTRE_KIOSK_ID, CENTRE_URL, KIOSK_ID
from app.sync.link import CentreLink, Enrolled, centre_link, enrolled_centre, remember

__all__ = [
    "CentreAway",
    "CentreConnection",
    "EnrolRefused",
    "Enrolled",
    "StaffSignInMissing",
    "SyncState",
    "kiosk_identity",
]

if TYPE_CHECKING:
    import httpx

    from app.sync.sessions import CentreBoardReader
    from app.sync.worker import SyncWorker, Together

# The sync client (httpx and the workers) is imported where a centre is first talked to, not
# here: a kiosk with no centre starts a tenth of a second sooner, and one with a centre loads
# it at start-up anyway.

log = logging.getLogger("silversteps.kiosk")
DEFAULT_CENTRE_HOME = "https://silversteps.local/centre/default"  # until the kiosk is enrolled
BOARD_TIMEOUT_S = 3.0


class EnrolRefused(Exception):
    """The centre did not take the code, or could not be reached; `status` is its HTTP status
    (409 used, 410 expired, 404 unknown), None if it was not reached."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SyncState:
    """Where this kiosk's records are, for the words staff read."""

    waiting: int
    set_aside: int
    last_success: datetime | None
    problem: str | None  # the centre's or the network's own words
    advice: str | None  # "retry", "refused" or "error": the screen says what to do
    stopped: bool


@contextmanager
def talking_to_centre() -> Iterator[None]:
    """The sync layer's RetryLater and Refused, as the one problem the screens word."""
    # the delivery rules import httpx: loaded with the first call to the centre
    from app.sync.delivery import Refused, RetryLater

    try:
        yield
    except (RetryLater, Refused) as problem:
        raise CentreAway(str(problem)) from problem


def kiosk_identity(db: Database) -> KioskIdentity:
    """This kiosk's id, made once and kept, and the centre its learners belong to."""
    kiosk_id = db.settings.get(KIOSK_ID)
    if kiosk_id is None:
        kiosk_id = str(uuid.uuid4())
        db.settings.set(KIOSK_ID, kiosk_id)
    return KioskIdentity(
        kiosk_id=kiosk_id,
        centre_home=db.settings.get(CENTRE_HOME) or DEFAULT_CENTRE_HOME,
        namespace=namespace_of(db.settings.get(CENTRE_IDS_KEY)),
    )


def start_sync(db: Database, on_news: Callable[[], None] | None = None) -> SyncWorker | None:
    """Share with the centre in the background, if this kiosk has a centre and the credentials
    it was given at enrolment: the outbox goes, the roster and lesson progress of the centre's
    other kiosks come back. Otherwise records wait safely on the kiosk."""
    link = centre_link(db.settings)
    if link is None:
        return None
    # the sync client only for a kiosk with a centre (see the top of this module)
    from app.sync.ids_key import IdsKeyExchange
    from app.sync.roster import RosterExchange
    from app.sync.sessions import SessionExchange
    from app.sync.worker import SyncWorker, Together

    def roster(client: httpx.Client) -> Together:
        return Together(
            IdsKeyExchange(client, link, db.settings),
            RosterExchange(client, link, db.learners, db.progress, db.settings, db.sessions),
            SessionExchange(client, link, db.classes, db.settings),
        )

    worker = SyncWorker(db.outbox, link, roster=roster, on_news=on_news)
    worker.start()
    return worker


def board_reader(db: Database) -> CentreBoardReader | None:
    """How the tutor's board is read from the centre, if this kiosk has one."""
    link = centre_link(db.settings)
    if link is None:
        return None
    # the sync client only for a kiosk with a centre (see the top of this module)
    from app.sync.sessions import CentreBoardReader

    return CentreBoardReader(link, BOARD_TIMEOUT_S)


class CentreConnection:
    def __init__(
        self, db: Database, *, on_news: Callable[[], None] | None = None, start: bool = True, centre_url: str = ""
    ) -> None:
        """`on_news` is called on the worker's thread when learners or progress came in;
        `start=False` keeps the worker from starting (a test runs rounds by hand)."""
        self._db = db
        self._on_news = on_news
        if centre_url:
            db.settings.set(CENTRE_URL, centre_url)
        self.identity = kiosk_identity(db)
        self.sync: SyncWorker | None = start_sync(db, self._news) if start else None
        self.board_reader: CentreBoardReader | None = board_reader(db)
        self.staff_pass = StaffPass()

    def _news(self) -> None:
        """On the worker's thread: the centre's key for statement ids may have come in this
        round (a kiosk enrolled before centres gave one), so the identity is made again."""
        self.identity = kiosk_identity(self._db)
        if self._on_news is not None:
            self._on_news()

    # ---- what the kiosk knows of its centre ----------------------------------------------------

    def link(self) -> CentreLink | None:
        return centre_link(self._db.settings)

    @property
    def enrolled(self) -> bool:
        """Enrolled (or given an xAPI key): its records go to a centre."""
        return self.link() is not None

    def enrolled_centre(self) -> tuple[str, str] | None:
        """The centre's address and id this kiosk was enrolled with, or None."""
        return enrolled_centre(self._db.settings)

    def address(self) -> str:
        """The centre's address as last given (for the enrolment form), or ""."""
        return self._db.settings.get(CENTRE_URL) or ""

    def own_kiosk_id(self) -> str | None:
        """This kiosk's id at the centre, once enrolled."""
        return self._db.settings.get(CENTRE_KIOSK_ID)

    # ---- records on their way --------------------------------------------------------------

    @property
    def sending(self) -> bool:
        """A sync worker runs: records go to the centre in the background."""
        return self.sync is not None

    def nudge(self) -> None:
        """Something new is waiting (or wanted): share with the centre now, not at the next tick."""
        if self.sync is not None:
            self.sync.nudge()

    def sync_state(self) -> SyncState:
        """Records waiting, the last success and any problem, whether or not a worker runs."""
        if self.sync is not None:
            worker = self.sync.state()
            return SyncState(
                worker.waiting, worker.set_aside, worker.last_success, worker.problem, worker.advice, worker.stopped
            )
        counts = self._db.outbox.counts()
        return SyncState(counts.waiting, counts.set_aside, counts.last_sent_at, None, None, False)

    # ---- enrolling -----------------------------------------------------------------------------

    def enrol(self, url: str, code: str, name: str) -> Enrolled:
        """Exchange the one-time code for a device token, bringing this kiosk's staff and tutor
        accounts to the centre (network: call it off the GUI thread). Raises EnrolRefused with
        words staff can act on."""
        # the sync client (see the top of this module)
        from app.sync.enrol import EnrolError, enrol

        try:
            return enrol(url, code, name, accounts_for_centre(self._db.sessions))
        except EnrolError as problem:
            raise EnrolRefused(str(problem), problem.status) from problem

    def join(self, url: str, enrolment: Enrolled) -> None:
        """Keep the enrolment and act on it at once: records made from now on name the new
        centre, and a new worker sends them there with the new token. The old worker stops on
        its own thread, so a request it is waiting on never freezes the screen."""
        remember(self._db.settings, url, enrolment)
        old, old_board = self.sync, self.board_reader
        if old is not None:
            threading.Thread(target=old.stop, name="silversteps-sync-stop", daemon=True).start()
        if old_board is not None:
            old_board.close()
        self.identity = kiosk_identity(self._db)
        self.sync = start_sync(self._db, self._news)
        self.board_reader = board_reader(self._db)

    # ---- the centre's kiosks (network: call these off the GUI thread) ---------------------------

    def kiosks(self) -> list[dict[str, Any]]:
        """Every kiosk of the centre as the centre knows it. Raises CentreAway."""
        # the sync client (see the top of this module)
        from app.sync.reports import fetch_kiosks

        with self.as_staff() as link:
            return fetch_kiosks(link)

    def revoke(self, kiosk_id: str) -> list[dict[str, Any]]:
        """Refuse another kiosk's token at once; the centre's kiosks afterwards."""
        # the sync client (see the top of this module)
        from app.sync.reports import fetch_kiosks, revoke_at_centre

        with self.as_staff() as link:
            revoke_at_centre(link, kiosk_id)
            return fetch_kiosks(link)

    # ---- the staff member's own sign-in at the centre ------------------------------------------

    def begin_staff_sign_in(self) -> int:
        """A staff member signed in here: centre work waits for the exchange from now on (GUI
        thread; cheap). Returns the ticket for `sign_in_staff`."""
        return self.staff_pass.begin()

    def sign_in_staff(self, ticket: int, account_id: str, secret: str) -> None:
        """Trade the PIN or password just checked here for the staff member's token at the
        centre (network: call it off the GUI thread); kept in memory for this session only."""
        # the sync client (see the top of this module)
        from app.sync.delivery import Refused, RetryLater
        from app.sync.staff_sign_in import SignInRefused, sign_in_at_centre

        link = self.link()
        if link is None:
            self.staff_pass.settle(ticket, None)
            return
        try:
            issued = sign_in_at_centre(link, account_id, secret)
        except SignInRefused as refused:
            self.staff_pass.settle(ticket, None, StaffSignInMissing(refused.reason, refused.minutes))
        except (RetryLater, Refused):
            self.staff_pass.settle(ticket, None, StaffSignInMissing("away"))
        else:
            self.staff_pass.settle(ticket, issued.token)

    def forget_staff(self, *, wait: bool = False) -> None:
        """Sign-out: the token leaves memory at once, and the centre ends it on a thread of its
        own, so the welcome screen never waits for the network (`wait`: here, for a command
        that is about to exit)."""
        token, link = self.staff_pass.forget(), self.link()
        if token is None or link is None:
            return
        # the sync client (see the top of this module)
        from app.sync.staff_sign_in import sign_out_at_centre

        if wait:
            sign_out_at_centre(link, token)
            return
        threading.Thread(
            target=sign_out_at_centre, args=(link, token), name="silversteps-staff-sign-out", daemon=True
        ).start()

    def share_account(self, account_id: str, *, removed: bool = False) -> threading.Thread | None:
        """Tell the centre of an account staff just added (or removed) here, as the signed-in
        staff member, on a thread of its own; best effort: without their sign-in or a centre it
        is only logged, and the operator can add it with `centre staff-account add --id`."""
        if self.link() is None or not self.staff_pass.held:
            return None
        shared = next((row for row in accounts_for_centre(self._db.sessions) if row["id"] == account_id), None)
        thread = threading.Thread(
            target=self._share, args=(account_id, shared, removed), name="silversteps-share-account", daemon=True
        )
        thread.start()
        return thread

    def _share(self, account_id: str, shared: dict[str, str] | None, removed: bool) -> None:
        # the sync client (see the top of this module)
        from app.sync.staff_accounts import push_account, remove_account

        try:
            with self.as_staff() as link:
                if removed or shared is None:
                    remove_account(link, account_id)
                else:
                    push_account(link, shared)
        except CentreAway as problem:
            log.warning("the centre was not told of account %s: %s", account_id, problem)

    @contextmanager
    def as_staff(self) -> Iterator[CentreLink]:
        """The centre signed in as the staff member (their token), for staff work; CentreAway
        when the kiosk has no centre, StaffSignInMissing when there is no sign-in there or the
        centre ended it (the hour ran out)."""
        link = self._require_link()
        token = self.staff_pass.token()
        # the sync client (see the top of this module)
        from app.sync.delivery import Refused

        try:
            with talking_to_centre():
                yield CentreLink(link.url, token=token)
        except CentreAway as problem:
            if isinstance(problem.__cause__, Refused):
                self.staff_pass.ended(token)
                raise StaffSignInMissing("ended", words=str(problem)) from problem
            raise

    def _require_link(self) -> CentreLink:
        link = self.link()
        if link is None:
            raise CentreAway("this kiosk is not enrolled with a centre")
        return link

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.board_reader is not None:
            self.board_reader.close()
