"""The keys certificates are signed with: one per centre, made on that centre's first
certificate, so one centre's key can never make or pass another centre's certificate. Kept in
`signing_keys` under "certificates:" and a digest of the centre id (a centre id may be 64
characters, the purpose column holds 30). The one key the whole server used before is read
only, to check certificates printed with it (token format 1), and never made again."""

from __future__ import annotations

from sqlalchemy import Engine, select

from app.centre import centre_secrets
from app.centre.centre_secrets import centre_secret
from app.centre.models import SigningKey

LEGACY_PURPOSE = CERTIFICATES = "certificates"


def purpose_of(centre: str) -> str:
    """The key's row for `centre`: 13 + 16 characters, the digest 64 bits (no two centres meet)."""
    return centre_secrets.purpose_of(CERTIFICATES, centre)


def centre_key(engine: Engine, centre: str) -> bytes:
    """The centre's certificate key, made on first use by whichever worker gets there first."""
    return centre_secret(engine, CERTIFICATES, centre)


def existing_key(engine: Engine, purpose: str) -> bytes | None:
    """A key already made, or None: checking a token never makes a key."""
    with engine.connect() as connection:
        found = connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == purpose)).scalar()
    return bytes.fromhex(found) if found else None
