"""Who is calling the xAPI: HTTP Basic with the key and secret printed by `silversteps centre
key`, or `Authorization: Bearer <token>` with the device token an enrolled kiosk received. The
answer is the calling Client, whose centre decides which statements the request may see and write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

from app.centre.credentials import Client
from app.centre.errors import ApiError

REALM = "SilverSteps centre xAPI"
_CHALLENGE = {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}"'}
_TOKEN_REFUSED = {
    "WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}", error="invalid_token"'
}
_basic = HTTPBasic(auto_error=False, realm=REALM, description="Key and secret from `silversteps centre key`.")
_bearer = HTTPBearer(auto_error=False, description="Device token an enrolled kiosk got from /api/v1/kiosks/enrol.")


def authenticated(
    request: Request,
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Client:
    """The client behind the request, or 401 with a challenge. A plain function: FastAPI runs it
    in a worker thread, so the deliberately slow scrypt check never blocks the event loop."""
    if bearer is not None:
        try:
            return request.app.state.kiosk_tokens.verify(bearer.credentials.strip())
        except ApiError as refused:
            refused.headers = _TOKEN_REFUSED
            raise
    if credentials is None:
        raise ApiError(
            401,
            "Sign in with HTTP Basic using the key and secret printed by `silversteps centre key`, "
            "or with the Bearer token an enrolled kiosk received.",
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
