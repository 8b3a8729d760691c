"""Two ASGI middlewares that act before any route: the request body limit (413) and the xAPI
version header (required on requests, sent on every response). Both read a refused request's
body to the end before answering, so the client sees the JSON error instead of a reset
connection."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.centre.api.errors import error_response

XAPI_VERSION = "1.0.3"
XAPI_PREFIX = "/xapi"
ABOUT_PATH = "/xapi/about"
STATEMENTS_PATH = "/xapi/statements"
_ACCEPTED_VERSION = re.compile(r"^1\.0(\.\d+)?$")
DRAIN_LIMIT = 64 * 1024 * 1024  # past this a refused upload is cut off rather than read


async def drain(receive: Receive, already: int = 0) -> None:
    """Read and drop what is left of the request body (up to DRAIN_LIMIT bytes)."""
    received = already
    while received <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
        received += len(message.get("body", b""))


class BodyLimitMiddleware:
    """Refuses a body over `max_bytes` with 413; otherwise hands the whole body to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, already: int) -> None:
        if Headers(scope=scope).get("expect", "").lower() != "100-continue":
            await drain(receive, already)
        message = (
            f"The request body is larger than this server accepts ({self.max_bytes} bytes); "
            "send fewer statements at a time."
        )
        await error_response(413, message)(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, 0)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before sending its body
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send, size)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive() that gives the already-read body once, then waits for the disconnect as usual."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def version_problem(value: str | None) -> str | None:
    if value is None:
        return f"Send the header X-Experience-API-Version: {XAPI_VERSION} with every xAPI request."
    if not _ACCEPTED_VERSION.match(value.strip()):
        return f"X-Experience-API-Version {value!r} is not supported: this server speaks 1.0.x; send {XAPI_VERSION}."
    return None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class XapiVersionMiddleware:
    """On /xapi: refuse requests without a 1.0.x version header (except /xapi/about, which a
    client reads to learn the version) and label every response with the version we speak."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == XAPI_PREFIX or path.startswith(XAPI_PREFIX + "/")):
            await self.app(scope, receive, send)
            return

        async def send_labelled(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Experience-API-Version"] = XAPI_VERSION
                if path == STATEMENTS_PATH and "X-Experience-API-Consistent-Through" not in headers:
                    headers["X-Experience-API-Consistent-Through"] = now_text()  # GET sets a truer one
            await send(message)

        problem = None if path == ABOUT_PATH else version_problem(Headers(scope=scope).get("x-experience-api-version"))
        if problem:
            await drain(receive)
            await error_response(400, problem)(scope, receive, send_labelled)
            return
        await self.app(scope, receive, send_labelled)
