"""HTTP Basic on the xAPI: the key and secret printed by `silversteps centre key`. The answer
is the calling Client, whose centre decides which statements the request may see and write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from app.centre.credentials import Client
from app.centre.errors import ApiError

REALM = "SilverSteps centre xAPI"
_CHALLENGE = {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'}
_basic = HTTPBasic(auto_error=False, realm=REALM, description="Key and secret from `silversteps centre key`.")


def authenticated(request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)]) -> Client:
    """The client behind the request, or 401 with a challenge. A plain function: FastAPI runs it
    in a worker thread, so the deliberately slow scrypt check never blocks the event loop."""
    if credentials is None:
        raise ApiError(
            401,
            "Sign in with HTTP Basic using the key and secret printed by `silversteps centre key`.",
            _CHALLENGE,
        )
    client = request.app.state.verifier.verify(credentials.username, credentials.password)
    if client is None:
        raise ApiError(
            401,
            "The key or secret is not right; check both, or make a new pair with `silversteps centre key`.",
            _CHALLENGE,
        )
    return client


CurrentClient = Annotated[Client, Depends(authenticated)]
