"""Certificates: a kiosk asks the centre to issue one for a learner's completed theme; anyone
holding the paper checks its QR code at /api/v1/certificates/verify (no sign-in: the token is
the proof), as JSON or, from a phone's browser, as a page in large print."""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.json_body import read_json
from app.centre.api.roster_routes import EVERY_CALL, refusals
from app.centre.certificates import SHAPE, issue, parse_issue, verify
from app.centre.errors import ApiError, bad_request

router = APIRouter(prefix="/api/v1/certificates", tags=["certificates"], responses=EVERY_CALL)


@router.post(
    "",
    status_code=201,
    summary="Issue a certificate for a theme the learner has completed",
    responses={
        201: {"description": "The certificate's details and its signed token for the QR code."},
        **refusals(404, 409),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "description": SHAPE}}},
        }
    },
)
async def issue_certificate(request: Request, client: CurrentClient) -> dict[str, Any]:
    if request.query_params:
        raise bad_request("This takes no query parameters.")
    body = await read_json(request, f"{SHAPE}.")
    return await run_in_threadpool(issue, request.app.state.engine, client.centre, parse_issue(body))


def _page(title: str, lines: list[str], good: bool) -> str:
    colour = "#0b5d1e" if good else "#8a1c1c"
    items = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        '<!doctype html><html lang="zh"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        '<body style="font-family: sans-serif; font-size: 24px; line-height: 1.5; margin: 24px; color: #111">'
        f'<h1 style="color: {colour}; font-size: 32px">{html.escape(title)}</h1>{items}</body></html>'
    )


@router.get(
    "/verify",
    summary="Check a certificate's QR code: the centre's own record if genuine",
    openapi_extra={"parameters": [{"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}]},
    responses={
        200: {"description": "{valid: true, learner_name, theme_title, lessons, centre_name, issued_on}"},
        400: {"description": "Changed, or not issued by this centre: {valid: false, error}."},
        404: {"description": "Not in this centre's records: {valid: false, error}."},
        410: {"description": "Withdrawn: {valid: false, error}."},
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
        if not wants_page:
            return JSONResponse({"valid": False, "error": refused.message}, status_code=refused.status_code)
        page = _page("证书无效 Not a genuine certificate", [refused.message], good=False)
        return HTMLResponse(page, status_code=refused.status_code)
    if not wants_page:
        return record
    lines = [
        f"{record['learner_name']}",
        f"{record['theme_title']['zh']} · {record['theme_title']['en']}",
        *(f"✓ {lesson['title']['zh']} ({lesson['completed_on']})" for lesson in record["lessons"]),
        f"{record['centre_name']} · {record['issued_on']} · {record['certificate_id']}",
    ]
    return HTMLResponse(_page("证书真实有效 Genuine certificate", lines, good=True))
