"""xAPI client credentials: a public key and a secret shown once, of which only a salted scrypt
hash is kept, with the scopes the key carries. scrypt is slow on purpose, so a verified pair
is remembered for a few minutes (as a keyed digest, never the secret itself) rather than
re-hashed on every request; the key's row is still read every time, so revoking it counts."""

from __future__ import annotations

import asyncio
import hmac
import os
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.centre.models import DEFAULT_CENTRE, Credential
from app.centre.scopes import DEFAULT_KEY_SCOPES, parse_scopes, show_scopes
from app.core.secret_hash import hash_secret, secret_matches

CENTRE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CACHE_SECONDS = 300.0
HASHING_THREADS = 1  # one scrypt at a time, whatever arrives: the other core stays for the kiosks
NAME_LENGTH = 200  # the width of xapi_credentials.name


@dataclass(frozen=True)
class Client:
    """Who is calling: the credential's key and name, the centre whose records it may use, and
    what it may do there (app.centre.scopes)."""

    key: str
    name: str
    centre: str
    scopes: frozenset[str] = DEFAULT_KEY_SCOPES


@dataclass(frozen=True)
class KeyListed:
    """A key as `silversteps centre keys` lists it: never its secret or hash."""

    key: str
    name: str
    centre: str
    scopes: str
    created_at: datetime
    revoked_at: datetime | None


def check_centre_name(centre: str) -> str:
    if not CENTRE_NAME.match(centre):
        raise ValueError(f"{centre!r} is not a centre id: use up to 64 letters, digits, '.', '_' or '-'")
    return centre


def check_credential_name(name: str) -> str:
    if not name.strip() or len(name) > NAME_LENGTH:
        raise ValueError(f"give the credential a name of 1 to {NAME_LENGTH} characters, e.g. 'kiosk 3'")
    return name


def create_credential(
    engine: Engine, name: str, centre: str = DEFAULT_CENTRE, scopes: frozenset[str] = DEFAULT_KEY_SCOPES
) -> tuple[str, str]:
    """A new credential for `centre`; returns (key, secret). The secret cannot be shown again."""
    check_centre_name(centre)
    check_credential_name(name)
    if not scopes:
        raise ValueError("give the key at least one scope")
    key, secret = secrets.token_hex(12), secrets.token_urlsafe(24)
    with Session(engine) as session, session.begin():
        session.add(
            Credential(
                key=key,
                name=name,
                centre=centre,
                secret_hash=hash_secret(secret),
                created_at=datetime.now(UTC),
                scopes=show_scopes(scopes),
            )
        )
    return key, secret


def list_keys(engine: Engine) -> list[KeyListed]:
    with Session(engine) as session:
        rows = session.scalars(select(Credential).order_by(Credential.centre, Credential.created_at))
        return [KeyListed(row.key, row.name, row.centre, row.scopes, row.created_at, row.revoked_at) for row in rows]


def revoke_key(engine: Engine, key: str) -> tuple[KeyListed, bool] | None:
    """Revoke the key (refused at once, on every worker); returns it and whether it was revoked
    just now (False: already was), or None for a key the database does not have."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = session.get(Credential, key.strip())
        if row is None:
            return None
        now_revoked = row.revoked_at is None
        if now_revoked:
            row.revoked_at = datetime.now(UTC)
        listed = KeyListed(row.key, row.name, row.centre, row.scopes, row.created_at, row.revoked_at)
    return listed, now_revoked


@dataclass(frozen=True)
class StoredCredential:
    """A credential as the database has it, read before its secret is checked."""

    client: Client
    secret_hash: str
    revoked_at: datetime | None


class CredentialVerifier:
    """Checks HTTP Basic key and secret against the database. Cheap steps first: a pair seen
    right recently is let in from memory, and a key the database does not have is refused
    without hashing anything (keys are 96 random bits: saying one does not exist tells a
    stranger nothing, while hashing for every made-up key let anyone keep both cores busy).
    scrypt itself runs on a thread of its own, so however many wrong secrets arrive at once,
    one is hashed at a time: the server's memory stays flat (each takes 16 MiB), a core stays
    free for the kiosks, and the threads requests need are never all busy hashing."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._pepper = os.urandom(32)
        self._recent: dict[str, tuple[bytes, float]] = {}  # key: (tag of the pair, until)
        self._lock = threading.Lock()
        self._hashing = ThreadPoolExecutor(max_workers=HASHING_THREADS, thread_name_prefix="scrypt")
        self._in_flight: dict[bytes, asyncio.Future[bool]] = {}

    def _tag(self, key: str, secret: str) -> bytes:
        return hmac.digest(self._pepper, f"{key}\0{secret}".encode(), "sha256")

    def seen_recently(self, key: str, secret: str) -> bool:
        """Whether this pair was checked right recently, so scrypt need not run again."""
        tag = self._tag(key, secret)
        with self._lock:
            remembered = self._recent.get(key)
        return bool(remembered and remembered[1] > time.monotonic() and hmac.compare_digest(remembered[0], tag))

    def stored(self, key: str) -> StoredCredential | None:
        """The credential the key names, or None. Read on every request (an indexed read; call it
        off the event loop), so a revoked key or changed scopes count at once, on every worker."""
        with self._sessions() as session:
            row = session.scalar(select(Credential).where(Credential.key == key))
        if row is None:
            return None
        client = Client(key=row.key, name=row.name, centre=row.centre, scopes=parse_scopes(row.scopes))
        return StoredCredential(client, row.secret_hash, row.revoked_at)

    async def check(self, stored: StoredCredential, secret: str) -> Client | None:
        """scrypt the secret against the stored hash, unless the pair was seen right recently.
        Requests with the same pair that arrive together wait for one scrypt rather than run one
        each: fifty kiosks starting at once spent a CPU-second hashing the same secret."""
        key = stored.client.key
        if self.seen_recently(key, secret):
            return stored.client
        tag = self._tag(key, secret)
        flight = self._in_flight.get(tag)
        if flight is None:
            flight = asyncio.get_running_loop().run_in_executor(
                self._hashing, secret_matches, secret, stored.secret_hash
            )
            self._in_flight[tag] = flight
            flight.add_done_callback(lambda _done: self._in_flight.pop(tag, None))
        if not await asyncio.shield(flight):  # shielded: one caller going away cancels no one else
            return None
        with self._lock:
            self._recent[key] = (tag, time.monotonic() + CACHE_SECONDS)
        return stored.client

    async def secret_matches(self, secret: str, secret_hash: str) -> bool:
        """scrypt a staff member's PIN or password on the same one hashing thread, so staff
        sign-ins and keys together never run more than one scrypt at a time."""
        return await asyncio.get_running_loop().run_in_executor(self._hashing, secret_matches, secret, secret_hash)

    def close(self) -> None:
        self._hashing.shutdown(wait=False, cancel_futures=True)
