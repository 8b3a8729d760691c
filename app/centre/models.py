"""Tables of the centre database, for SQLite and PostgreSQL alike. A statement is kept as the
JSON it was stored as (returned byte for byte), beside the few columns its queries need."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Dialect, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

DEFAULT_CENTRE = "default"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out. SQLite has no time zones: it keeps naive UTC text, which
    still sorts and compares in time order because every value is written the same way."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the centre stores only aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# A 64-bit key on PostgreSQL; on SQLite it must be INTEGER to be the rowid.
SequenceKey = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Credential(Base):
    """An xAPI client (a kiosk, a tool): HTTP Basic key and the scrypt hash of its secret."""

    __tablename__ = "xapi_credentials"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    centre: Mapped[str] = mapped_column(String(64), default=DEFAULT_CENTRE, server_default=DEFAULT_CENTRE)
    secret_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StoredStatement(Base):
    """One statement. `seq` orders statements stored in the same millisecond and pages them."""

    __tablename__ = "xapi_statements"
    __table_args__ = (
        Index("ix_xapi_statements_centre_stored", "centre", "stored", "seq"),
        Index("ix_xapi_statements_ref_id", "ref_id"),
        Index("ix_xapi_statements_registration", "registration"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(SequenceKey, primary_key=True, autoincrement=True)
    statement_id: Mapped[str] = mapped_column(String(36), unique=True)
    centre: Mapped[str] = mapped_column(String(64))
    credential_key: Mapped[str] = mapped_column(String(64))
    stored: Mapped[datetime] = mapped_column(UTCDateTime())
    # The target of a StatementRef object; with is_voiding, what a voiding statement voids.
    ref_id: Mapped[str | None] = mapped_column(String(36))
    is_voiding: Mapped[bool] = mapped_column(Boolean)
    registration: Mapped[str | None] = mapped_column(String(36))
    fingerprint: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)


class IndexRow(Base):
    """A verb, agent or activity a statement is about (see app.centre.xapi.index)."""

    __tablename__ = "xapi_statement_index"
    __table_args__ = (Index("ix_xapi_statement_index_lookup", "kind", "hashed", "statement_seq"),)

    statement_seq: Mapped[int] = mapped_column(
        SequenceKey, ForeignKey("xapi_statements.seq", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    hashed: Mapped[str] = mapped_column(String(64), primary_key=True)
    direct: Mapped[bool] = mapped_column(Boolean)


class EnrolmentCode(Base):
    """A one-time code staff give a kiosk to enrol it; only its sha256 is kept."""

    __tablename__ = "kiosk_enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str | None] = mapped_column(String(36))


class Kiosk(Base):
    """An enrolled kiosk: it signs in with a bearer token, of which only the sha256 is kept."""

    __tablename__ = "kiosks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    centre: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RosterLearner(Base):
    """A learner registered on one of the centre's kiosks. `changed` is the centre's clock, by
    which kiosks pull the roster; the kiosk's own clock may be hours off."""

    __tablename__ = "roster_learners"
    __table_args__ = (Index("ix_roster_learners_centre_changed", "centre", "changed", "id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    centre: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(40))
    phone_last4: Mapped[str | None] = mapped_column(String(4))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    changed: Mapped[datetime] = mapped_column(UTCDateTime())
