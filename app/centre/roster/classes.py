"""Check-ins and help calls folded from statements as they are stored, in the statement's own
transaction, order-independently: the earliest check-in counts; a help call's asked and helped
halves fill in whichever arrives first."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Dialect, func

from app.centre.models import HelpCall, SessionCheckIn, SessionTime
from app.centre.roster.attempts import duration_seconds
from app.centre.roster.sql import upsert_for
from app.core.xapi import LESSON_PREFIX, SESSION_EXTENSION, STEP_EXTENSION, VERBS
from app.core.xapi_class import HOW_EXTENSION, SESSION_PREFIX

ATTENDED, ASKED, RESPONDED, PROGRESSED = (VERBS[key][0] for key in ("attended", "asked", "responded", "progressed"))


def _account(document: dict[str, Any]) -> str | None:
    return (document.get("actor", {}).get("account") or {}).get("name")


def fold(
    connection: Connection,
    centre: str,
    documents: list[dict[str, Any]],
    stored: datetime,
    owners: dict[str, str | None],
) -> None:
    """Fold a batch of newly stored statements. `owners` maps their learners to whose records
    they are (see removal.owners_of), looked up by the caller with its other reads."""
    time_spent: dict[tuple[str, str], float] = {}
    for document in documents:
        verb = document.get("verb", {}).get("id")
        account = _account(document)
        learner = owners.get(account, account) if account else None
        if verb == ATTENDED:
            _check_in(connection, centre, document, stored, learner)
        elif verb == ASKED:
            _asked(connection, centre, document, stored, learner)
        elif verb == RESPONDED:
            _helped(connection, centre, document, stored)
        elif verb == PROGRESSED and learner:
            _add_time(time_spent, document, learner)
    _time_in_sessions(connection, centre, time_spent)


def _check_in(
    connection: Connection, centre: str, document: dict[str, Any], stored: datetime, learner: str | None
) -> None:
    target = str(document.get("object", {}).get("id", ""))
    if not target.startswith(SESSION_PREFIX) or not learner:
        return
    extensions = (document.get("context") or {}).get("extensions") or {}
    insert = upsert_for(connection.dialect)(SessionCheckIn).values(
        session_id=target.removeprefix(SESSION_PREFIX),
        learner_id=learner,
        centre=centre,
        first_at=document.get("timestamp") or stored.isoformat(),
        checked_in_by=str(extensions.get(HOW_EXTENSION, "kiosk"))[:12],
        changed=stored,
    )
    old = SessionCheckIn.__table__.c
    connection.execute(
        insert.on_conflict_do_update(
            index_elements=[SessionCheckIn.centre, SessionCheckIn.session_id, SessionCheckIn.learner_id],
            set_={"first_at": func.min(old.first_at, insert.excluded.first_at), "changed": insert.excluded.changed}
            if connection.dialect.name == "sqlite"
            else {"first_at": func.least(old.first_at, insert.excluded.first_at), "changed": insert.excluded.changed},
        )
    )


def _asked(
    connection: Connection, centre: str, document: dict[str, Any], stored: datetime, learner: str | None
) -> None:
    target = str(document.get("object", {}).get("id", ""))
    extensions = (document.get("context") or {}).get("extensions") or {}
    step = extensions.get(STEP_EXTENSION)
    values = {
        "learner_id": learner,
        "lesson_id": target.removeprefix(LESSON_PREFIX) if target.startswith(LESSON_PREFIX) else None,
        "step_index": step if isinstance(step, int) and not isinstance(step, bool) else None,
        "session_id": extensions.get(SESSION_EXTENSION),
        "asked_at": stored,
    }
    insert = upsert_for(connection.dialect)(HelpCall).values(id=document["id"], centre=centre, **values)
    connection.execute(insert.on_conflict_do_update(index_elements=[HelpCall.centre, HelpCall.id], set_=values))


def _helped(connection: Connection, centre: str, document: dict[str, Any], stored: datetime) -> None:
    target = document.get("object", {})
    if target.get("objectType") != "StatementRef":
        return
    insert = upsert_for(connection.dialect)(HelpCall).values(
        id=str(target["id"]).lower(), centre=centre, helped_at=stored
    )
    old = HelpCall.__table__.c
    connection.execute(
        insert.on_conflict_do_update(
            index_elements=[HelpCall.centre, HelpCall.id],
            set_={"helped_at": func.coalesce(old.helped_at, insert.excluded.helped_at)},
        )
    )


def _add_time(time_spent: dict[tuple[str, str], float], document: dict[str, Any], learner: str) -> None:
    session_id = ((document.get("context") or {}).get("extensions") or {}).get(SESSION_EXTENSION)
    seconds = duration_seconds((document.get("result") or {}).get("duration"))
    if isinstance(session_id, str) and seconds > 0:
        time_spent[(session_id, learner)] = time_spent.get((session_id, learner), 0.0) + seconds


def _time_in_sessions(connection: Connection, centre: str, time_spent: dict[tuple[str, str], float]) -> None:
    """Add each step's own duration to the learner's time in the session it names (a sum, so
    the order statements arrive in does not matter); one upsert for the batch."""
    if not time_spent:
        return
    rows = [
        {"session_id": session_id, "learner_id": learner, "centre": centre, "seconds": seconds}
        for (session_id, learner), seconds in time_spent.items()
    ]
    connection.execute(_time_upsert(connection.dialect), rows)


@functools.cache
def _time_upsert(dialect: Dialect) -> Any:
    """Built once per dialect, so SQLAlchemy compiles it once."""
    insert = upsert_for(dialect)(SessionTime)
    old = SessionTime.__table__.c
    return insert.on_conflict_do_update(
        index_elements=[SessionTime.centre, SessionTime.session_id, SessionTime.learner_id],
        set_={"seconds": old.seconds + insert.excluded.seconds},
    )
