"""Certificates for a completed theme: the centre checks the learner's completions in its own
records, keeps what it certified, and signs a short token for the QR code
(app.exports.certificate_token). Verifying checks the signature and then shows the centre's
own record, so neither an edited PDF nor an edited QR code passes."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.centre.errors import ApiError, bad_request
from app.centre.models import IssuedCertificate, LessonAttempt, RosterLearner, SigningKey
from app.centre.roster.sql import upsert_for
from app.exports.certificate_token import (
    CertificatePayload,
    InvalidCertificateToken,
    check_token,
    make_token,
    new_certificate_id,
)

PURPOSE = "certificates"
SHAPE = (
    'Send JSON like {"learner_id": "<uuid>", "theme_id": "paying", "theme_title": {"zh": "手机支付", "en": "Paying"}, '
    '"centre_name": "…", "lessons": [{"lesson_id": "pay-qr", "title": {"zh": "…", "en": "…"}}]}'
)


@dataclass(frozen=True)
class IssueRequest:
    learner_id: str
    theme_id: str
    theme_title: dict[str, str]
    centre_name: str
    lessons: list[tuple[str, dict[str, str]]]


def _title(value: object, what: str) -> dict[str, str]:
    if not (isinstance(value, dict) and set(value) == {"zh", "en"} and all(isinstance(v, str) for v in value.values())):
        raise bad_request(f"{what} must be {{'zh': ..., 'en': ...}}. {SHAPE}.")
    return {"zh": value["zh"][:120], "en": value["en"][:120]}


def parse_issue(body: object) -> IssueRequest:
    if not isinstance(body, dict) or set(body) != {"learner_id", "theme_id", "theme_title", "centre_name", "lessons"}:
        raise bad_request(f"The body is not the object asked for. {SHAPE}.")
    lessons = body["lessons"]
    if not isinstance(lessons, list) or not 1 <= len(lessons) <= 30:
        raise bad_request(f"lessons must list the theme's 1 to 30 lessons. {SHAPE}.")
    parsed = []
    for lesson in lessons:
        if not (isinstance(lesson, dict) and isinstance(lesson.get("lesson_id"), str)):
            raise bad_request(f"Each lesson needs a lesson_id and a title. {SHAPE}.")
        parsed.append((lesson["lesson_id"][:60], _title(lesson.get("title"), "A lesson's title")))
    for name in ("learner_id", "theme_id", "centre_name"):
        if not isinstance(body[name], str) or not 0 < len(body[name]) <= 120:
            raise bad_request(f"{name} must be text. {SHAPE}.")
    return IssueRequest(
        body["learner_id"], body["theme_id"], _title(body["theme_title"], "theme_title"), body["centre_name"], parsed
    )


def signing_key(engine: Engine) -> bytes:
    """This server's certificate key, made on first use by whichever worker gets there first."""
    with engine.begin() as connection:
        connection.execute(
            upsert_for(engine.dialect)(SigningKey)
            .values(purpose=PURPOSE, key_hex=secrets.token_hex(32), created_at=datetime.now(UTC))
            .on_conflict_do_nothing()
        )
        return bytes.fromhex(
            connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == PURPOSE)).scalar_one()
        )


def _completed_on(text: str | None, fallback: datetime) -> date:
    try:
        return datetime.fromisoformat((text or "").replace("Z", "+00:00")).date()
    except ValueError:
        return fallback.date()


def issue(engine: Engine, centre: str, request: IssueRequest) -> dict[str, Any]:
    """Issue a certificate if the centre's records show every lesson of the theme completed."""
    with Session(engine) as session:
        learner = session.get(RosterLearner, request.learner_id)
        if learner is None or learner.centre != centre:
            raise ApiError(404, f"No learner {request.learner_id} on this centre's roster.")
        done = session.scalars(
            select(LessonAttempt).where(
                LessonAttempt.centre == centre,
                LessonAttempt.learner_id == request.learner_id,
                LessonAttempt.done.is_(True),
            )
        ).all()
    first_done: dict[str, date] = {}
    for attempt in done:
        day = _completed_on(attempt.completed_at, attempt.changed)
        first_done[attempt.lesson_id] = min(day, first_done.get(attempt.lesson_id, day))
    missing = [title["en"] for lesson_id, title in request.lessons if lesson_id not in first_done]
    if missing:
        raise ApiError(
            409, f"{learner.display_name} has not completed every lesson of the theme yet: {', '.join(missing)}."
        )
    now = datetime.now(UTC)
    lessons = tuple((lesson_id, first_done[lesson_id]) for lesson_id, _ in request.lessons)
    payload = CertificatePayload(
        new_certificate_id(), request.learner_id, request.theme_id, centre, now.date(), lessons
    )
    details = {
        "certificate_id": payload.certificate_id,
        "learner_name": learner.display_name,
        "theme_id": request.theme_id,
        "theme_title": request.theme_title,
        "centre_name": request.centre_name,
        "issued_on": payload.issued_on.isoformat(),
        "lessons": [
            {"lesson_id": lesson_id, "title": title, "completed_on": first_done[lesson_id].isoformat()}
            for lesson_id, title in request.lessons
        ],
    }
    with Session(engine) as session, session.begin():
        session.add(
            IssuedCertificate(
                id=payload.certificate_id,
                centre=centre,
                learner_id=request.learner_id,
                theme_id=request.theme_id,
                details=json.dumps(details, ensure_ascii=False),
                issued_at=now,
            )
        )
    return {**details, "token": make_token(payload, signing_key(engine))}


def verify(engine: Engine, token: str) -> dict[str, Any]:
    """The centre's record of a genuine certificate; 400 if the token was changed or is not
    this centre's, 404 if it was never issued here, 410 if it was withdrawn."""
    try:
        payload = check_token(token, signing_key(engine))
    except InvalidCertificateToken as problem:
        raise ApiError(400, str(problem)) from None
    with Session(engine) as session:
        record = session.get(IssuedCertificate, payload.certificate_id)
    if record is None or record.learner_id != payload.learner_id:
        raise ApiError(404, f"Certificate {payload.certificate_id} is not in this centre's records.")
    if record.revoked_at is not None:
        raise ApiError(410, f"Certificate {payload.certificate_id} was withdrawn on {record.revoked_at.date()}.")
    return {"valid": True, **json.loads(record.details)}
