"""Class sessions shared between the centre's kiosks, and the tutor's live board of one."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.json_body import read_json
from app.centre.api.roster_routes import (
    EVERY_CALL,
    FEED_PARAMETERS,
    feed_page,
    no_parameters,
    object_id,
    refusals,
)
from app.centre.errors import bad_request
from app.centre.roster.fields import day_in_range
from app.centre.roster.sessions import SHAPE, SharedSessions, parse_session

router = APIRouter(prefix="/api/v1", tags=["sessions"], responses=EVERY_CALL)


@router.put(
    "/sessions/{session_id}",
    summary="Add or change a class session of the caller's centre",
    responses={200: {"description": '{"id": "<session id>"}'}, **refusals(403)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["title", "day", "starts", "ends"],
                        "additionalProperties": False,
                        "properties": {
                            "title": {"type": "string", "minLength": 1, "maxLength": 60},
                            "day": {"type": "string", "format": "date"},
                            "starts": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                            "ends": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                            "room": {"type": "string", "maxLength": 30},
                            "tutor": {"type": "string", "maxLength": 40},
                            "lesson_ids": {"type": "array", "items": {"type": "string", "maxLength": 60}},
                        },
                    }
                }
            },
        }
    },
)
async def put_session(session_id: str, request: Request, client: CurrentClient) -> dict[str, str]:
    no_parameters(request)
    session_id = object_id(session_id, "session")
    body = await read_json(request, f"{SHAPE}.")
    entry = parse_session(session_id, body)
    sessions: SharedSessions = request.app.state.sessions
    await run_in_threadpool(sessions.put, client.centre, client.key, entry)
    return {"id": session_id}


@router.get(
    "/sessions",
    summary="Class sessions of the caller's centre changed since the last pull",
    openapi_extra={"parameters": FEED_PARAMETERS},
    responses={200: {"description": "{sessions: [...], next: <cursor>, more: <bool>}"}},
)
def sessions_feed(request: Request, client: CurrentClient) -> dict[str, Any]:
    return feed_page(request, client, request.app.state.sessions, "sessions")


@router.get(
    "/sessions/{session_id}/board",
    summary="The tutor's live board: learners checked in, where each is, and help calls in order",
    responses={
        200: {"description": "{session, now, learners: [...], help: [...]}"},
        404: {"description": "No such session."},
    },
)
def session_board(session_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    return request.app.state.sessions.board(client.centre, object_id(session_id, "session"))


def _day(request: Request, name: str) -> date:
    try:
        return day_in_range(request.query_params.get(name) or "")
    except ValueError as problem:
        raise bad_request(f"{name} {problem}.") from None


@router.get(
    "/attendance",
    summary="Check-ins to the sessions held from one day to another, with time spent",
    openapi_extra={
        "parameters": [
            {"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
        ]
    },
    responses={200: {"description": "{rows: [{session fields, learner_id, display_name, checked_in_at, seconds}]}"}},
)
def attendance(request: Request, client: CurrentClient) -> dict[str, Any]:
    first, last = date_range(request)
    return {"rows": request.app.state.sessions.attendance(client.centre, first, last)}


def date_range(request: Request) -> tuple[date, date]:
    """The `from` and `to` days of a report, checked."""
    unknown = sorted(set(request.query_params) - {"from", "to"})
    if unknown:
        raise bad_request(f"Unknown parameter {unknown[0]!r}; this takes 'from' and 'to'.")
    first, last = _day(request, "from"), _day(request, "to")
    if last < first:
        raise bad_request("'to' is before 'from'.")
    if (last - first).days > 3660:
        raise bad_request("Ask for at most ten years at a time.")
    return first, last
