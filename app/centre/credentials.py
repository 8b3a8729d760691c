"""xAPI client credentials: a public key and a secret shown once, of which only a salted scrypt
hash is kept. scrypt is slow on purpose, so a verified pair is remembered for a few minutes
(as a keyed digest, never the secret itself) rather than re-hashed on every request."""

from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.centre.models import DEFAULT_CENTRE, Credential
from app.core.secret_hash import hash_secret, secret_matches

CENTRE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CACHE_SECONDS = 300.0
CHECKING_LOCKS = 64  # a fixed number, so keys made up by a caller cannot grow a table
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


class CredentialVerifier:
    """Checks HTTP Basic key and secret against the database; safe to share between threads."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._pepper = os.urandom(32)
        self._recent: dict[str, tuple[bytes, Client, float]] = {}
        self._lock = threading.Lock()
        self._checking = [threading.Lock() for _ in range(CHECKING_LOCKS)]  # by key: one scrypt at a time
        self._decoy = hash_secret(secrets.token_urlsafe(24))

    def _tag(self, key: str, secret: str) -> bytes:
        return hmac.digest(self._pepper, f"{key}\0{secret}".encode(), "sha256")

    def verify(self, key: str, secret: str) -> Client | None:
        """A key and secret seen right recently are let in without scrypt again. Requests with
        the same key that arrive together wait for one scrypt rather than run one each: fifty
        kiosks starting at once spent a CPU-second hashing the same secret."""
        tag = self._tag(key, secret)
        if (client := self._remembered(key, tag)) is not None:
            return client
        with self._checking[hash(key) % CHECKING_LOCKS]:
            if (client := self._remembered(key, tag)) is not None:
                return client
            return self._check(key, secret, tag)

    def _remembered(self, key: str, tag: bytes) -> Client | None:
        with self._lock:
            remembered = self._recent.get(key)
        if remembered and remembered[2] > time.monotonic() and hmac.compare_digest(remembered[0], tag):
            return remembered[1]
        return None

    def _check(self, key: str, secret: str, tag: bytes) -> Client | None:
        now = time.monotonic()
        with self._sessions() as session:
            row = session.scalar(select(Credential).where(Credential.key == key))
        if row is None:
            secret_matches(secret, self._decoy)  # an unknown key takes as long as a wrong secret
            return None
        if not secret_matches(secret, row.secret_hash):
            return None
        client = Client(key=row.key, name=row.name, centre=row.centre)
        with self._lock:
            self._recent[key] = (tag, client, now + CACHE_SECONDS)
        return client
