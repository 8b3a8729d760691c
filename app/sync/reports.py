"""What the staff console and `silversteps export` read from the centre: attendance and
completions of every kiosk, and the centre's kiosks; and revoking one of them."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from app.sync.centre_api import CentreApi
from app.sync.delivery import RetryLater, answer_text
from app.sync.link import CentreLink

REPORT_TIMEOUT_S = 60.0


def _get(link: CentreLink, path: str, what: str, **params: str) -> dict[str, Any]:
    with httpx.Client(timeout=REPORT_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("GET", path, params=params)
    if response.status_code != 200:
        raise RetryLater(f"the centre did not give the {what}: {answer_text(response)}")
    return response.json()


def fetch_attendance(link: CentreLink, first: date, last: date) -> list[dict[str, Any]]:
    """The centre's attendance rows; RetryLater or Refused say why there are none."""
    return _get(link, "/api/v1/attendance", "attendance", **{"from": first.isoformat(), "to": last.isoformat()})["rows"]


def fetch_completions(link: CentreLink, first: date, last: date) -> list[dict[str, Any]]:
    return _get(link, "/api/v1/completions", "completions", **{"from": first.isoformat(), "to": last.isoformat()})[
        "rows"
    ]


def fetch_kiosks(link: CentreLink) -> list[dict[str, Any]]:
    return _get(link, "/api/v1/kiosks", "kiosks")["kiosks"]


def revoke_at_centre(link: CentreLink, kiosk_id: str) -> dict[str, Any]:
    with httpx.Client(timeout=REPORT_TIMEOUT_S) as client:
        response = CentreApi(client, link).call("POST", f"/api/v1/kiosks/{kiosk_id}/revoke")
    if response.status_code != 200:
        raise RetryLater(f"the centre did not revoke the kiosk: {answer_text(response)}")
    return response.json()
