"""The roster exchange: this kiosk's new learners go to the centre's roster, and the learners
and lesson attempts of the centre's other kiosks come back, so a learner can sign in on any
kiosk of the centre and carry on a lesson at the step where they stopped.

Runs on the sync worker's thread after each round of statements (a learner's roster entry is
put before their statements, so the centre knows every learner it folds an attempt for). Both
pulls resume from a cursor kept in the kiosk's settings; the centre re-sends its last two
minutes each time, and taking a row twice changes nothing."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from app.core.learners import LearnerRecord
from app.core.progress import AttemptSnapshot
from app.store.learner_removal import delete_learner_here, merge_learner_here
from app.store.learners import LearnerRepository
from app.store.options import ATTEMPTS_CURSOR, LEARNERS_CURSOR
from app.store.progress import ProgressRepository
from app.store.settings import SettingsRepository
from app.sync.centre_api import CentreApi
from app.sync.delivery import RetryLater, answer_text
from app.sync.link import CentreLink

log = logging.getLogger("silversteps.sync")


@dataclass(frozen=True)
class ExchangeResult:
    pushed: int
    learners_taken: int
    attempts_taken: int

    def __bool__(self) -> bool:
        """True when something came in that the screens should show."""
        return bool(self.learners_taken or self.attempts_taken)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC; the centre wants a time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _learner(learner_id: str, body: dict[str, Any]) -> LearnerRecord:
    registered = body.get("registered_at")
    created = datetime.fromisoformat(registered) if registered else datetime.now().astimezone()
    return LearnerRecord(learner_id, body["display_name"], body.get("phone_last4"), created)


def _snapshot(entry: dict[str, Any]) -> AttemptSnapshot:
    completed = entry.get("completed_at")
    return AttemptSnapshot(
        lesson_id=entry["lesson_id"],
        attempt=int(entry["attempt"]),
        position=int(entry["position"]),
        done=bool(entry["done"]),
        mistakes=int(entry["mistakes"]),
        seconds=float(entry["seconds"]),
        completed_at=datetime.fromisoformat(completed.replace("Z", "+00:00")) if completed else None,
    )


class RosterExchange:
    def __init__(
        self,
        client: httpx.Client,
        link: CentreLink,
        learners: LearnerRepository,
        progress: ProgressRepository,
        settings: SettingsRepository,
        sessions: sessionmaker[Session],
    ) -> None:
        self._api = CentreApi(client, link)
        self._sessions = sessions
        self._learners = learners
        self._progress = progress
        self._settings = settings

    def exchange(self) -> ExchangeResult:
        """Push, then pull learners, then pull attempts. Raises RetryLater or Refused like the
        statement round, and leaves everything not yet done for the next round."""
        pushed = self.push()
        return ExchangeResult(pushed, self.pull_learners(), self.pull_attempts())

    def push(self) -> int:
        pushed = 0
        while changes := self._learners.roster_changes():
            for change in changes:
                learner = change.learner
                response = self._api.call(
                    "PUT",
                    f"/api/v1/learners/{learner.id}",
                    json={
                        "display_name": learner.display_name,
                        "phone_last4": learner.phone_last4,
                        "registered_at": aware(learner.created_at).isoformat(),
                    },
                )
                if response.status_code == 200:
                    self._learners.on_roster(change)
                    pushed += 1
                else:  # 400/403/409: this learner cannot go; the others still do
                    log.warning("learner %s not put on the roster: %s", learner.id, answer_text(response))
                    self._learners.refused_by_roster(change)
        return pushed

    def pull_learners(self) -> int:
        taken, more = 0, True
        while more:
            page = self._api.pull("/api/v1/learners", self._settings, LEARNERS_CURSOR, "learners")
            current = [_learner(entry["id"], entry) for entry in page.items if not entry.get("removed")]
            taken += self._learners.take_from_roster(current)
            for entry in page.items:  # deleted or merged on another kiosk: do the same here
                if entry.get("removed") == "deleted" and self._learners.get(entry["id"]) is not None:
                    delete_learner_here(self._sessions, entry["id"])
                    taken += 1
                elif entry.get("removed") == "merged" and self._learners.get(entry["id"]) is not None:
                    merge_learner_here(self._sessions, entry["id"], entry["merged_into"])
                    taken += 1
            page.keep()
            more = page.more
        return taken

    def pull_attempts(self) -> int:
        taken, more = 0, True
        while more:
            page = self._api.pull("/api/v1/attempts", self._settings, ATTEMPTS_CURSOR, "attempts")
            by_learner: dict[str, list[AttemptSnapshot]] = defaultdict(list)
            roster: dict[str, LearnerRecord] = {}
            for entry in page.items:
                if entry.get("learner"):  # without a roster entry there is no learner to resume
                    roster[entry["learner_id"]] = _learner(entry["learner_id"], entry["learner"])
                    by_learner[entry["learner_id"]].append(_snapshot(entry))
            # A learner whose roster entry arrived after the learners' pull comes with the attempt.
            self._learners.take_from_roster(list(roster.values()))
            for learner_id, attempts in by_learner.items():
                taken += self._progress.merge(learner_id, attempts)
            page.keep()
            more = page.more
        return taken


ADMIN_TIMEOUT_S = 30.0


# The kind, among what the centre removed, of the copies at the city's store that the centre
# withdraws with voiding statements (its answer's "upstream_voided").
UPSTREAM_VOIDED = "copies at the city's store to be voided"


def delete_at_centre(link: CentreLink, learner_id: str) -> dict[str, int]:
    """Delete the learner's records on the centre; what it removed, by kind, with the copies
    it already forwarded to the city's store, which it voids there (UPSTREAM_VOIDED), when
    there are any. A learner the centre never had (404) has nothing there to remove."""
    with httpx.Client(timeout=ADMIN_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("DELETE", f"/api/v1/learners/{learner_id}")
    if response.status_code in (404, 410):
        return {}
    if response.status_code != 200:
        raise RetryLater(f"the centre did not delete the learner: {answer_text(response)}")
    answer = response.json()
    removed = dict(answer["removed"])
    if voided := answer.get("upstream_voided"):  # a centre from before voiding does not say
        removed[UPSTREAM_VOIDED] = voided
    return removed


def merge_at_centre(link: CentreLink, duplicate: str, keep: str) -> dict[str, int]:
    with httpx.Client(timeout=ADMIN_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("POST", f"/api/v1/learners/{duplicate}/merge", json={"into": keep})
    if response.status_code != 200:
        raise RetryLater(f"the centre did not merge the learners: {answer_text(response)}")
    return response.json()["moved"]
