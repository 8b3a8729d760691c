"""The roster and lesson attempts a kiosk shares with the other kiosks of its centre:
PUT a learner it registered, pull learners and attempts changed since its last pull, read one
learner's attempts. A kiosk (or key) sees only its own centre. Query strings are read by hand so
an unknown parameter is a 400 that names it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.errors import ERROR_SCHEMA
from app.centre.api.json_body import read_json
from app.centre.credentials import Client
from app.centre.errors import bad_request
from app.centre.roster.cursor import Cursor
from app.centre.roster.fields import Body, ObjectId, parse_body
from app.centre.roster.fields import object_id as kiosk_made_id
from app.centre.roster.learners import SHAPE as LEARNER_SHAPE
from app.centre.roster.learners import Roster, parse_entry
from app.centre.roster.removal import delete_learner, merge_learner

ANY_REFUSAL = {
    400: "The request is not valid; the error says what to fix.",
    401: "Not signed in, or the key, secret or kiosk token is refused.",
    403: "The record belongs to another centre.",
    404: "No such record at this centre.",
    409: "The records do not allow it yet; the error says why.",
    410: "The learner was deleted or merged.",
    413: "The body is larger than the server accepts.",
    503: "The database is not available; try again after Retry-After seconds.",
}


def refusals(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for refusals, each JSON {"error": "<what to do>"}."""
    return {
        code: {"description": ANY_REFUSAL[code], "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for code in codes
    }


EVERY_CALL = refusals(400, 401, 413, 503)  # any request may meet these
router = APIRouter(prefix="/api/v1", tags=["roster"], responses=EVERY_CALL)
MAX_LIMIT = 1000
FEED_PARAMETERS = [
    {"name": "after", "in": "query", "required": False, "schema": {"type": "string"}},
    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
]
_FEED_RESPONSE = "{<items>: [...], next: <cursor for the next pull>, more: <true if the next page follows at once>}"


def feed_query(request: Request) -> tuple[Cursor, int]:
    unknown = sorted(set(request.query_params) - {"after", "limit"})
    if unknown:
        raise bad_request(f"Unknown parameter {unknown[0]!r}; this feed takes only 'after' and 'limit'.")
    text = request.query_params.get("limit", "500")
    # isascii: '²' is a digit to Python but no number; at most 4 digits: int() of 5,000 raised
    if not (text.isascii() and text.isdigit() and len(text) <= 4) or not 1 <= int(text) <= MAX_LIMIT:
        raise bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    return Cursor.decode(request.query_params.get("after")), int(text)


def feed_page(request: Request, client: Client, feed: Any, items: str) -> dict[str, Any]:
    """One page of a cursor feed (roster, attempts, sessions) for the caller's centre:
    `{items: [...], next: <cursor>, more: <bool>}`, the items under the name `items`."""
    after, limit = feed_query(request)
    entries, cursor, more = feed.page(client.centre, after, limit)
    return {items: [entry.to_json() for entry in entries], "next": cursor.encode(), "more": more}


def object_id(value: str, what: str) -> str:
    """A kiosk-made id (a UUID): letters, digits and '-'."""
    try:
        return kiosk_made_id(value)
    except ValueError:
        raise bad_request(f"A {what} id is the kiosk-made id: letters, digits and '-', at most 36.") from None


class MergeBody(Body):
    into: ObjectId


def no_parameters(request: Request) -> None:
    if request.query_params:
        raise bad_request(f"Unknown parameter {sorted(request.query_params)[0]!r}; this takes none.")


@router.put(
    "/learners/{learner_id}",
    summary="Add or change a learner of the caller's centre (from the kiosk that registered them)",
    responses={200: {"description": '{"id": "<learner id>"}'}, **refusals(403, 410)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["display_name", "registered_at"],
                        "additionalProperties": False,
                        "properties": {
                            "display_name": {"type": "string", "minLength": 1, "maxLength": 40},
                            "phone_last4": {"type": ["string", "null"], "pattern": "^[0-9]{4}$"},
                            "registered_at": {"type": "string", "format": "date-time"},
                        },
                    }
                }
            },
        }
    },
)
async def put_learner(learner_id: str, request: Request, client: CurrentClient) -> dict[str, str]:
    no_parameters(request)
    learner_id = object_id(learner_id, "learner")
    body = await read_json(request, f"{LEARNER_SHAPE}.")
    entry = parse_entry(learner_id, body)
    roster: Roster = request.app.state.roster
    await run_in_threadpool(roster.put, client.centre, client.key, entry)
    return {"id": learner_id}


@router.get(
    "/learners",
    summary="Learners of the caller's centre changed since the last pull",
    openapi_extra={"parameters": FEED_PARAMETERS},
    responses={200: {"description": _FEED_RESPONSE.replace("<items>", "learners")}},
)
def learners_feed(request: Request, client: CurrentClient) -> dict[str, Any]:
    return feed_page(request, client, request.app.state.roster, "learners")


@router.get(
    "/attempts",
    summary="Lesson attempts of the caller's centre changed since the last pull",
    openapi_extra={"parameters": FEED_PARAMETERS},
    responses={200: {"description": _FEED_RESPONSE.replace("<items>", "attempts")}},
)
def attempts_feed(request: Request, client: CurrentClient) -> dict[str, Any]:
    return feed_page(request, client, request.app.state.attempts, "attempts")


@router.get(
    "/learners/{learner_id}/attempts",
    summary="One learner's lesson attempts, from every kiosk of the centre",
    responses={200: {"description": '{"attempts": [...]}'}},
)
def learner_attempts(learner_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    entries = request.app.state.attempts.of_learner(client.centre, object_id(learner_id, "learner"))
    return {"attempts": [entry.to_json() for entry in entries]}


@router.delete(
    "/learners/{learner_id}",
    summary="Delete everything the centre holds about a learner, at their request",
    responses={
        200: {
            "description": '{"removed": {"statements": n, "lesson attempts": n, ...}, "upstream_voided": n}: '
            "upstream_voided counts the copies at the city's store that voiding statements will withdraw"
        },
        **refusals(404, 410),
    },
)
def delete_learner_everywhere(learner_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    deleted = delete_learner(request.app.state.engine, client.centre, object_id(learner_id, "learner"))
    return {"removed": deleted.removed, "upstream_voided": deleted.upstream_voided}


@router.post(
    "/learners/{learner_id}/merge",
    summary="Merge a duplicate learner into the learner it duplicates",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["into"],
                        "additionalProperties": False,
                        "properties": {"into": {"type": "string"}},
                    }
                }
            },
        }
    },
    responses={
        200: {"description": '{"moved": {"lesson attempts": n, ...}}'},
        404: {"description": "Unknown learner."},
    },
)
async def merge_duplicate(learner_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    no_parameters(request)
    duplicate = object_id(learner_id, "learner")
    shape = 'Send JSON like {"into": "<id of the learner to keep>"}.'
    keep = parse_body(MergeBody, await read_json(request, shape), shape.removesuffix(".")).into
    moved = await run_in_threadpool(merge_learner, request.app.state.engine, client.centre, duplicate, keep)
    return {"moved": moved}
