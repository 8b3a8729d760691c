"""Secret keys the server keeps for each centre, one per use: certificates are signed with one,
a centre's kiosks name their statements with another. Made on first use by whichever worker
gets there first, kept in `signing_keys` under "<use>:" and a digest of the centre id (a centre
id may be 64 characters, the purpose column holds 30)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from app.centre.models import SigningKey
from app.centre.roster.sql import upsert_for


def purpose_of(use: str, centre: str) -> str:
    """The key's row: the use, then 16 hex digits of the centre's digest (64 bits: no two centres meet)."""
    return f"{use}:{hashlib.sha256(centre.encode()).hexdigest()[:16]}"


def centre_secret(engine: Engine, use: str, centre: str) -> bytes:
    """The centre's key for `use`, made now if it has none yet."""
    purpose = purpose_of(use, centre)
    with engine.begin() as connection:
        connection.execute(
            upsert_for(engine.dialect)(SigningKey)
            .values(purpose=purpose, key_hex=secrets.token_hex(32), created_at=datetime.now(UTC))
            .on_conflict_do_nothing()
        )
        stored = connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == purpose)).scalar_one()
    return bytes.fromhex(stored)
