"""xAPI client credentials: a public key and a secret shown once, of which only a salted scrypt
hash is kept. scrypt is slow on purpose, so a verified pair is remembered for a few minutes
(as a keyed digest, never the secret itself) rather than re-hashed on every request."""

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
from app.core.secret_hash import hash_secret, secret_matches

CENTRE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CACHE_SECONDS = 300.0
HASHING_THREADS = 1  # one scrypt at a time, whatever arrives: the other core stays for the kiosks
NAME_LENGTH = 200  # the width of xapi_credentials.name


@dataclass(frozen=True)
class Client:
    """Who is calling: the credential's key and name, and the centre whose statements it may use."""

    key: str
    name: str
    centre: str


def check_centre_name(centre: str) -> str:
    if not CENTRE_NAME.match(centre):
        raise ValueError(f"{centre!r} is not a centre id: use up to 64 letters, digits, '.', '_' or '-'")
    return centre


def check_credential_name(name: str) -> str:
    if not name.strip() or len(name) > NAME_LENGTH:
        raise ValueError(f"give the credential a name of 1 to {NAME_LENGTH} characters, e.g. 'kiosk 3'")
    return name


def create_credential(engine: Engine, name: str, centre: str = DEFAULT_CENTRE) -> tuple[str, str]:
    """A new credential for `centre`; returns (key, secret). The secret cannot be shown again."""
    check_centre_name(centre)
    check_credential_name(name)
    key, secret = secrets.token_hex(12), secrets.token_urlsafe(24)
    with Session(engine) as session, session.begin():
        session.add(
            Credential(key=key, name=name, centre=centre, secret_hash=hash_secret(secret), created_at=datetime.now(UTC))
        )
    return key, secret


@dataclass(frozen=True)
class StoredCredential:
    """A credential as the database has it, read before its secret is checked."""

    client: Client
    secret_hash: str


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
        self._recent: dict[str, tuple[bytes, Client, float]] = {}
        self._lock = threading.Lock()
        self._hashing = ThreadPoolExecutor(max_workers=HASHING_THREADS, thread_name_prefix="scrypt")
        self._in_flight: dict[bytes, asyncio.Future[bool]] = {}

    def _tag(self, key: str, secret: str) -> bytes:
        return hmac.digest(self._pepper, f"{key}\0{secret}".encode(), "sha256")

    def remembered(self, key: str, secret: str) -> Client | None:
        """The client of a pair checked right recently, without touching the database."""
        tag = self._tag(key, secret)
        with self._lock:
            remembered = self._recent.get(key)
        if remembered and remembered[2] > time.monotonic() and hmac.compare_digest(remembered[0], tag):
            return remembered[1]
        return None

    def stored(self, key: str) -> StoredCredential | None:
        """The credential the key names, or None (an indexed read; call it off the event loop)."""
        with self._sessions() as session:
            row = session.scalar(select(Credential).where(Credential.key == key))
        if row is None:
            return None
        return StoredCredential(Client(key=row.key, name=row.name, centre=row.centre), row.secret_hash)

    async def check(self, stored: StoredCredential, secret: str) -> Client | None:
        """scrypt the secret against the stored hash. Requests with the same pair that arrive
        together wait for one scrypt rather than run one each: fifty kiosks starting at once
        spent a CPU-second hashing the same secret."""
        key = stored.client.key
        if (client := self.remembered(key, secret)) is not None:
            return client
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
            self._recent[key] = (tag, stored.client, time.monotonic() + CACHE_SECONDS)
        return stored.client

    def close(self) -> None:
        self._hashing.shutdown(wait=False, cancel_futures=True)
