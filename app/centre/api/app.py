"""The centre's ASGI app: built from settings, with the database opened once per process and
closed at shutdown. `create_app_for_worker` is what each worker imports under --workers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import TypeAdapter
from sqlalchemy.orm import sessionmaker

from app.centre.api import (
    certificate_routes,
    health,
    kiosk_routes,
    roster_routes,
    session_routes,
    staff_routes,
    staff_sign_in_routes,
    xapi_routes,
)
from app.centre.api.errors import install_error_handlers
from app.centre.api.middleware import BodyLimitMiddleware, XapiVersionMiddleware
from app.centre.api.sign_in_pacing import SignInPacing
from app.centre.api.write_gate import WriteGate
from app.centre.collector import tune_for_serving
from app.centre.config import CentreSettings
from app.centre.credentials import CredentialVerifier
from app.centre.database import make_engine
from app.centre.forwarding.forwarder import Forwarder
from app.centre.kiosks import KioskTokenVerifier
from app.centre.roster.attempts import Attempts
from app.centre.roster.learners import Roster
from app.centre.roster.sessions import SharedSessions
from app.centre.staff_tokens import StaffTokenVerifier
from app.centre.xapi.repository import StatementRepository
from app.centre.xapi.schema import Statement

TITLE = "SilverSteps centre"


def _openapi_with_statement_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the Statement model, which the routes read by hand and so name only by $ref."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        statement = TypeAdapter(Statement).json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(statement.pop("$defs", {}))
        components["Statement"] = statement
        app.openapi_schema = schema
    return app.openapi_schema


def _answer_head_as_get(router: APIRouter) -> APIRouter:
    """xAPI: every resource that answers GET answers HEAD too (uvicorn then sends headers only).
    Idempotent, as the routers are module-level and an app may be built more than once."""
    routes = [route for route in router.routes if isinstance(route, APIRoute)]
    answered = {route.path for route in routes if "HEAD" in route.methods}
    for route in routes:
        if "GET" in route.methods and route.path not in answered:
            path = route.path.removeprefix(router.prefix)
            router.add_api_route(path, route.endpoint, methods=["HEAD"], include_in_schema=False)
    return router


SPARE_THREADS = 32  # for sign-in checks and reads beside the writes the gate lets wait


def create_app(settings: CentreSettings) -> FastAPI:
    """The app on an already migrated database (the serve command migrates before it starts)."""
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Writes waiting for their turn each hold a worker thread; sign-in checks (and reads)
        # need threads too, and with fewer threads than waiting writes they queued behind every
        # write: past the kiosk's time-out under a city's fleet.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(limiter.total_tokens, settings.max_writes_waiting + SPARE_THREADS)
        forwarder = Forwarder(engine)  # a thread per process: requests never wait on the city's store
        forwarder.start()
        yield
        await asyncio.to_thread(forwarder.stop)
        app.state.verifier.close()
        engine.dispose()

    app = FastAPI(
        title=TITLE,
        version="1.0",
        description="xAPI 1.0.3 Statements resource of a SilverSteps community learning centre, and kiosk enrolment.",
        lifespan=lifespan,
        # /openapi.json stays (the schema a client builds on); the pages that run requests from
        # a browser only where the operator asks for them (`centre serve --docs`)
        docs_url="/docs" if settings.docs else None,
        redoc_url="/redoc" if settings.docs else None,
    )
    app.state.engine = engine
    app.state.repository = StatementRepository(engine)
    app.state.write_gate = WriteGate(settings.max_writes_waiting)
    app.state.verifier = CredentialVerifier(sessionmaker(engine))
    app.state.kiosk_tokens = KioskTokenVerifier(sessionmaker(engine))
    app.state.staff_tokens = StaffTokenVerifier(sessionmaker(engine))
    app.state.sign_in_pacing = SignInPacing(settings.free_failed_sign_ins)
    app.state.roster = Roster(engine)
    app.state.attempts = Attempts(engine)
    app.state.sessions = SharedSessions(engine)
    install_error_handlers(app)
    app.include_router(_answer_head_as_get(xapi_routes.router))
    app.include_router(_answer_head_as_get(health.router))
    app.include_router(kiosk_routes.router)
    app.include_router(roster_routes.router)
    app.include_router(session_routes.router)
    app.include_router(certificate_routes.router)
    app.include_router(staff_routes.router)
    app.include_router(staff_sign_in_routes.router)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(XapiVersionMiddleware)  # outermost: its header is on the 413 too
    app.openapi = lambda: _openapi_with_statement_schema(app)  # type: ignore[method-assign]
    return app


def create_app_for_worker() -> FastAPI:
    """What each of `--workers N` processes serves: settings from the environment, and the
    garbage collector set for serving (see app.centre.collector)."""
    app = create_app(CentreSettings.from_environ())
    tune_for_serving()
    return app
