"""Helpers for the staff sign-in tests: accounts as a kiosk keeps them (a scrypt hash, never
the PIN), a kiosk enrolled with them, and a staff member signing in at it."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from app.core.secret_hash import hash_secret
from tests.centre.support import Bearer, Centre, make_enrol_code

STAFF_PIN = "246810"
TUTOR_PASSWORD = "blue-heron-7"


def account(name: str, role: str, secret: str) -> dict[str, str]:
    """An account as the kiosk sends it at enrolment: id, name, role and the kiosk's scrypt hash."""
    return {"id": str(uuid.uuid4()), "name": name, "role": role, "secret_hash": hash_secret(secret)}


def enrol_with(centre: Centre, centre_id: str, name: str, accounts: list[dict[str, str]]) -> dict[str, str]:
    code = make_enrol_code(centre.db, centre_id)
    body = {"code": code, "name": name, "accounts": accounts}
    response = httpx.post(f"{centre.url}/api/v1/kiosks/enrol", json=body, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()


def sign_in(centre: Centre, credential: str, account_id: str, secret: str) -> httpx.Response:
    """POST /api/v1/staff/sign-in with a kiosk's token (or another bearer, to see it refused)."""
    return httpx.post(
        f"{centre.url}/api/v1/staff/sign-in",
        json={"account_id": account_id, "secret": secret},
        auth=Bearer(credential),
        timeout=30,
    )


def token_of(response: httpx.Response) -> str:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body["token"]


def as_bearer(centre: Centre, token: str) -> httpx.Client:
    return httpx.Client(base_url=centre.url, auth=Bearer(token), timeout=30)
