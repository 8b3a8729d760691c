"""Issuing a certificate: the request names only the learner and the theme. The centre takes
the theme's lessons and titles from its own courses (app.centre.course_catalogue), the
completion days from its own records (`lesson_attempts` of this centre), the learner's name from
its roster and its own name from its settings (app.centre.centre_names); it certifies a theme
only when every lesson of it was completed here, keeps what it certified, and signs a short
token (certificate and centre, app.exports.certificate_token) with this centre's own key."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import StringConstraints
from sqlalchemy import Connection, Engine, select

from app.centre.centre_names import name_of
from app.centre.certificate_keys import centre_key
from app.centre.course_catalogue import CertifiedTheme, certified_theme, text_of, theme_ids
from app.centre.errors import ApiError
from app.centre.models import IssuedCertificate, LessonAttempt, RosterLearner
from app.centre.roster.fields import Body, ObjectId, OneLine, parse_body
from app.exports.certificate_token import make_token, new_certificate_id
from app.exports.token_bytes import EPOCH

FORMAT = 2  # of the stored details: built by the centre (format 1 listed what the kiosk sent)
FIRST_CERTIFIED_DAY, LAST_CERTIFIED_DAY = EPOCH, EPOCH + timedelta(days=0xFFFF)  # the days a PDF prints
THEME_ID_LENGTH = 60  # certificates.theme_id
MOST_MERGES = 8  # a merged learner's records are followed this far (merges of merges)
SHAPE = (
    'Send JSON like {"learner_id": "<uuid>", "theme_id": "paying"}: the centre writes the theme, its lessons, '
    "the dates and its own name from its own records"
)


class IssueBody(Body):
    """The body of POST /api/v1/certificates: who, and which theme; nothing the certificate says."""

    learner_id: ObjectId
    theme_id: Annotated[str, StringConstraints(min_length=1, max_length=THEME_ID_LENGTH), OneLine]


def parse_issue(body: object) -> IssueBody:
    return parse_body(IssueBody, body, SHAPE)


def current_learner(connection: Connection, centre: str, learner_id: str) -> Any | None:
    """The centre's roster row for the learner, following merges to the learner kept; None for
    a learner not on this centre's roster or deleted at their request."""
    for _ in range(MOST_MERGES + 1):
        row = connection.execute(
            select(
                RosterLearner.id, RosterLearner.display_name, RosterLearner.removed, RosterLearner.merged_into
            ).where(RosterLearner.centre == centre, RosterLearner.id == learner_id)
        ).first()
        if row is None or row.removed == "deleted":
            return None
        if row.removed != "merged" or row.merged_into is None:
            return row
        learner_id = row.merged_into
    return None


def _completed_on(text: str | None, fallback: datetime) -> date:
    """The kiosk's day of completion; the centre's own (when it heard of it) where the kiosk's
    text is unreadable or its clock was so wrong that no certificate can hold the day."""
    try:
        day = datetime.fromisoformat((text or "").replace("Z", "+00:00")).date()
    except ValueError:
        return fallback.date()
    return day if FIRST_CERTIFIED_DAY <= day <= LAST_CERTIFIED_DAY else fallback.date()


def first_completions(connection: Connection, centre: str, learner_id: str) -> dict[str, date]:
    """Each lesson the learner completed at this centre, with the first day they did."""
    done = connection.execute(
        select(LessonAttempt.lesson_id, LessonAttempt.completed_at, LessonAttempt.changed).where(
            LessonAttempt.centre == centre, LessonAttempt.learner_id == learner_id, LessonAttempt.done.is_(True)
        )
    ).all()
    first: dict[str, date] = {}
    for attempt in done:
        day = _completed_on(attempt.completed_at, attempt.changed)
        first[attempt.lesson_id] = min(day, first.get(attempt.lesson_id, day))
    return first


def _theme(theme_id: str) -> CertifiedTheme:
    theme = certified_theme(theme_id)
    if theme is None:
        raise ApiError(
            404,
            f"This centre's courses have no theme {theme_id!r}; its themes are {', '.join(theme_ids())}.",
            details={"reason": "unknown_theme", "theme_id": theme_id},
        )
    return theme


def _refuse_unfinished(learner_name: str, theme: CertifiedTheme, missing: list[Any]) -> ApiError:
    titles = ", ".join(lesson.title.en for lesson in missing)
    return ApiError(
        409,
        f"{learner_name} has not yet completed every lesson of {theme.title.en!r} at this centre: {titles}.",
        details={
            "reason": "not_completed",
            "learner_name": learner_name,
            "theme_id": theme.id,
            "theme_title": text_of(theme.title),
            "missing": [{"lesson_id": lesson.id, "title": text_of(lesson.title)} for lesson in missing],
        },
    )


def issue(engine: Engine, centre: str, request: IssueBody) -> dict[str, Any]:
    """Issue a certificate for the theme if this centre's records show every lesson of it
    completed by the learner; 404 for a learner or theme it does not know, 409 naming the
    lessons still to do."""
    theme = _theme(request.theme_id)
    with engine.connect() as connection:
        learner = current_learner(connection, centre, request.learner_id)
        if learner is None:
            raise ApiError(
                404,
                f"No learner {request.learner_id} on this centre's roster.",
                details={"reason": "unknown_learner", "learner_id": request.learner_id},
            )
        first_done = first_completions(connection, centre, learner.id)
        issuer = name_of(connection, centre)
    missing = [lesson for lesson in theme.lessons if lesson.id not in first_done]
    if missing:
        raise _refuse_unfinished(learner.display_name, theme, missing)
    now = datetime.now(UTC)
    certificate_id = new_certificate_id()
    details = {
        "format": FORMAT,
        "certificate_id": certificate_id,
        "learner_name": learner.display_name,
        "theme_id": theme.id,
        "theme_title": text_of(theme.title),
        "centre_name": issuer,
        "issued_on": now.date().isoformat(),
        "lessons": [
            {"lesson_id": lesson.id, "title": text_of(lesson.title), "completed_on": first_done[lesson.id].isoformat()}
            for lesson in theme.lessons
        ],
    }
    token = make_token(certificate_id, centre, centre_key(engine, centre))  # before the row: none without a token
    with engine.begin() as connection:
        connection.execute(
            IssuedCertificate.__table__.insert().values(
                id=certificate_id,
                centre=centre,
                learner_id=learner.id,
                theme_id=theme.id,
                details=json.dumps(details, ensure_ascii=False),
                issued_at=now,
            )
        )
    shown = {key: value for key, value in details.items() if key != "format"}
    return {**shown, "token": token}
