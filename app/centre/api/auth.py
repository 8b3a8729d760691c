"""Who is calling: HTTP Basic with the key and secret printed by `silversteps centre key`, or
`Authorization: Bearer <token>` with the device token an enrolled kiosk received or the
short-lived token a staff member or tutor signed in for (it starts with `staff.`, so one
indexed read of one table tells which). The answer is the calling Client, whose centre decides
which records the request may see and write, and whose scopes which routes it may call."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from app.centre.api.route_needs import route_need
from app.centre.api.sign_in_pacing import SignInPacing, address_of
from app.centre.credentials import Client, CredentialVerifier
from app.centre.errors import ApiError
from app.centre.kiosks import KIOSK_KEY_PREFIX
from app.centre.scopes import grants, show_scopes
from app.centre.staff_tokens import STAFF_KEY_PREFIX, is_staff_token

REALM = "SilverSteps centre xAPI"
_CHALLENGE = {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}"'}
_TOKEN_REFUSED = {
    "WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8", Bearer realm="{REALM}", error="invalid_token"'
}
_basic = HTTPBasic(auto_error=False, realm=REALM, description="Key and secret from `silversteps centre key`.")
_bearer = HTTPBearer(
    auto_error=False,
    description="A kiosk's device token (/api/v1/kiosks/enrol) or a staff token (/api/v1/staff/sign-in).",
)


async def authenticated(
    request: Request,
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Client:
    """The client behind the request, or 401 with a challenge. Failures from one address are
    paced (app.centre.api.sign_in_pacing); reads of the database run on worker threads and
    scrypt on the verifier's own, so the event loop never waits on either."""
    pacing: SignInPacing = request.app.state.sign_in_pacing
    address = address_of(request)
    if bearer is not None:
        token = bearer.credentials.strip()
        tokens = request.app.state.staff_tokens if is_staff_token(token) else request.app.state.kiosk_tokens
        try:
            caller = await run_in_threadpool(tokens.verify, token)
        except ApiError as refused:
            refused.headers = _TOKEN_REFUSED
            await pacing.failed(address)
            raise
        return allowed(request, caller)
    if credentials is None:  # the first try of a client that waits for the challenge: not a failure
        raise ApiError(
            401,
            "Sign in with HTTP Basic using the key and secret printed by `silversteps centre key`, "
            "or with the Bearer token an enrolled kiosk received.",
            _CHALLENGE,
        )
    client = await _basic_client(request, credentials.username, credentials.password, pacing, address)
    return allowed(request, client)


async def _basic_client(request: Request, key: str, secret: str, pacing: SignInPacing, address: str) -> Client:
    verifier: CredentialVerifier = request.app.state.verifier
    stored = await run_in_threadpool(verifier.stored, key)
    client = None
    if stored is not None:
        if not verifier.seen_recently(key, secret):
            await pacing.turn_away_if_over(address)
        client = await verifier.check(stored, secret)
    if client is None:
        await pacing.failed(address)
        raise ApiError(
            401,
            "The key or secret is not right; check both, or make a new pair with `silversteps centre key`.",
            _CHALLENGE,
        )
    if stored is not None and stored.revoked_at is not None:  # said only to whoever has the secret
        raise ApiError(
            401,
            f"This key ({stored.client.name}) was revoked on {stored.revoked_at:%Y-%m-%d %H:%M} UTC; "
            "ask the centre's operator for a new one.",
            _CHALLENGE,
        )
    return client


def allowed(request: Request, client: Client) -> Client:
    """The client, if its scopes grant what this route needs (app.centre.api.route_needs)."""
    route = request.scope.get("route")
    need = route_need(request.method, getattr(route, "path", ""))
    if need is not None and grants(client.scopes, need, request.method):
        return client
    if client.key.startswith(KIOSK_KEY_PREFIX):
        raise ApiError(
            403,
            "A kiosk may not do this: it needs a staff member's credential. Sign in as staff at the kiosk.",
            details={"needs": need or "none"},
        )
    if client.key.startswith(STAFF_KEY_PREFIX):
        raise ApiError(
            403,
            f"This sign-in may not do this: it needs the scope {need or 'none'}, and a "
            f"{'tutor' if need == 'staff' else 'staff member'}'s sign-in has {show_scopes(client.scopes)}.",
            details={"needs": need or "none"},
        )
    raise ApiError(
        403,
        f"This key may not do this: it needs the scope {need or 'none'}, and the key has "
        f"{show_scopes(client.scopes)}. Ask the centre's operator for a key made with "
        f"`silversteps centre key --scope {need or 'all'}`.",
    )


CurrentClient = Annotated[Client, Depends(authenticated)]
