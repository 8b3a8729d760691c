"""What the staff console reads from and asks of the centre: its kiosks (with what each has
sent, and revoking one) and the completions of every kiosk, for reports and charts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from app.centre.api.auth import CurrentClient
from app.centre.api.roster_routes import EVERY_CALL, no_parameters, object_id, refusals
from app.centre.api.session_routes import date_range
from app.centre.kiosk_status import kiosks_of, revoke_for

router = APIRouter(prefix="/api/v1", tags=["staff"], responses=EVERY_CALL)


@router.get(
    "/kiosks",
    summary="The centre's kiosks: last heard from, records sent, revoked or not",
    responses={
        200: {"description": "{kiosks: [{id, name, enrolled_at, last_seen_at, revoked_at, records, last_record_at}]}"}
    },
)
def kiosks(request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    return {"kiosks": kiosks_of(request.app.state.engine, client.centre)}


@router.post(
    "/kiosks/{kiosk_id}/revoke",
    summary="Stop a kiosk of this centre from sending or reading records (its token is refused at once)",
    responses={200: {"description": "{id, name, revoked_at, just_now}"}, **refusals(404)},
)
def revoke(kiosk_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    return revoke_for(request.app.state.engine, client.centre, object_id(kiosk_id, "kiosk"))


@router.get(
    "/completions",
    summary="Lessons completed from one day to another (the kiosk's day of completion), by learner",
    openapi_extra={
        "parameters": [
            {"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
        ]
    },
    responses={
        200: {
            "description": "{rows: [{learner_id, display_name, lesson_id, attempt, completed_at, seconds, mistakes}]}"
        }
    },
)
def completions(request: Request, client: CurrentClient) -> dict[str, Any]:
    first, last = date_range(request)
    return {"rows": request.app.state.attempts.completions(client.centre, first, last)}
