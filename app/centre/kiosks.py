"""Kiosk enrolment and device tokens. Staff make a one-time code (`centre enrol-code`); a kiosk
trades it once for a random bearer token. Only sha256 hashes of codes and tokens are kept: a
token has 256 random bits, so a fast hash is enough, and a code lives a day and works once.
A token is looked up on every request (an indexed read), so revoking a kiosk takes effect at
once; last_seen_at is written at most once a minute per kiosk."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.centre.centre_secrets import centre_secret
from app.centre.credentials import NAME_LENGTH, Client, check_centre_name
from app.centre.database import SQLITE_BUSY_TIMEOUT_MS
from app.centre.errors import ApiError, bad_request
from app.centre.models import DEFAULT_CENTRE, EnrolmentCode, Kiosk
from app.centre.scopes import KIOSK_TOKEN_SCOPES
from app.centre.staff_accounts import AccountIn, keep_accounts

log = logging.getLogger("silversteps.centre")

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 8
DEFAULT_VALID_HOURS = 24.0
TOKEN_BYTES = 32
KIOSK_KEY_PREFIX = "kiosk:"  # a kiosk's Client.key, and so its statements' authority account name
SEEN_EVERY = timedelta(seconds=60)
_SEPARATORS = re.compile(r"[\s-]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CODE_REFUSED = (
    "This enrolment code does not work: it may be mistyped, used already or expired. "
    "Check it, or ask staff for a new one."
)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(text: str) -> str:
    """`k7qm-3xpr`, `K7QM 3XPR` and `K7QM3XPR` are the same code; anything else is a ValueError."""
    code = _SEPARATORS.sub("", text).upper()
    if len(code) != CODE_LENGTH or any(letter not in CODE_ALPHABET for letter in code):
        raise ValueError(
            f"an enrolment code is {CODE_LENGTH} letters and digits like 7KQM-3XPA "
            "(from `silversteps centre enrol-code`)"
        )
    return code


def show_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def check_kiosk_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_LENGTH or _CONTROL.search(name):
        raise ValueError(f"give the kiosk a name of 1 to {NAME_LENGTH} characters on one line, e.g. 'kiosk 3'")
    return name


def create_enrolment_code(
    engine: Engine, centre: str = DEFAULT_CENTRE, valid_hours: float = DEFAULT_VALID_HOURS
) -> tuple[str, datetime]:
    """A new one-time code for `centre`, shown as XXXX-XXXX; returns it and when it expires."""
    check_centre_name(centre)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = datetime.now(UTC)
    expires = now + timedelta(hours=valid_hours)
    with Session(engine) as session, session.begin():
        session.add(EnrolmentCode(code_hash=sha256_text(code), centre=centre, created_at=now, expires_at=expires))
    return show_code(code), expires


STATEMENT_IDS = "statement-ids"  # the centre secret its kiosks name their statements with


@dataclass(frozen=True)
class Enrolled:
    kiosk_id: str
    token: str
    centre: str
    ids_key: str  # hex: app.core.xapi.centre_namespace; the same for every kiosk of the centre


def statement_ids_key(engine: Engine, centre: str) -> str:
    """The key a centre's kiosks name their statements with (hex), made on first use."""
    return centre_secret(engine, STATEMENT_IDS, centre).hex()


def enrol(engine: Engine, code_text: str, name: str, accounts: Sequence[AccountIn] = ()) -> Enrolled:
    """Use the code (once) to enrol a kiosk called `name`, with its staff and tutor accounts
    (the code from staff is what lets them in: a kiosk's token alone never adds one); refusals
    are ApiErrors: 400 for a malformed code or name, 404 for a code that does not work.
    Unknown, used and expired codes get the same answer, so a stranger guessing codes cannot
    tell one that exists."""
    try:
        code = normalise_code(code_text)
        name = check_kiosk_name(name)
    except ValueError as problem:
        raise bad_request(f"{str(problem)[0].upper()}{str(problem)[1:]}.") from None
    code_hash, now = sha256_text(code), datetime.now(UTC)
    kiosk_id, token = str(uuid.uuid4()), secrets.token_urlsafe(TOKEN_BYTES)
    with Session(engine) as session, session.begin():
        row = session.get(EnrolmentCode, code_hash)
        if row is None or row.used_at is not None or row.expires_at <= now:
            raise ApiError(404, CODE_REFUSED)
        claimed = session.execute(
            update(EnrolmentCode)
            .where(EnrolmentCode.code_hash == code_hash, EnrolmentCode.used_at.is_(None))
            .values(used_at=now, kiosk_id=kiosk_id)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # another kiosk used it between the read and the update
            raise ApiError(404, CODE_REFUSED)
        session.add(Kiosk(id=kiosk_id, name=name, centre=row.centre, token_hash=sha256_text(token), enrolled_at=now))
        centre = row.centre
        keep_accounts(session.connection(), centre, list(accounts))
    return Enrolled(kiosk_id=kiosk_id, token=token, centre=centre, ids_key=statement_ids_key(engine, centre))


class KioskTokenVerifier:
    """Bearer tokens of enrolled kiosks: the Client a token signs in as, or a 401 that says why."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def verify(self, token: str) -> Client:
        now = datetime.now(UTC)
        with self._sessions() as session:
            kiosk = session.scalar(select(Kiosk).where(Kiosk.token_hash == sha256_text(token)))
            if kiosk is None:
                raise ApiError(
                    401,
                    "This kiosk token is not known to the centre; enrol the kiosk again with a code "
                    "from `silversteps centre enrol-code`.",
                )
            if kiosk.revoked_at is not None:
                raise ApiError(
                    401,
                    f"This kiosk ({kiosk.name}) was revoked on {kiosk.revoked_at:%Y-%m-%d %H:%M} UTC; "
                    "enrol it again with a new code from staff.",
                )
            if kiosk.last_seen_at is None or now - kiosk.last_seen_at >= SEEN_EVERY:
                self._note_seen(session, kiosk.id, now)
            return Client(
                key=KIOSK_KEY_PREFIX + kiosk.id, name=kiosk.name, centre=kiosk.centre, scopes=KIOSK_TOKEN_SCOPES
            )

    @staticmethod
    def _note_seen(session: Session, kiosk_id: str, now: datetime) -> None:
        """Best effort: a busy database (SQLite's write lock under many kiosks) must not turn a
        kiosk's request into a 503 for the sake of a "last heard from" time."""
        sqlite = session.get_bind().dialect.name == "sqlite"
        connection = session.connection()  # the session's own: no second connection from the pool
        try:
            if sqlite:
                # Never queue for SQLite's write lock: under a city of kiosks that wait (up to
                # the busy timeout) held a worker thread per request, and the threads the
                # statements need ran out. A later request notes the time instead.
                connection.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                connection.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(last_seen_at=now))
            finally:
                if sqlite:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            session.commit()
        except OperationalError as busy:
            session.rollback()
            log.info("last-seen time of kiosk %s not noted this time: %s", kiosk_id, busy.orig)


def revoke_kiosk(engine: Engine, kiosk_id: str, centre: str | None = None) -> tuple[Kiosk, bool] | None:
    """Revoke the kiosk (of `centre` only, when given: the API's caller; the operator's CLI may
    revoke any); returns it and whether it was revoked just now (False: already was)."""
    mine = [Kiosk.centre == centre] if centre is not None else []
    with Session(engine, expire_on_commit=False) as session, session.begin():
        kiosk = session.scalar(select(Kiosk).where(*mine, Kiosk.id == kiosk_id.strip().lower()))
        if kiosk is None:
            return None
        if kiosk.revoked_at is not None:
            return kiosk, False
        kiosk.revoked_at = datetime.now(UTC)
    return kiosk, True


def list_kiosks(engine: Engine) -> list[Kiosk]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(Kiosk).order_by(Kiosk.centre, Kiosk.enrolled_at)))
