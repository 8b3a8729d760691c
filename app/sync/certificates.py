"""Asking the centre to issue a certificate: it checks the learner's completions in its own
records (from every kiosk) and answers what it certified, with the signed token for the QR."""

from __future__ import annotations

from typing import Any

import httpx

from app.core.course import Lesson
from app.core.course_base import Text
from app.sync.centre_api import CentreApi
from app.sync.delivery import RetryLater, answer_text
from app.sync.link import CentreLink

CERTIFICATE_TIMEOUT_S = 20.0


class NotIssued(Exception):
    """The centre would not issue it (not every lesson completed, unknown learner): its words."""


def request_certificate(
    link: CentreLink, learner_id: str, theme_id: str, theme_title: Text, lessons: list[Lesson], centre_name: str
) -> dict[str, Any]:
    body = {
        "learner_id": learner_id,
        "theme_id": theme_id,
        "theme_title": {"zh": theme_title.zh, "en": theme_title.en},
        "centre_name": centre_name,
        "lessons": [
            {"lesson_id": lesson.id, "title": {"zh": lesson.title.zh, "en": lesson.title.en}} for lesson in lessons
        ],
    }
    with httpx.Client(timeout=CERTIFICATE_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("POST", "/api/v1/certificates", json=body)
    if response.status_code in (400, 404, 409):
        raise NotIssued(response.json().get("error", answer_text(response)))
    if response.status_code != 201:
        raise RetryLater(f"the centre did not issue the certificate: {answer_text(response)}")
    return response.json()
