"""The keys certificates are signed with: one per centre, made on that centre's first
certificate, so one centre's key can never make or pass another centre's certificate. Kept in
`signing_keys` under "certificates:" and a digest of the centre id (a centre id may be 64
characters, the purpose column holds 30). The one key the whole server used before is read
only, to check certificates printed with it (token format 1), and never made again."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from app.centre.models import SigningKey
from app.centre.roster.sql import upsert_for

LEGACY_PURPOSE = "certificates"


def purpose_of(centre: str) -> str:
    """The key's row for `centre`: 13 + 16 characters, the digest 64 bits (no two centres meet)."""
    return f"certificates:{hashlib.sha256(centre.encode()).hexdigest()[:16]}"


def centre_key(engine: Engine, centre: str) -> bytes:
    """The centre's certificate key, made on first use by whichever worker gets there first."""
    purpose = purpose_of(centre)
    with engine.begin() as connection:
        connection.execute(
            upsert_for(engine.dialect)(SigningKey)
            .values(purpose=purpose, key_hex=secrets.token_hex(32), created_at=datetime.now(UTC))
            .on_conflict_do_nothing()
        )
        stored = connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == purpose)).scalar_one()
    return bytes.fromhex(stored)


def existing_key(engine: Engine, purpose: str) -> bytes | None:
    """A key already made, or None: checking a token never makes a key."""
    with engine.connect() as connection:
        found = connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == purpose)).scalar()
    return bytes.fromhex(found) if found else None
