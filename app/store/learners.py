"""Learners on this kiosk: added with just a name (and optionally a phone's last four digits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.store.models import Learner

MAX_NAME = 40


@dataclass(frozen=True)
class LearnerRecord:
    id: str
    display_name: str
    phone_last4: str | None
    created_at: datetime


def _record(row: Learner) -> LearnerRecord:
    return LearnerRecord(row.id, row.display_name, row.phone_last4, row.created_at)


def check_name(display_name: str) -> str:
    name = " ".join(display_name.split())
    if not name:
        raise ValueError("Please write a name.")
    if len(name) > MAX_NAME:
        raise ValueError(f"Please use a shorter name (at most {MAX_NAME} characters).")
    return name


def check_phone_last4(digits: str | None) -> str | None:
    if digits is None or digits.strip() == "":
        return None
    digits = digits.strip()
    if len(digits) != 4 or not digits.isdigit():
        raise ValueError("Please enter the last four digits of the phone number, like 1234.")
    return digits


class LearnerRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, display_name: str, phone_last4: str | None = None) -> LearnerRecord:
        row = Learner(display_name=check_name(display_name), phone_last4=check_phone_last4(phone_last4))
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            return _record(row)

    def get(self, learner_id: str) -> LearnerRecord | None:
        with self._sessions() as session:
            row = session.get(Learner, learner_id)
            return _record(row) if row else None

    def all(self) -> list[LearnerRecord]:
        with self._sessions() as session:
            rows = session.scalars(select(Learner).order_by(Learner.display_name, Learner.created_at))
            return [_record(row) for row in rows]

    def search(self, text: str) -> list[LearnerRecord]:
        """By surname: a Chinese name's first characters, or the start of any word of an
        English name ("wong" finds "Mary Wong"); four digits find the phone's last four."""
        wanted = text.strip().casefold()
        if not wanted:
            return self.all()
        found = []
        for learner in self.all():
            name = learner.display_name.casefold()
            if (
                name.startswith(wanted)
                or any(word.startswith(wanted) for word in name.split())
                or (learner.phone_last4 and learner.phone_last4 == wanted)
            ):
                found.append(learner)
        return found
