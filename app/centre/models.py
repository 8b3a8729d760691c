"""Tables of the centre database, for SQLite and PostgreSQL alike. A statement is kept as the
JSON it was stored as (returned byte for byte), beside the few columns its queries need."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
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
    """An xAPI client (a tool, a kiosk before enrolment): HTTP Basic key, the scrypt hash of its
    secret, and what it may do (app.centre.scopes, space-separated)."""

    __tablename__ = "xapi_credentials"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    centre: Mapped[str] = mapped_column(String(64), default=DEFAULT_CENTRE, server_default=DEFAULT_CENTRE)
    secret_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    scopes: Mapped[str] = mapped_column(String(200), server_default="statements/write statements/read kiosk")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StoredStatement(Base):
    """One statement. `seq` orders statements stored in the same millisecond and pages them. An
    id is unique within its centre (migration 0012): another centre's statement with the same
    id neither blocks this one nor reveals that it exists."""

    __tablename__ = "xapi_statements"
    __table_args__ = (
        UniqueConstraint("centre", "statement_id", name="ux_xapi_statements_centre_statement_id"),
        Index("ix_xapi_statements_centre_stored", "centre", "stored", "seq"),
        Index("ix_xapi_statements_ref_id", "ref_id"),
        Index("ix_xapi_statements_registration", "registration"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(SequenceKey, primary_key=True, autoincrement=True)
    statement_id: Mapped[str] = mapped_column(String(36))
    centre: Mapped[str] = mapped_column(String(64))
    credential_key: Mapped[str] = mapped_column(String(64))
    stored: Mapped[datetime] = mapped_column(UTCDateTime())
    # The target of a StatementRef object; with is_voiding, what a voiding statement voids.
    ref_id: Mapped[str | None] = mapped_column(String(36))
    is_voiding: Mapped[bool] = mapped_column(Boolean)
    registration: Mapped[str | None] = mapped_column(String(36))
    document: Mapped[str] = mapped_column(Text)


class IndexRow(Base):
    """A verb, agent or activity a statement is about (see app.centre.xapi.index)."""

    __tablename__ = "xapi_statement_index"
    __table_args__ = (Index("ix_xapi_statement_index_lookup", "kind", "hashed", "statement_seq"),)

    # No foreign key (migration 0009): written in the statement's own insert, deleted with it.
    statement_seq: Mapped[int] = mapped_column(SequenceKey, primary_key=True)
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
    # "deleted" (at the learner's request: name and records gone, the id kept so kiosks delete
    # theirs) or "merged" (a duplicate of `merged_into`, whose records now hold theirs).
    removed: Mapped[str | None] = mapped_column(String(10))
    merged_into: Mapped[str | None] = mapped_column(String(36))


class LessonAttempt(Base):
    """One learner's attempt at one lesson, folded from the statements of every kiosk as they
    are stored (each statement once). Only ever moves forward, whatever order statements
    arrive in. `completed_at` is the kiosk's own timestamp text, shown, never compared."""

    __tablename__ = "lesson_attempts"
    __table_args__ = (
        PrimaryKeyConstraint("centre", "registration", name="lesson_attempts_pkey"),
        Index("ix_lesson_attempts_centre_changed", "centre", "changed", "registration"),
        Index("ix_lesson_attempts_learner", "centre", "learner_id"),
    )

    registration: Mapped[str] = mapped_column(String(36))
    centre: Mapped[str] = mapped_column(String(64))
    learner_id: Mapped[str] = mapped_column(String(64))
    lesson_id: Mapped[str] = mapped_column(String(60))
    attempt: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    steps: Mapped[int | None] = mapped_column(Integer)
    done: Mapped[bool] = mapped_column(Boolean)
    mistakes: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    completed_at: Mapped[str | None] = mapped_column(String(40))
    kiosk_id: Mapped[str | None] = mapped_column(String(64))
    changed: Mapped[datetime] = mapped_column(UTCDateTime())


class ForwardingUpstream(Base):
    """The upstream xAPI store (the city's) this centre forwards every statement to, and how
    forwarding is going. Always one row, id 1 (made by migration 0004): storing a statement
    locks it to learn whether to queue, so turning forwarding on cannot miss a statement
    stored at that moment. `url` is NULL until forwarding is first set up. The secret is kept
    as given, because it must be sent; `generation` grows with every change of settings, so
    a forwarder notices new credentials and a problem reported for old settings is dropped."""

    __tablename__ = "forwarding_upstream"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    url: Mapped[str | None] = mapped_column(String(2000))
    key: Mapped[str | None] = mapped_column(String(200))
    secret: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    generation: Mapped[int] = mapped_column(Integer, default=0)
    configured_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the store refused our credentials or address; forwarding waits for the operator.
    stopped_reason: Mapped[str | None] = mapped_column(Text)
    # Back-off shared by every forwarder (all worker processes, all machines).
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_problem: Mapped[str | None] = mapped_column(Text)
    last_problem_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ForwardingQueueItem(Base):
    """A statement still to forward, queued in the transaction that stored it; deleted once the
    upstream has it. A forwarder claims a row until `claimed_until` (its lease); a crashed
    forwarder's lease runs out and another takes the row. `claimed_by` stays when the lease is
    given back: a row that has one may have reached the upstream. A statement the upstream
    refuses is set aside with the upstream's words and never retried by itself."""

    __tablename__ = "forwarding_queue"
    __table_args__ = (Index("ix_forwarding_queue_set_aside", "set_aside_at", "statement_seq"),)

    statement_seq: Mapped[int] = mapped_column(
        SequenceKey, ForeignKey("xapi_statements.seq", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    set_aside_reason: Mapped[str | None] = mapped_column(Text)


class ForwardingVoid(Base):
    """A voiding statement still to send upstream, for a statement of a learner deleted at their
    request that the city's store already had (xAPI has no delete: a voided statement is hidden
    from the store's queries). Kept here, not among the stored statements: it is no record of
    any learner and must never appear in an export. `voided_id` is the forwarded statement's
    id; the voiding statement's own id is a uuid5 of it, so a resend is the same statement.
    Claimed, settled and set aside like a `forwarding_queue` row."""

    __tablename__ = "forwarding_voids"
    __table_args__ = (Index("ix_forwarding_voids_set_aside", "set_aside_at", "seq"), {"sqlite_autoincrement": True})

    seq: Mapped[int] = mapped_column(SequenceKey, primary_key=True, autoincrement=True)
    voided_id: Mapped[str] = mapped_column(String(36), unique=True)
    statement_id: Mapped[str] = mapped_column(String(36), unique=True)
    document: Mapped[str] = mapped_column(Text)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    set_aside_reason: Mapped[str | None] = mapped_column(Text)


class SharedClassSession(Base):
    """A class session a tutor made on one of the centre's kiosks; day and times are the
    centre's local wall-clock text, as the tutor typed them."""

    __tablename__ = "shared_sessions"  # not class_sessions: the kiosk's table, should both share a file
    __table_args__ = (Index("ix_shared_sessions_centre_changed", "centre", "changed", "id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    centre: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(60))
    day: Mapped[str] = mapped_column(String(10))
    starts: Mapped[str] = mapped_column(String(5))
    ends: Mapped[str] = mapped_column(String(5))
    room: Mapped[str] = mapped_column(String(30))
    tutor: Mapped[str] = mapped_column(String(40))
    lesson_ids: Mapped[str] = mapped_column(Text)  # JSON list
    kiosk_id: Mapped[str] = mapped_column(String(64))
    changed: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionCheckIn(Base):
    """A learner checked in to a session, folded from the kiosks' check-in statements; the
    earliest check-in of any kiosk counts."""

    __tablename__ = "session_check_ins"
    __table_args__ = (PrimaryKeyConstraint("centre", "session_id", "learner_id", name="session_check_ins_pkey"),)

    session_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(String(64))
    centre: Mapped[str] = mapped_column(String(64))
    first_at: Mapped[str] = mapped_column(String(40))  # the kiosk's timestamp text
    checked_in_by: Mapped[str] = mapped_column(String(12))
    changed: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionTime(Base):
    """Seconds a learner spent on lesson steps during a session: each step statement that
    names the session adds its own duration once (statements are folded once, and a sum
    does not care about order)."""

    __tablename__ = "session_time"
    __table_args__ = (PrimaryKeyConstraint("centre", "session_id", "learner_id", name="session_time_pkey"),)

    session_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(String(64))
    centre: Mapped[str] = mapped_column(String(64))
    seconds: Mapped[float] = mapped_column(Float)


class HelpCall(Base):
    """A learner's Help at a kiosk, and when a tutor marked it helped: folded from the two
    statements, which may arrive in either order (so the asked columns may wait for theirs).
    Times are the centre's clock, which orders calls from every kiosk fairly."""

    __tablename__ = "help_calls"
    __table_args__ = (
        PrimaryKeyConstraint("centre", "id", name="help_calls_pkey"),
        Index("ix_help_calls_session", "centre", "session_id", "asked_at"),
    )

    id: Mapped[str] = mapped_column(String(36))  # the asked statement's id
    centre: Mapped[str] = mapped_column(String(64))
    learner_id: Mapped[str | None] = mapped_column(String(64))
    lesson_id: Mapped[str | None] = mapped_column(String(60))
    step_index: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[str | None] = mapped_column(String(36))
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    helped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SigningKey(Base):
    """A secret key, made once on first use: each centre's certificate key (purpose
    "certificates:" and a digest of the centre id, see app.centre.certificate_keys), and the
    one key the whole server signed certificates with before (purpose "certificates")."""

    __tablename__ = "signing_keys"

    purpose: Mapped[str] = mapped_column(String(30), primary_key=True)
    key_hex: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CentreName(Base):
    """A centre's own name, as its certificates print it (`silversteps centre name`); a centre
    without one is named by its id."""

    __tablename__ = "centre_names"

    centre: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IssuedCertificate(Base):
    """A certificate the centre issued: what it says is kept here, so the verify page shows
    the centre's own record, whatever a PDF was edited to say."""

    __tablename__ = "certificates"
    __table_args__ = (Index("ix_certificates_learner", "centre", "learner_id"),)

    id: Mapped[str] = mapped_column(String(11), primary_key=True)
    centre: Mapped[str] = mapped_column(String(64))
    learner_id: Mapped[str] = mapped_column(String(64))
    theme_id: Mapped[str] = mapped_column(String(60))
    details: Mapped[str] = mapped_column(Text)  # JSON: names and titles as printed; why it was withdrawn
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffAccount(Base):
    """A staff member or tutor known to a centre: brought by a kiosk's enrolment (the one-time
    code is the authority), pushed later with a staff token, or added by the operator. Only the
    scrypt hash of the PIN or password is kept; wrong tries and the lock are counted here, so
    every worker and a restart keep them."""

    __tablename__ = "staff_accounts"

    centre: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(12))  # "tutor" or "staff"
    secret_hash: Mapped[str] = mapped_column(String(256))
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StaffToken(Base):
    """A short-lived bearer token a staff member or tutor got by signing in at a kiosk; only
    its sha256 is kept, with its scopes and when it stops working."""

    __tablename__ = "staff_tokens"
    __table_args__ = (Index("ix_staff_tokens_account", "centre", "account_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[str] = mapped_column(String(36))
    kiosk_id: Mapped[str | None] = mapped_column(String(36))
    scopes: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
