"""Enrolling a kiosk with its centre: a one-time code from staff is exchanged for a device
token, kept in the kiosk's settings with the centre's address (app/sync/link.py). The token
is the kiosk's only secret; the centre keeps just its hash and can revoke it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

from app.core.xapi import is_ids_key
from app.sync.delivery import TIMEOUT_S


class EnrolError(RuntimeError):
    """Enrolment failed; the message says why in words staff can act on. `status` is the
    centre's HTTP status (409 used, 410 expired, 404 unknown), None if it could not be reached."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Enrolment:
    kiosk_id: str
    centre: str
    token: str
    ids_key: str = ""  # the centre's key for statement ids; "" from a centre too old to give one


def enrol(
    url: str,
    code: str,
    name: str,
    accounts: Sequence[Mapping[str, str]] = (),
    *,
    client: httpx.Client | None = None,
) -> Enrolment:
    """Trade the code for a token; the kiosk's staff and tutor accounts (id, name, role and
    scrypt hash, never a PIN) go with it, so its staff can sign in to the centre: the code is
    what lets them in, where a kiosk's token alone never could."""
    owned = client is None
    client = client or httpx.Client(timeout=TIMEOUT_S)
    body = {"code": code.strip(), "name": name, "accounts": [dict(account) for account in accounts]}
    try:
        response = client.post(f"{url.rstrip('/')}/api/v1/kiosks/enrol", json=body)
    except httpx.TransportError as exc:
        raise EnrolError(f"cannot reach the centre at {url}: {exc}") from exc
    finally:
        if owned:
            client.close()
    if response.status_code != 201:
        try:
            message = response.json().get("error", response.text)
        except ValueError:
            message = response.text
        raise EnrolError(f"the centre refused the code ({response.status_code}): {message}", response.status_code)
    body = response.json()
    ids_key = body.get("ids_key")
    return Enrolment(
        kiosk_id=body["kiosk_id"],
        centre=body["centre"],
        token=body["token"],
        ids_key=ids_key if isinstance(ids_key, str) and is_ids_key(ids_key) else "",
    )
