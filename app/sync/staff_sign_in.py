"""A staff member signs in to the centre from the kiosk: the kiosk's own credential, the
account's id and the PIN or password just checked here give a token for an hour, which the
staff console's centre work then uses; signing out ends it. A refusal keeps the centre's
`reason` (wrong, locked, unknown) and its numbers, so a screen can say it in its own language."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app.sync.delivery import TIMEOUT_S, RetryLater, answer_text, retry_after_seconds
from app.sync.link import CentreLink


@dataclass(frozen=True)
class StaffToken:
    token: str
    scopes: frozenset[str]


class SignInRefused(Exception):
    """The centre would not sign the account in: `reason` is "wrong", "locked", "unknown" or
    "refused" (the kiosk's own credential was), with the minutes locked for and the tries left."""

    def __init__(self, words: str, reason: str, minutes: int = 0, tries_left: int = 0) -> None:
        super().__init__(words)
        self.reason = reason
        self.minutes = minutes
        self.tries_left = tries_left


def sign_in_at_centre(link: CentreLink, account_id: str, secret: str) -> StaffToken:
    """The account's token; raises SignInRefused, or RetryLater for a centre away or busy."""
    body = {"account_id": account_id, "secret": secret}
    try:
        with httpx.Client(timeout=TIMEOUT_S) as client:
            response = client.post(f"{link.url.rstrip('/')}/api/v1/staff/sign-in", json=body, headers=link.headers())
    except httpx.TransportError as exc:
        raise RetryLater(f"cannot reach the centre: {type(exc).__name__}: {exc}") from exc
    if response.status_code == 201:
        answer = response.json()
        return StaffToken(answer["token"], frozenset(answer["scopes"].split()))
    if response.status_code in (401, 403, 423):
        raise _refusal(response)
    retry = retry_after_seconds(response.headers.get("Retry-After"), date=response.headers.get("Date"))
    raise RetryLater(f"the centre did not sign the account in: {answer_text(response)}", retry)


def _refusal(response: httpx.Response) -> SignInRefused:
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    reason = body.get("reason") if body.get("reason") in ("wrong", "locked", "unknown") else "refused"
    minutes, tries = body.get("minutes"), body.get("tries_left")
    return SignInRefused(
        answer_text(response),
        reason,
        minutes if isinstance(minutes, int) else 0,
        tries if isinstance(tries, int) else 0,
    )


def sign_out_at_centre(link: CentreLink, token: str) -> None:
    """End the token at the centre; best effort (it runs out within the hour anyway)."""
    try:
        with httpx.Client(timeout=TIMEOUT_S) as client:
            signed_in = CentreLink(link.url, token=token)
            client.post(f"{link.url.rstrip('/')}/api/v1/staff/sign-out", headers=signed_in.headers())
    except httpx.TransportError:
        pass
