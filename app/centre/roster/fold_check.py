"""Whether a statement the folds will read (app/centre/roster/attempts.py and classes.py) fits
the columns they write it into: checked when the request is read, so a lesson id of 61
characters, a learner's account name of 65, a newline in an id, an attempt number past an
INTEGER column or an endless duration is a 400 that names it, rather than the database
refusing the row in the group write (on PostgreSQL; SQLite keeps what it is given). Only the
verbs the folds read are looked at; any other statement is the xAPI schema's business alone."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from app.centre.models import LessonAttempt, SessionCheckIn
from app.centre.roster.attempts import duration_seconds
from app.core.xapi import (
    ATTEMPT_EXTENSION,
    KIOSK_EXTENSION,
    LESSON_PREFIX,
    MISTAKES_EXTENSION,
    POSITION_EXTENSION,
    SESSION_EXTENSION,
    STEP_EXTENSION,
    STEPS_EXTENSION,
    TOTAL_MISTAKES_EXTENSION,
    TOTAL_SECONDS_EXTENSION,
    VERBS,
)
from app.core.xapi_class import HOW_EXTENSION, SESSION_PREFIX

LEARNER_ID = LessonAttempt.__table__.c.learner_id.type.length  # and the check-ins', time's, help calls'
LESSON_ID = LessonAttempt.__table__.c.lesson_id.type.length  # and HelpCall.lesson_id
SESSION_ID = SessionCheckIn.__table__.c.session_id.type.length  # and SessionTime's, HelpCall's
KIOSK_ID = LessonAttempt.__table__.c.kiosk_id.type.length
TIMESTAMP_TEXT = LessonAttempt.__table__.c.completed_at.type.length  # and SessionCheckIn.first_at
INTEGER_MAX = 2**31 - 1  # attempt, position, steps, mistakes and step_index are INTEGER columns
LONGEST_SECONDS = 366 * 24 * 3600  # a step, an attempt: anything longer is a kiosk's clock gone wrong

FOLDED = {VERBS[key][0]: key for key in ("initialized", "progressed", "completed", "attended", "asked")}
_CONTEXT_NUMBERS = (ATTEMPT_EXTENSION, STEP_EXTENSION)
_RESULT_NUMBERS = (POSITION_EXTENSION, STEPS_EXTENSION, MISTAKES_EXTENSION, TOTAL_MISTAKES_EXTENSION)


def _id_problem(where: str, value: object, longest: int, what: str) -> str | None:
    if not isinstance(value, str):
        return f"{where} must be text (the {what})"
    if not value:
        return f"{where} is empty; give the {what}"
    if len(value) > longest:
        return f"{where}: the {what} is {len(value)} characters; at most {longest}"
    for character in value:
        if unicodedata.category(character) == "Cc":
            return f"{where}: the {what} holds the control character U+{ord(character):04X}; remove it"
    return None


def _number_problem(where: str, value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > INTEGER_MAX:
        return f"{where} is {str(value)[:20]}{'…' if len(str(value)) > 20 else ''}; at most {INTEGER_MAX}"
    return None


def _seconds_problem(where: str, seconds: float) -> str | None:
    if not math.isfinite(seconds) or seconds > LONGEST_SECONDS:
        return f"{where} is longer than a year; send the time the step or lesson took"
    return None


def fold_problem(document: dict[str, Any]) -> str | None:
    """What in a checked statement would not fit the fold's columns, in words; None if it fits
    (or the folds do not read it)."""
    kind = FOLDED.get(document["verb"]["id"])
    if kind is None:
        return None
    problems: list[str | None] = []
    name = (document["actor"].get("account") or {}).get("name")
    if name is not None:
        problems.append(_id_problem("actor.account.name", name, LEARNER_ID, "learner's id"))
    target = str(document["object"].get("id", ""))
    if target.startswith(LESSON_PREFIX):
        problems.append(_id_problem("object.id", target.removeprefix(LESSON_PREFIX), LESSON_ID, "lesson id"))
    if kind == "attended" and target.startswith(SESSION_PREFIX):
        problems.append(_id_problem("object.id", target.removeprefix(SESSION_PREFIX), SESSION_ID, "session id"))
    timestamp = document.get("timestamp")
    if isinstance(timestamp, str) and len(timestamp) > TIMESTAMP_TEXT:
        problems.append(f"timestamp is {len(timestamp)} characters; at most {TIMESTAMP_TEXT} (fewer decimals)")
    context = document.get("context") or {}
    extensions = context.get("extensions") or {}
    for iri, what, longest in (
        (KIOSK_EXTENSION, "kiosk's id", KIOSK_ID),
        (SESSION_EXTENSION, "session id", SESSION_ID),
    ):
        if iri in extensions:
            problems.append(_id_problem(f"context.extensions[{iri}]", extensions[iri], longest, what))
    if HOW_EXTENSION in extensions:
        problems.append(_id_problem(f"context.extensions[{HOW_EXTENSION}]", extensions[HOW_EXTENSION], 12, "kind"))
    problems += [_number_problem(f"context.extensions[{iri}]", extensions.get(iri)) for iri in _CONTEXT_NUMBERS]
    result = document.get("result") or {}
    found = result.get("extensions") or {}
    problems += [_number_problem(f"result.extensions[{iri}]", found.get(iri)) for iri in _RESULT_NUMBERS]
    if TOTAL_SECONDS_EXTENSION in found:
        seconds = found[TOTAL_SECONDS_EXTENSION]
        where = f"result.extensions[{TOTAL_SECONDS_EXTENSION}]"
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            problems.append(f"{where} must be a number of seconds")
        else:  # a whole number past a float's range is no float: compared before the float is made
            problems.append(_seconds_problem(where, float(min(seconds, LONGEST_SECONDS + 1))))
    if "duration" in result:
        problems.append(_seconds_problem("result.duration", duration_seconds(result["duration"])))
    return next((problem for problem in problems if problem), None)
