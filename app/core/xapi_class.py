"""xAPI statements of a class session: a learner checked in (by the tutor's tap or by signing
in at a kiosk while the session is on), a learner asking for help at a kiosk, and the tutor
marking that help given. Ids are name-based like every kiosk statement; a check-in is per
kiosk, so the tutor's tap and the learner's own sign-in on another kiosk never collide."""

from __future__ import annotations

from datetime import datetime

from app.core.course import Lesson
from app.core.xapi import (
    ACTIVITY_ROOT,
    CENTRE_TYPE,
    KIOSK_EXTENSION,
    SESSION_EXTENSION,
    STEP_EXTENSION,
    actor,
    context_of,
    lesson_activity,
    statement_id,
    timestamp,
    verb,
)

SESSION_PREFIX = f"{ACTIVITY_ROOT}/sessions/"
HOW_EXTENSION = f"{ACTIVITY_ROOT}/extensions/checked-in-by"  # "tutor" or "kiosk"


def checked_in(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    session_id: str,
    session_title: str,
    by: str,
    at: datetime,
) -> dict:
    context = context_of(kiosk_id, registration=session_id)
    context["extensions"][HOW_EXTENSION] = by
    return {
        "id": statement_id("checked-in", learner_id, session_id, kiosk_id),
        "actor": actor(centre_home, learner_id),
        "verb": verb("attended"),
        "object": {
            "objectType": "Activity",
            "id": f"{SESSION_PREFIX}{session_id}",
            "definition": {"type": CENTRE_TYPE, "name": {"zh-CN": session_title, "en-US": session_title}},
        },
        "context": context,
        "timestamp": timestamp(at),
    }


def help_asked(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    help_id: str,
    lesson: Lesson,
    step_index: int,
    session_id: str | None,
    at: datetime,
) -> dict:
    """The learner pressed Help at a kiosk: `help_id` is made once on the kiosk; the
    statement's id then names the call everywhere."""
    context = context_of(kiosk_id, theme=lesson.theme)
    context["extensions"][STEP_EXTENSION] = step_index
    if session_id:
        context["extensions"][SESSION_EXTENSION] = session_id
    return {
        "id": statement_id("asked", help_id),
        "actor": actor(centre_home, learner_id),
        "verb": verb("asked"),
        "object": lesson_activity(lesson),
        "context": context,
        "timestamp": timestamp(at),
    }


def help_given(*, centre_home: str, kiosk_id: str, tutor_id: str, call_id: str, at: datetime) -> dict:
    """The tutor marked the call helped: the tutor's statement about the call's own statement
    (`call_id` is that statement's id, which names the call on every kiosk and the centre)."""
    return {
        "id": statement_id("responded", call_id),
        "actor": actor(f"{centre_home.rstrip('/')}/tutors", tutor_id),
        "verb": verb("responded"),
        "object": {"objectType": "StatementRef", "id": call_id},
        # xAPI allows context.platform only about an Activity: just the kiosk here.
        "context": {"extensions": {KIOSK_EXTENSION: kiosk_id}},
        "timestamp": timestamp(at),
    }
