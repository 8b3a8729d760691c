"""GET /healthz for load balancers and service monitors: does the database answer, and can it
be written? A database that reads but cannot write (a read-only file or mount, a standby)
would take no kiosk's records while looking healthy."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

router = APIRouter(tags=["health"])


_HEALTH = {
    "type": "object",
    "required": ["ok", "db"],
    "properties": {"ok": {"type": "boolean"}, "db": {"type": "string"}, "error": {"type": "string"}},
}


@router.get(
    "/healthz",
    summary="Is the server up, and its database reachable and writable?",
    responses={
        200: {"description": "Up, and the database answers.", "content": {"application/json": {"schema": _HEALTH}}},
        503: {
            "description": "The database does not answer, or cannot be written.",
            "content": {"application/json": {"schema": _HEALTH}},
        },
    },
)
def healthz(request: Request) -> JSONResponse:
    engine = request.app.state.engine
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        return _unwell(engine.dialect.name, f"the database does not answer ({type(error).__name__})")
    try:
        with engine.connect() as connection:
            read_only = _read_only(connection)
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        return _unwell(engine.dialect.name, f"the database cannot be written ({type(error).__name__}: {reason})")
    if read_only:
        return _unwell(engine.dialect.name, "the database is read-only")
    return JSONResponse({"ok": True, "db": engine.dialect.name})


def _read_only(connection: Connection) -> bool:
    """PostgreSQL says so itself (a standby, default_transaction_read_only). SQLite is asked
    to write: its user_version set to the number it holds, a write that changes nothing,
    refused where the file or its folder cannot be written."""
    if connection.dialect.name == "sqlite":
        version = int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        connection.exec_driver_sql(f"PRAGMA user_version = {version}")
        return False
    return connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"


def _unwell(db: str, error: str) -> JSONResponse:
    return JSONResponse({"ok": False, "db": db, "error": error}, status_code=503)
