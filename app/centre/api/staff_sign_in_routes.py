"""Staff and tutors sign in to the centre at one of its kiosks: the kiosk's own credential, the
account's id and its PIN or password give a token for an hour (POST /api/v1/staff/sign-in),
ended at sign-out (POST /api/v1/staff/sign-out). With a staff token, the kiosk pushes its
accounts as staff add, change or remove them (PUT and DELETE /api/v1/staff/accounts/{id}).

Wrong secrets are paced like every failed sign-in and lock the account after five in a row;
scrypt runs on the credential verifier's one hashing thread, never on the event loop."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from app.centre.api.auth import CurrentClient
from app.centre.api.json_body import read_json
from app.centre.api.roster_routes import EVERY_CALL, object_id, refusals
from app.centre.api.sign_in_pacing import SignInPacing, address_of
from app.centre.credentials import Client, CredentialVerifier
from app.centre.errors import ApiError, bad_request
from app.centre.kiosks import KIOSK_KEY_PREFIX
from app.centre.scopes import show_scopes
from app.centre.staff_accounts import SHAPE as ACCOUNT_SHAPE
from app.centre.staff_accounts import account_from, keep_accounts, remove_account
from app.centre.staff_tokens import (
    STAFF_KEY_PREFIX,
    account_to_check,
    end_token,
    is_staff_token,
    issue_token,
    note_wrong,
)

router = APIRouter(prefix="/api/v1/staff", tags=["staff sign-in"], responses=EVERY_CALL)
SIGN_IN_SHAPE = 'Send JSON like {"account_id": "…", "secret": "the PIN or password"}'
LOCKED = "Too many wrong tries: this account is locked for {minutes} more minute(s); try again after that."


def _body(shape: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "description": shape}}},
        }
    }


def _locked(minutes: int) -> ApiError:
    return ApiError(
        423,
        LOCKED.format(minutes=minutes),
        {"Retry-After": str(minutes * 60)},
        {"reason": "locked", "minutes": minutes},
    )


@router.post(
    "/sign-in",
    status_code=201,
    summary="A staff member or tutor signs in at a kiosk of this centre; answers a token for an hour",
    responses={
        201: {"description": "{token, expires_at, scopes, account: {id, name, role}}"},
        **refusals(403),
        423: {"description": "Five wrong tries in a row: the account is locked; Retry-After says for how long."},
        429: {"description": "Too many failed sign-ins from this address; Retry-After says when to try again."},
    },
    openapi_extra=_body(SIGN_IN_SHAPE),
)
async def sign_in(request: Request, client: CurrentClient) -> dict[str, Any]:
    if client.key.startswith(STAFF_KEY_PREFIX):
        raise ApiError(403, "Sign in with the kiosk's own credential, not another staff member's token.")
    body = await read_json(request, f"{SIGN_IN_SHAPE}.")
    if (
        not isinstance(body, dict)
        or set(body) != {"account_id", "secret"}
        or not all(isinstance(value, str) for value in body.values())
    ):
        raise bad_request(f"{SIGN_IN_SHAPE}.")
    pacing: SignInPacing = request.app.state.sign_in_pacing
    address = address_of(request)
    await pacing.turn_away_if_over(address)
    engine = request.app.state.engine
    account = await run_in_threadpool(account_to_check, engine, client.centre, body["account_id"])
    if account is None:
        await pacing.failed(address)
        raise ApiError(
            401, "This centre has no such account; a staff member can add it.", details={"reason": "unknown"}
        )
    if account.minutes_locked:
        raise _locked(account.minutes_locked)
    verifier: CredentialVerifier = request.app.state.verifier
    if not await verifier.secret_matches(body["secret"], account.secret_hash):
        minutes, left = await run_in_threadpool(note_wrong, engine, client.centre, account)
        await pacing.failed(address)
        if minutes:
            raise _locked(minutes)
        raise ApiError(
            401,
            f"That PIN or password is not right; {left} tries left before the account locks for 5 minutes.",
            details={"reason": "wrong", "tries_left": left},
        )
    issued = await run_in_threadpool(issue_token, engine, client.centre, account, _kiosk_of(client))
    return {
        "token": issued.token,
        "expires_at": issued.expires_at.isoformat().replace("+00:00", "Z"),
        "scopes": show_scopes(issued.scopes),
        "account": {"id": account.id, "name": account.name, "role": account.role},
    }


def _kiosk_of(client: Client) -> str | None:
    return client.key.removeprefix(KIOSK_KEY_PREFIX) if client.key.startswith(KIOSK_KEY_PREFIX) else None


@router.post(
    "/sign-out",
    status_code=204,
    summary="End this staff token at once (the kiosk's sign-out or idle sign-out)",
    responses={204: {"description": "Signed out: the token is refused from now on."}},
)
async def sign_out(request: Request, client: CurrentClient) -> Response:
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    if not client.key.startswith(STAFF_KEY_PREFIX) or not is_staff_token(token):
        raise bad_request("Only a staff member's token signs out; a kiosk or key has nothing to end here.")
    await run_in_threadpool(end_token, request.app.state.engine, token)
    return Response(status_code=204)


@router.put(
    "/accounts/{account_id}",
    summary="Add or change a staff or tutor account of this centre (a staff member pushes it from a kiosk)",
    responses={200: {"description": "{id, name, role}"}},
    openapi_extra=_body('{"name": "王老师", "role": "staff", "secret_hash": "scrypt$16384$8$1$…"}'),
)
async def put_account(account_id: str, request: Request, client: CurrentClient) -> dict[str, Any]:
    body = await read_json(request, f"Send {ACCOUNT_SHAPE}.")
    if not isinstance(body, dict):
        raise bad_request(f"Send {ACCOUNT_SHAPE}.")
    try:
        account = account_from({**body, "id": account_id})
    except ValueError as problem:
        raise bad_request(f"{str(problem)[0].upper()}{str(problem)[1:]}.") from None
    await run_in_threadpool(_keep, request.app.state.engine, client.centre, account)
    return {"id": account.id, "name": account.name, "role": account.role}


def _keep(engine: Any, centre: str, account: Any) -> None:
    with engine.begin() as connection:
        keep_accounts(connection, centre, [account])


@router.delete(
    "/accounts/{account_id}",
    status_code=204,
    summary="Remove a staff or tutor account of this centre; its tokens end at once",
    responses={204: {"description": "Removed."}, **refusals(404)},
)
async def delete_account(account_id: str, request: Request, client: CurrentClient) -> Response:
    wanted = object_id(account_id, "account")
    if not await run_in_threadpool(_remove, request.app.state.engine, client.centre, wanted):
        raise ApiError(404, "This centre has no such account.")
    return Response(status_code=204)


def _remove(engine: Any, centre: str, account_id: str) -> bool:
    with engine.begin() as connection:
        return remove_account(connection, centre, account_id)
