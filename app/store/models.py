"""Tables of the kiosk database. UUID string keys made on the kiosk, so records can later be
sent to the centre without collisions (Kolibri's approach)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    display_name: Mapped[str] = mapped_column(String(40))
    phone_last4: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)
    # "waiting": added or changed here and not yet on the centre's roster; "sent": the centre has it.
    roster_state: Mapped[str] = mapped_column(String(12), default="waiting", server_default="waiting", index=True)


class Progress(Base):
    """One attempt of one learner at one lesson."""

    __tablename__ = "progress"
    __table_args__ = (UniqueConstraint("learner_id", "lesson_id", "attempt"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[str] = mapped_column(String(60))
    lesson_version: Mapped[int] = mapped_column(Integer)
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    mistakes: Mapped[int] = mapped_column(Integer, default=0)
    seconds_spent: Mapped[float] = mapped_column(Float, default=0.0)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StepAttempt(Base):
    """Every judged action and every Back, in order: the per-step log tutors and sync read."""

    __tablename__ = "step_attempts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    progress_id: Mapped[str] = mapped_column(ForeignKey("progress.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[str] = mapped_column(String(36))
    lesson_id: Mapped[str] = mapped_column(String(60))
    attempt: Mapped[int] = mapped_column(Integer)
    step_index: Mapped[int] = mapped_column(Integer)
    step_id: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(12))
    mistakes_on_step: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxStatement(Base):
    """An xAPI statement waiting to reach the centre. Its id and JSON are frozen when the
    event happens, in the same transaction as the progress it reports; sending never
    rebuilds it, so a retry sends exactly the same statement."""

    __tablename__ = "outbox"
    # Waiting statements in sending order, straight from the index (migration 0006).
    __table_args__ = (Index("ix_outbox_waiting_order", "state", "created_at", "id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the statement's own id
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting / sent / set_aside
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    problem: Mapped[str | None] = mapped_column(Text)


class Account(Base):
    """A tutor or staff member who signs in on this kiosk. Only a salted scrypt hash of the PIN
    or password is kept; wrong tries and the lock are counted here so a restart keeps them."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(12))  # "tutor" or "staff"
    secret_kind: Mapped[str] = mapped_column(String(12))  # "pin" or "password"
    secret_hash: Mapped[str] = mapped_column(Text)  # scrypt$n$r$p$salt$hash
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ClassSessionRow(Base):
    """A class session, made on this kiosk or shared by another through the centre.
    `share_state` is "waiting" until the centre has this version, then "sent"."""

    __tablename__ = "class_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(60))
    day: Mapped[date] = mapped_column(Date, index=True)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(30))
    tutor: Mapped[str] = mapped_column(String(40))
    lesson_ids: Mapped[str] = mapped_column(Text)  # JSON list
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)
    share_state: Mapped[str] = mapped_column(String(12), default="waiting", server_default="waiting")


class CheckIn(Base):
    """A learner checked in to a session on this kiosk: by the tutor's tap or by signing in."""

    __tablename__ = "check_ins"

    session_id: Mapped[str] = mapped_column(ForeignKey("class_sessions.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    checked_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_in_by: Mapped[str] = mapped_column(String(12))  # "tutor" or "kiosk"


class HelpRequest(Base):
    """The learner pressed Help during a lesson on this kiosk; `helped_at` once a tutor came."""

    __tablename__ = "help_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(60))
    step_index: Mapped[int] = mapped_column(Integer)
    session_id: Mapped[str | None] = mapped_column(String(36))
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    helped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UnsentCompletion(Base):
    """A lesson completed before this kiosk kept an outbox (schema 0001), or under a schema
    that never queued its statement: migration 0007 lists them, and start-up, which has the
    lessons and this kiosk's identity, queues each one's completion statement and takes it
    off this list in the same transaction."""

    __tablename__ = "unsent_completions"

    progress_id: Mapped[str] = mapped_column(ForeignKey("progress.id", ondelete="CASCADE"), primary_key=True)
