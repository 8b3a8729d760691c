"""The xAPI 1.0.3 Statements resource and About resource. Bodies and query strings are read
by hand (not by FastAPI's binding) so that every refusal is a 400 that says what to fix, and
so a GET can hand stored statements back without decoding and re-encoding them."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.errors import errors
from app.centre.api.write_gate import WriteGate
from app.centre.errors import ApiError, bad_request
from app.centre.xapi.query import SingleQuery, encode_cursor, parse_query
from app.centre.xapi.repository import StatementRepository
from app.centre.xapi.schema import PATTERNS, check_uuid
from app.centre.xapi.validation import parse_one_statement, parse_statements

router = APIRouter(prefix="/xapi", tags=["xAPI"])

_VERSION_HEADER = {
    "name": "X-Experience-API-Version",
    "in": "header",
    "required": True,
    "schema": {"type": "string", "pattern": r"^1\.0(\.[0-9]+)?$", "example": "1.0.3"},
    "description": "1.0.x; requests without it are refused with 400.",
}
_QUERY_DOCS = {
    "statementId": "Fetch this one statement (UUID).",
    "voidedStatementId": "Fetch this voided statement (UUID).",
    "agent": 'JSON Agent or identified Group, e.g. {"mbox": "mailto:a@example.org"}; matches actor or object.',
    "verb": "Verb id (IRI).",
    "activity": "Activity id (IRI) of the object.",
    "registration": "Registration (UUID).",
    "related_agents": "true: also match authority, instructor, team and SubStatement agents.",
    "related_activities": "true: also match context activities and SubStatement activities.",
    "since": "Only statements stored after this ISO 8601 time.",
    "until": "Only statements stored at or before this ISO 8601 time.",
    "limit": "At most this many statements (default 100, at most 500; 0 means 500).",
    "ascending": "true: oldest stored first.",
    "format": "exact (default), ids or canonical.",
    "attachments": "Only false is supported.",
    "cursor": "Opaque position from a previous page's `more` link; given alone.",
}
_STATEMENT = {"$ref": "#/components/schemas/Statement"}
_TRUE_FALSE = {"type": "string", "enum": ["true", "false"]}
_QUERY_SCHEMAS: dict[str, dict[str, Any]] = {
    "statementId": {"type": "string", "pattern": PATTERNS["uuid"]},
    "voidedStatementId": {"type": "string", "pattern": PATTERNS["uuid"]},
    "verb": {"type": "string", "pattern": PATTERNS["iri"]},
    "activity": {"type": "string", "pattern": PATTERNS["iri"]},
    "registration": {"type": "string", "pattern": PATTERNS["uuid"]},
    "related_agents": _TRUE_FALSE,
    "related_activities": _TRUE_FALSE,
    "since": {"type": "string", "pattern": PATTERNS["timestamp"]},
    "until": {"type": "string", "pattern": PATTERNS["timestamp"]},
    "limit": {"type": "string", "pattern": "^[0-9]+$"},
    "ascending": _TRUE_FALSE,
    "format": {"type": "string", "enum": ["exact", "ids", "canonical"]},
    "attachments": {"type": "string", "enum": ["false"]},
}
_STATEMENT_RESULT = {
    "type": "object",
    "required": ["statements", "more"],
    "additionalProperties": False,
    "properties": {"statements": {"type": "array", "items": _STATEMENT}, "more": {"type": "string"}},
}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _json_body(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "description": description, "content": {"application/json": {"schema": schema}}}


def _repository(request: Request) -> StatementRepository:
    return request.app.state.repository


def _write_gate(request: Request) -> WriteGate:
    return request.app.state.write_gate


async def _json_bytes(request: Request) -> bytes:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "multipart/mixed":
        raise bad_request("multipart/mixed (attachment data) is not accepted; send JSON with fileUrl links.")
    if media_type != "application/json":
        raise bad_request("Send statements as JSON with the header Content-Type: application/json.")
    return await request.body()


def _query_params(request: Request, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    """The query string of a POST or PUT, which takes at most the `allowed` parameters, each once."""
    params: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            takes = f"takes only {', '.join(allowed)}" if allowed else "takes no query parameters"
            raise bad_request(f"Unknown query parameter {name}: {request.method} /xapi/statements {takes}.")
        if name in params:
            raise bad_request(f"The query parameter {name} is given twice; give it once.")
        params[name] = value
    return params


@router.get("/about", summary="Which xAPI versions this server speaks (no sign-in, no version header needed)")
def about() -> dict[str, list[str]]:
    return {"version": ["1.0.3"]}


@router.post(
    "/statements",
    summary="Store one statement or an array of them (all or nothing)",
    responses={
        200: _answer("The statement ids, in the order sent.", {"type": "array", "items": {"type": "string"}}),
        **errors(400, 401, 403, 409, 413, 503),
    },
    openapi_extra={
        "parameters": [_VERSION_HEADER],
        "requestBody": _json_body(
            "A statement or an array of statements.",
            {"oneOf": [_STATEMENT, {"type": "array", "items": _STATEMENT, "minItems": 1}]},
        ),
    },
)
async def post_statements(request: Request, client: CurrentClient) -> JSONResponse:
    _query_params(request)
    # The body is read even when the answer will be "busy": a server that answers before the
    # body has arrived closes the connection under a client still sending, which the client
    # sees as a dropped connection rather than a 503 with its Retry-After.
    body = await _json_bytes(request)
    with _write_gate(request).admit():
        statements = parse_statements(body)
        ids = await run_in_threadpool(_repository(request).store, statements, client)
    return JSONResponse(ids)


@router.put(
    "/statements",
    status_code=204,
    summary="Store one statement under the given statementId",
    responses={
        204: {"description": "Stored, or already stored with the same content."},
        **errors(400, 401, 403, 409, 413, 503),
    },
    openapi_extra={
        "parameters": [
            _VERSION_HEADER,
            {"name": "statementId", "in": "query", "required": True, "schema": _QUERY_SCHEMAS["statementId"]},
        ],
        "requestBody": _json_body("One statement.", _STATEMENT),
    },
)
async def put_statement(request: Request, client: CurrentClient) -> Response:
    given = _query_params(request, ("statementId",)).get("statementId")
    if given is None:
        raise bad_request("PUT needs ?statementId=<UUID>; to let the server choose the id, POST instead.")
    try:
        statement_id = check_uuid(given).lower()
    except ValueError as error:
        raise bad_request(f"statementId: {error}.") from None
    body = await _json_bytes(request)  # read first, as in post_statements
    with _write_gate(request).admit():
        statement = parse_one_statement(body)
        if "id" in statement and statement["id"].lower() != statement_id:
            raise bad_request(f"The statement's id {statement['id']} differs from statementId {given}.")
        await run_in_threadpool(_repository(request).store, [{**statement, "id": statement_id}], client)
    return Response(status_code=204)


@router.get(
    "/statements",
    summary="One statement by id, or a page of statements by filters, newest first",
    responses={
        200: _answer(
            'A statement, or {"statements": [...], "more": "<link or empty>"}.',
            {"oneOf": [_STATEMENT, _STATEMENT_RESULT]},
        ),
        **errors(400, 401, 404, 413, 503),
    },
    openapi_extra={
        "parameters": [_VERSION_HEADER]
        + [
            {"name": name, "in": "query", "schema": _QUERY_SCHEMAS.get(name, {"type": "string"}), "description": text}
            for name, text in _QUERY_DOCS.items()
        ]
    },
)
def get_statements(request: Request, client: CurrentClient) -> Response:
    query = parse_query(list(request.query_params.multi_items()))
    repository = _repository(request)
    if isinstance(query, SingleQuery):
        document = repository.get(query, client.centre)
        if document is None:
            which = "voided statement" if query.voided else "statement"
            raise ApiError(404, f"No {which} {query.statement_id} is stored for this centre.")
        return Response(document, media_type="application/json")
    consistent_through = repository.consistent_through(client.centre)  # before reading: see its docstring
    page = repository.find(query, client.centre)
    more = ""
    if page.next is not None:
        more = f"{request.scope.get('root_path', '')}/xapi/statements?cursor={encode_cursor(query, page.next)}"
    body = '{"statements":[' + ",".join(page.documents) + '],"more":' + json.dumps(more) + "}"
    return Response(
        body, media_type="application/json", headers={"X-Experience-API-Consistent-Through": consistent_through}
    )
