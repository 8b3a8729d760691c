"""Who is calling the xAPI: HTTP Basic with the key and secret printed by `silversteps centre
key`, or `Authorization: Bearer <token>` with the device token an enrolled kiosk received. The
answer is the calling Client, whose centre decides which statements the request may see and write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from app.centre.api.sign_in_pacing import SignInPacing
from app.centre.credentials import Client, CredentialVerifier
from app.centre.errors import ApiError

REALM = "SilverSteps centre xAPI"
_CHALLENGE = {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}"'}
_TOKEN_REFUSED = {
    "WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}", error="invalid_token"'
}
_basic = HTTPBasic(auto_error=False, realm=REALM, description="Key and secret from `silversteps centre key`.")
_bearer = HTTPBearer(auto_error=False, description="Device token an enrolled kiosk got from /api/v1/kiosks/enrol.")


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def authenticated(
    request: Request,
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Client:
    """The client behind the request, or 401 with a challenge. Failures from one address are
    paced (app.centre.api.sign_in_pacing); reads of the database run on worker threads and
    scrypt on the verifier's own, so the event loop never waits on either."""
    pacing: SignInPacing = request.app.state.sign_in_pacing
    address = _address(request)
    if bearer is not None:
        try:
            return await run_in_threadpool(request.app.state.kiosk_tokens.verify, bearer.credentials.strip())
        except ApiError as refused:
            refused.headers = _TOKEN_REFUSED
            await pacing.failed(address)
            raise
    if credentials is None:  # the first try of a client that waits for the challenge: not a failure
        raise ApiError(
            401,
            "Sign in with HTTP Basic using the key and secret printed by `silversteps centre key`, "
            "or with the Bearer token an enrolled kiosk received.",
            _CHALLENGE,
        )
    client = await _basic_client(request, credentials.username, credentials.password, pacing, address)
    if client is None:
        await pacing.failed(address)
        raise ApiError(
            401,
            "The key or secret is not right; check both, or make a new pair with `silversteps centre key`.",
            _CHALLENGE,
        )
    return client


async def _basic_client(request: Request, key: str, secret: str, pacing: SignInPacing, address: str) -> Client | None:
    verifier: CredentialVerifier = request.app.state.verifier
    if (client := verifier.remembered(key, secret)) is not None:
        return client
    stored = await run_in_threadpool(verifier.stored, key)
    if stored is None:
        return None
    if wait := pacing.refused_for(address):
        await pacing.failed(address)
        raise too_many_failures(wait)
    return await verifier.check(stored, secret)


def too_many_failures(wait_seconds: int) -> ApiError:
    return ApiError(
        429,
        f"Too many failed sign-ins from this address; try again in {wait_seconds} seconds.",
        {"Retry-After": str(wait_seconds)},
    )


CurrentClient = Annotated[Client, Depends(authenticated)]
