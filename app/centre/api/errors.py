"""Every error leaves the server as JSON `{"error": "..."}` with a sentence a person can act
on: refusals the code makes on purpose, FastAPI's own, an unreachable database, and bugs."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from app.centre.errors import ApiError

log = logging.getLogger("silversteps.centre")


def error_response(status_code: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status_code, headers=headers)


async def _refused(_request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status_code, error.message, error.headers)


async def _http(request: Request, error: HTTPException) -> JSONResponse:
    if error.status_code == 404:
        message = f"There is nothing at {request.url.path}; the xAPI statements are at /xapi/statements."
    elif error.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}."
    else:
        message = str(error.detail)
    return error_response(error.status_code, message, dict(error.headers or {}))


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
