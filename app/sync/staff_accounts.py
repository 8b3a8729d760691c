"""Telling the centre of a staff or tutor account staff added or removed on the kiosk, with the
signed-in staff member's token (a kiosk's own token may not): its id, name, role and scrypt
hash, never a PIN. A removed account's sign-ins at the centre end at once."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from app.sync.centre_api import CentreApi
from app.sync.delivery import TIMEOUT_S, RetryLater, answer_text
from app.sync.link import CentreLink


def push_account(link: CentreLink, account: Mapping[str, str]) -> None:
    """Add or change the account at the centre; RetryLater or Refused say why it was not."""
    body = {name: account[name] for name in ("name", "role", "secret_hash")}
    with httpx.Client(timeout=TIMEOUT_S) as client:
        response = CentreApi(client, link).call("PUT", f"/api/v1/staff/accounts/{account['id']}", json=body)
    if response.status_code != 200:
        raise RetryLater(f"the centre did not take the account: {answer_text(response)}")


def remove_account(link: CentreLink, account_id: str) -> None:
    """Remove the account at the centre (one it never had is no problem)."""
    with httpx.Client(timeout=TIMEOUT_S) as client:
        response = CentreApi(client, link).call("DELETE", f"/api/v1/staff/accounts/{account_id}")
    if response.status_code not in (204, 404):
        raise RetryLater(f"the centre did not remove the account: {answer_text(response)}")
