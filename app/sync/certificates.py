"""Asking the centre to issue a certificate: the request names only the learner and the theme;
the centre checks the learner's completions in its own records (from every kiosk) and answers
what it certified, from its own courses and with its own name, and the signed token for the QR.
A refusal keeps the centre's reason and the lessons still to do, so the kiosk can say it in the
language of its screen."""

from __future__ import annotations

from typing import Any

import httpx

from app.core.course_base import Text
from app.sync.centre_api import CentreApi
from app.sync.delivery import RetryLater, answer_text
from app.sync.link import CentreLink

CERTIFICATE_TIMEOUT_S = 20.0


class NotIssued(Exception):
    """The centre would not issue it: its words, and for a program its `reason`
    ("not_completed", "unknown_learner", "unknown_theme", or "" for anything else) with the
    lessons still to do (`missing`: their titles in both languages)."""

    def __init__(self, words: str, reason: str = "", missing: tuple[Text, ...] = ()) -> None:
        super().__init__(words)
        self.reason = reason
        self.missing = missing


def _title(value: Any) -> Text | None:
    if isinstance(value, dict) and isinstance(value.get("zh"), str) and isinstance(value.get("en"), str):
        return Text(zh=value["zh"], en=value["en"])
    return None


def _refusal(response: httpx.Response) -> NotIssued:
    try:
        body = response.json()
    except ValueError:
        return NotIssued(answer_text(response))
    if not isinstance(body, dict):
        return NotIssued(answer_text(response))
    missing = tuple(
        title
        for lesson in body.get("missing") or []
        if isinstance(lesson, dict) and (title := _title(lesson.get("title"))) is not None
    )
    reason = body.get("reason") if isinstance(body.get("reason"), str) else ""
    return NotIssued(str(body.get("error") or answer_text(response)), reason, missing)


def request_certificate(link: CentreLink, learner_id: str, theme_id: str) -> dict[str, Any]:
    """The centre's answer: certificate_id, learner_name, theme_title, centre_name, issued_on,
    lessons (lesson_id, title, completed_on) and token. Raises NotIssued or RetryLater."""
    body = {"learner_id": learner_id, "theme_id": theme_id}
    with httpx.Client(timeout=CERTIFICATE_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("POST", "/api/v1/certificates", json=body)
    if response.status_code in (400, 404, 409):
        raise _refusal(response)
    if response.status_code != 201:
        raise RetryLater(f"the centre did not issue the certificate: {answer_text(response)}")
    return response.json()


def certified_title(value: Any, what: str) -> Text:
    """A title of the centre's answer as Text, or a refusal that says the answer was not one."""
    title = _title(value)
    if title is None:
        raise NotIssued(f"the centre's answer has no {what} in Chinese and English")
    return title
