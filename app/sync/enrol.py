"""Enrolling a kiosk with its centre: a one-time code from staff is exchanged for a device
token, kept in the kiosk's settings with the centre's address. The token is the kiosk's only
secret; the centre keeps just its hash and can revoke it."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app.store.options import CENTRE_HOME, CENTRE_KEY, CENTRE_KIOSK_ID, CENTRE_SECRET, CENTRE_TOKEN, CENTRE_URL
from app.store.settings import SettingsRepository
from app.sync.delivery import TIMEOUT_S
from app.sync.link import CentreLink


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


def centre_home(url: str, centre: str) -> str:
    """The account home page that names this centre's learners in statements."""
    return f"{url.rstrip('/')}/centres/{centre}"


def enrol(url: str, code: str, name: str, *, client: httpx.Client | None = None) -> Enrolment:
    owned = client is None
    client = client or httpx.Client(timeout=TIMEOUT_S)
    try:
        response = client.post(f"{url.rstrip('/')}/api/v1/kiosks/enrol", json={"code": code.strip(), "name": name})
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
    return Enrolment(kiosk_id=body["kiosk_id"], centre=body["centre"], token=body["token"])


def remember(settings: SettingsRepository, url: str, enrolment: Enrolment) -> None:
    """Keep what the kiosk needs to send records; learners enrolled from now on belong to
    this centre."""
    settings.set(CENTRE_URL, url.rstrip("/"))
    settings.set(CENTRE_TOKEN, enrolment.token)
    settings.set(CENTRE_KIOSK_ID, enrolment.kiosk_id)
    settings.set(CENTRE_HOME, centre_home(url, enrolment.centre))


def enrolled_centre(settings: SettingsRepository) -> tuple[str, str] | None:
    """The centre's address and id this kiosk was enrolled with, or None if it was not."""
    url, home = settings.get(CENTRE_URL), settings.get(CENTRE_HOME)
    if not (url and home and settings.get(CENTRE_TOKEN)):
        return None
    prefix = centre_home(url, "")
    return url, (home[len(prefix) :] if home.startswith(prefix) else home)


def centre_link(settings: SettingsRepository) -> CentreLink | None:
    """How to reach the centre, if this kiosk has been enrolled (or given an xAPI key)."""
    url = settings.get(CENTRE_URL)
    token = settings.get(CENTRE_TOKEN)
    key, secret = settings.get(CENTRE_KEY), settings.get(CENTRE_SECRET)
    if url and token:
        return CentreLink(url, token=token)
    if url and key and secret:
        return CentreLink(url, key, secret)
    return None
