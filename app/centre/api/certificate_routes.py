"""Certificates: staff ask the centre to issue one for a learner's completed theme (naming only
the learner and the theme) and may withdraw one; anyone holding the paper checks its QR code at
/api/v1/certificates/verify (no sign-in: the token is the proof), as JSON or, from a phone's
browser, as a page in large print."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.certificate_page import genuine_page, refused_page
from app.centre.api.json_body import read_json
from app.centre.api.roster_routes import EVERY_CALL, refusals
from app.centre.certificate_verify import verify
from app.centre.certificate_withdraw import SHAPE as WITHDRAW_SHAPE
from app.centre.certificate_withdraw import parse_withdraw, withdraw
from app.centre.certificates import SHAPE, issue, parse_issue
from app.centre.errors import ApiError, bad_request

router = APIRouter(prefix="/api/v1/certificates", tags=["certificates"], responses=EVERY_CALL)


def _body_of(shape: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "description": shape}}},
        }
    }


@router.post(
    "",
    status_code=201,
    summary="Issue a certificate for a theme the learner completed at this centre",
    responses={
        201: {
            "description": "What the centre certified, from its own records: {certificate_id, learner_name, "
            "theme_id, theme_title: {zh, en}, centre_name, issued_on, lessons: [{lesson_id, title, completed_on}], "
            "token}."
        },
        **refusals(404, 409),
    },
    openapi_extra=_body_of(SHAPE),
)
async def issue_certificate(request: Request, client: CurrentClient) -> dict[str, Any]:
    if request.query_params:
        raise bad_request("This takes no query parameters.")
    body = await read_json(request, f"{SHAPE}.")
    return await run_in_threadpool(issue, request.app.state.engine, client.centre, parse_issue(body))


@router.post(
    "/{certificate_id}/withdraw",
    summary="Withdraw one of this centre's certificates: its QR code then verifies as revoked",
    responses={
        200: {"description": "{certificate_id, withdrawn_on, reason, already_withdrawn}"},
        **refusals(404),
    },
    openapi_extra=_body_of(WITHDRAW_SHAPE),
)
async def withdraw_certificate(certificate_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    if request.query_params:
        raise bad_request("This takes no query parameters.")
    body = parse_withdraw(await read_json(request, f"{WITHDRAW_SHAPE}."))
    done = await run_in_threadpool(withdraw, request.app.state.engine, certificate_id, body.reason, client.centre)
    return done.answer()


@router.get(
    "/verify",
    summary="Check a certificate's QR code: the centre's own record if genuine",
    openapi_extra={"parameters": [{"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}]},
    responses={
        200: {
            "description": "{valid: true, status: genuine, certificate_id, learner_name, theme_id, theme_title, "
            "centre_name, issued_on, lessons}"
        },
        400: {"description": "Changed, or signed by no centre here: {valid: false, status: not_genuine, error}."},
        404: {"description": "Not in the centre's records: {valid: false, status: unknown, error}."},
        409: {"description": "An old certificate the centre cannot vouch for: {valid: false, status: not_vouched}."},
        410: {"description": "Withdrawn: {valid: false, status: revoked, revoked_on, reason, error, …}."},
    },
)
def verify_certificate(request: Request) -> Any:
    unknown = sorted(set(request.query_params) - {"token"})
    if unknown:
        raise bad_request(f"Unknown parameter {unknown[0]!r}; this takes only 'token'.")
    token = request.query_params.get("token", "")
    wants_page = "text/html" in request.headers.get("accept", "")
    try:
        record = verify(request.app.state.engine, token)
    except ApiError as refused:
        answer = {"valid": False, **refused.details, "error": refused.message}
        if not wants_page:
            return JSONResponse(answer, status_code=refused.status_code)
        return HTMLResponse(refused_page(answer), status_code=refused.status_code)
    return HTMLResponse(genuine_page(record)) if wants_page else record
