"""GET /healthz for load balancers and service monitors: is the database answering?"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

router = APIRouter(tags=["health"])


_HEALTH = {
    "type": "object",
    "required": ["ok", "db"],
    "properties": {"ok": {"type": "boolean"}, "db": {"type": "string"}, "error": {"type": "string"}},
}


@router.get(
    "/healthz",
    summary="Is the server up and its database reachable?",
    responses={
        200: {"description": "Up, and the database answers.", "content": {"application/json": {"schema": _HEALTH}}},
        503: {"description": "The database does not answer.", "content": {"application/json": {"schema": _HEALTH}}},
    },
)
def healthz(request: Request) -> JSONResponse:
    engine = request.app.state.engine
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        return JSONResponse(
            {"ok": False, "db": engine.dialect.name, "error": f"the database does not answer ({type(error).__name__})"},
            status_code=503,
        )
    return JSONResponse({"ok": True, "db": engine.dialect.name})
