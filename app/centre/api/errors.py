"""Every error leaves the server as JSON `{"error": "..."}` with a sentence a person can act
on: refusals the code makes on purpose, FastAPI's own, an unreachable database, and bugs."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.centre.errors import ApiError

log = logging.getLogger("silversteps.centre")

_ERROR_TEXT = {
    400: "The request is not valid; the error says what to fix.",
    401: "Not signed in, or the key, secret or kiosk token is refused.",
    403: "The statement belongs to another centre.",
    404: "No such statement for this centre.",
    409: "A statement with this id is already stored with different content.",
    413: "The body is larger than the server accepts.",
    503: "The database is not available; try again after Retry-After seconds.",
}
ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for refusals: each is JSON {"error": "<what to do>"}."""
    return {
        code: {"description": _ERROR_TEXT[code], "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for code in codes
    }


def error_response(
    status_code: int, message: str, headers: dict[str, str] | None = None, details: dict[str, Any] | None = None
) -> JSONResponse:
    return JSONResponse({**(details or {}), "error": message}, status_code=status_code, headers=headers)


async def _refused(_request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status_code, error.message, error.headers, error.details)


async def _http(request: Request, error: HTTPException) -> JSONResponse:
    if error.status_code == 404:
        message = f"There is nothing at {request.url.path}; the xAPI statements are at /xapi/statements."
    elif error.status_code == 405:
        allowed = _allowed_methods(request)
        message = f"{request.method} is not allowed on {request.url.path}; use {', '.join(allowed)}."
        return error_response(405, message, {**(error.headers or {}), "Allow": ", ".join(allowed)})
    else:
        message = str(error.detail)
    return error_response(error.status_code, message, dict(error.headers or {}))


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path: FastAPI makes one route per method, and
    Starlette's own Allow header names only the first of them."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
    problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors()[:5])
    return error_response(400, f"The request is not valid: {problems}.")


async def _database_down(_request: Request, error: OperationalError | PoolTimeout) -> JSONResponse:
    """Unreachable, locked for too long, or every connection busy: try again, nothing was stored."""
    log.error("database error: %s", error)
    return error_response(
        503, "The centre database is not available right now; try again in a minute.", {"Retry-After": "30"}
    )


async def _bug(_request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(500, "Something went wrong inside the centre server; its log has the details.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _refused)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(PoolTimeout, _database_down)
    app.add_exception_handler(Exception, _bug)
