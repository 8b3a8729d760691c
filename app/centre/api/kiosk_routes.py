"""POST /api/v1/kiosks/enrol: a kiosk trades a one-time code from staff for its device token.
No sign-in (the code is the proof) and no xAPI version header. Wrong codes are logged and
paced like failed sign-ins (app.centre.api.sign_in_pacing). The body is read by hand so a
malformed one is a 400 that says what to send."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.errors import ERROR_SCHEMA, errors
from app.centre.api.sign_in_pacing import SignInPacing, address_of
from app.centre.errors import ApiError, bad_request
from app.centre.kiosks import enrol, statement_ids_key
from app.centre.staff_accounts import accounts_from
from app.centre.xapi.validation import strict_loads

log = logging.getLogger("silversteps.centre")
router = APIRouter(prefix="/api/v1", tags=["kiosks"])

_SHAPE = (
    'Send JSON like {"code": "7KQM-3XPA", "name": "kiosk 3", "accounts": [...]} '
    "(accounts optional: the kiosk's staff and tutor accounts)"
)


@router.post(
    "/kiosks/enrol",
    status_code=201,
    summary="Enrol a kiosk with a one-time code; answers its id, device token and centre",
    responses={
        201: {
            "description": "Enrolled: the kiosk's id, its device token (Bearer on /xapi) and its centre.",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["kiosk_id", "token", "centre", "ids_key"],
                        "properties": {
                            "kiosk_id": {"type": "string"},
                            "token": {"type": "string"},
                            "centre": {"type": "string"},
                            "ids_key": {"type": "string"},
                        },
                    }
                }
            },
        },
        **{
            code: {"description": text, "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            for code, text in (
                (400, "The body is not the JSON asked for."),
                (404, "The code is not known, was used already or has expired (one answer for all three)."),
                (429, "Too many wrong codes from this address; Retry-After says when to try again."),
            )
        },
        **errors(413, 503),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["code", "name"],
                        "properties": {
                            "code": {"type": "string", "example": "7KQM-3XPA"},
                            "name": {"type": "string", "example": "kiosk 3"},
                            "accounts": {
                                "type": "array",
                                "description": "The kiosk's staff and tutor accounts: {id, name, role, secret_hash}",
                                "items": {"type": "object"},
                            },
                        },
                    }
                }
            },
        }
    },
)
async def enrol_kiosk(request: Request) -> JSONResponse:
    try:
        body = strict_loads((await request.body()).decode("utf-8"))
    except ValueError:  # also UnicodeDecodeError, and JSON nested too deep
        raise bad_request(f"The body is not JSON. {_SHAPE}.") from None
    if not isinstance(body, dict):
        raise bad_request(f"The body is not a JSON object. {_SHAPE}.")
    code, name = body.get("code"), body.get("name")
    if not isinstance(code, str) or not isinstance(name, str):
        raise bad_request(f"Both code and name must be strings. {_SHAPE}.")
    try:
        accounts = accounts_from(body.get("accounts", []))
    except ValueError as problem:
        raise bad_request(f"The accounts will not do: {problem}.") from None
    pacing: SignInPacing = request.app.state.sign_in_pacing
    address = address_of(request)
    await pacing.turn_away_if_over(address)
    try:
        enrolled = await run_in_threadpool(enrol, request.app.state.engine, code, name, accounts)
    except ApiError as refused:
        if refused.status_code in (400, 404):  # a guess, or a person's typing: counted alike
            log.warning("enrolment refused for %s: %s", address, refused.message)
            await pacing.failed(address)
        raise
    log.info(
        "kiosk %s (%s) enrolled in centre %s from %s, with %d staff and tutor accounts",
        enrolled.kiosk_id,
        name,
        enrolled.centre,
        address,
        len(accounts),
    )
    return JSONResponse(
        {
            "kiosk_id": enrolled.kiosk_id,
            "token": enrolled.token,
            "centre": enrolled.centre,
            "ids_key": enrolled.ids_key,
        },
        status_code=201,
    )


@router.get(
    "/statement-ids-key",
    summary="The key this centre's kiosks name their statements with (for a kiosk enrolled before it had one)",
    responses={
        200: {
            "description": "The centre's key, hex; the same for every kiosk of the centre.",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "required": ["ids_key"], "properties": {"ids_key": {"type": "string"}}}
                }
            },
        },
        **errors(401, 403),
    },
)
def ids_key(request: Request, client: CurrentClient) -> dict[str, str]:
    return {"ids_key": statement_ids_key(request.app.state.engine, client.centre)}
