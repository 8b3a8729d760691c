"""Class sessions shared through the centre, and the live board read from it. Sessions made
here are put on the centre and the other kiosks' come back (like the roster), so a learner
signing in at any kiosk while a session is on is checked in, and a tutor at any kiosk sees
the whole class."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

import httpx

from app.core.board import Board, BoardLearner, HelpCall
from app.core.class_sessions import ClassSession
from app.store.class_sessions import ClassSessionRepository
from app.store.options import SESSIONS_CURSOR
from app.store.settings import SettingsRepository
from app.sync.centre_api import CentreApi
from app.sync.delivery import RetryLater, answer_text
from app.sync.link import CentreLink

log = logging.getLogger("silversteps.sync")


def session_json(session: ClassSession) -> dict[str, Any]:
    return {
        "title": session.title,
        "day": session.day.isoformat(),
        "starts": session.starts.strftime("%H:%M"),
        "ends": session.ends.strftime("%H:%M"),
        "room": session.room,
        "tutor": session.tutor,
        "lesson_ids": list(session.lesson_ids),
    }


def session_from(body: dict[str, Any]) -> ClassSession:
    return ClassSession(
        body["id"],
        body["title"],
        date.fromisoformat(body["day"]),
        time.fromisoformat(body["starts"]),
        time.fromisoformat(body["ends"]),
        body.get("room", ""),
        body.get("tutor", ""),
        tuple(body.get("lesson_ids", [])),
    )


class SessionExchange:
    def __init__(
        self, client: httpx.Client, link: CentreLink, classes: ClassSessionRepository, settings: SettingsRepository
    ) -> None:
        self._api = CentreApi(client, link)
        self._classes = classes
        self._settings = settings

    def exchange(self) -> int:
        """Put this kiosk's new sessions, take the others'; returns how many came in."""
        for change in self._classes.changes():
            response = self._api.call("PUT", f"/api/v1/sessions/{change.session.id}", json=session_json(change.session))
            if response.status_code == 200:
                self._classes.shared(change)
            else:
                log.warning("session %s not shared: %s", change.session.id, answer_text(response))
        taken, more = 0, True
        while more:
            page = self._api.pull("/api/v1/sessions", self._settings, SESSIONS_CURSOR, "sessions")
            taken += self._classes.take_from_centre([session_from(item) for item in page.items])
            page.keep()
            more = page.more
        return taken


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


class CentreBoardReader:
    """Reads boards from the centre with a client of its own and a short timeout: the board is
    read off the GUI thread while the sync worker may be busy with a long upload."""

    def __init__(self, link: CentreLink, timeout: float = 3.0) -> None:
        self._link = link
        self._client = httpx.Client(timeout=timeout)

    def __call__(self, session: ClassSession) -> Board:
        return centre_board(self._client, self._link, session)

    def close(self) -> None:
        self._client.close()


def centre_board(client: httpx.Client, link: CentreLink, session: ClassSession) -> Board:
    """The board of every kiosk of the centre. Raises RetryLater if the centre cannot answer
    (the screen then shows this kiosk's own board and says so)."""
    response = CentreApi(client, link).call("GET", f"/api/v1/sessions/{session.id}/board")
    if response.status_code != 200:
        raise RetryLater(f"the centre did not give the board: {answer_text(response)}")
    body = response.json()
    learners = [
        BoardLearner(
            learner_id=item["learner_id"],
            display_name=item["display_name"] or "?",
            checked_in_at=_moment(item["checked_in_at"]),
            lesson_id=item["lesson_id"],
            position=item["position"],
            steps=item["steps"],
            done=item["done"],
            mistakes=item["mistakes"],
            seconds_on_step=item["seconds_on_step"],
            checked_in_by=item.get("checked_in_by"),
        )
        for item in body["learners"]
    ]
    calls = [
        HelpCall(
            item["id"],
            item["learner_id"] or "",
            item["display_name"] or "?",
            item["lesson_id"],
            item["step_index"],
            _moment(item["asked_at"]),
            _moment(item["helped_at"]),
        )
        for item in body["help"]
    ]
    return Board(session, learners, calls, "centre")
