"""Certificates for a completed theme: the centre checks the learner's completions in its own
records, keeps what it certified, and signs a short token for the QR code
(app.exports.certificate_token). Verifying checks the signature and then shows the centre's
own record, so neither an edited PDF nor an edited QR code passes."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import Field, StringConstraints
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.centre.errors import ApiError
from app.centre.models import IssuedCertificate, LessonAttempt, RosterLearner, SigningKey
from app.centre.roster.fields import Body, LessonId, ObjectId, OneLine, parse_body
from app.centre.roster.sql import upsert_for
from app.exports.certificate_token import (
    EPOCH,
    CertificatePayload,
    InvalidCertificateToken,
    check_token,
    make_token,
    new_certificate_id,
)

PURPOSE = "certificates"
FIRST_CERTIFIED_DAY, LAST_CERTIFIED_DAY = EPOCH, EPOCH + timedelta(days=0xFFFF)  # what a token's 2 bytes hold
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


TITLE_LENGTH = 120
THEME_ID_LENGTH = 60  # certificates.theme_id
CENTRE_NAME_LENGTH = 120
MOST_LESSONS = 30

TitleText = Annotated[str, StringConstraints(max_length=TITLE_LENGTH), OneLine]


class Title(Body):
    zh: TitleText
    en: TitleText


class LessonOfTheme(Body):
    lesson_id: LessonId
    title: Title


class IssueBody(Body):
    """The body of POST /api/v1/certificates; the limits are the certificates table's and the
    token's (app.exports.certificate_token packs each text in at most 255 bytes)."""

    learner_id: ObjectId
    theme_id: Annotated[str, StringConstraints(min_length=1, max_length=THEME_ID_LENGTH), OneLine]
    theme_title: Title
    centre_name: Annotated[str, StringConstraints(min_length=1, max_length=CENTRE_NAME_LENGTH), OneLine]
    lessons: list[LessonOfTheme] = Field(min_length=1, max_length=MOST_LESSONS)


def parse_issue(body: object) -> IssueRequest:
    issued = parse_body(IssueBody, body, SHAPE)
    return IssueRequest(
        issued.learner_id,
        issued.theme_id,
        issued.theme_title.model_dump(),
        issued.centre_name,
        [(lesson.lesson_id, lesson.title.model_dump()) for lesson in issued.lessons],
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
    """The kiosk's day of completion; the centre's own (when it heard of it) where the kiosk's
    text is unreadable or its clock was so wrong that no certificate can hold the day."""
    try:
        day = datetime.fromisoformat((text or "").replace("Z", "+00:00")).date()
    except ValueError:
        return fallback.date()
    return day if FIRST_CERTIFIED_DAY <= day <= LAST_CERTIFIED_DAY else fallback.date()


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
    token = make_token(payload, signing_key(engine))  # before the row: a token that cannot be made leaves none
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
    return {**details, "token": token}


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
