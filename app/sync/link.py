"""How the kiosk reaches its centre and proves who it is, as kept in its settings. No HTTP
here: deciding whether there is a centre at all costs a kiosk without one nothing."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Protocol

from app.core.xapi import XAPI_VERSION
from app.store.options import (
    CENTRE_HOME,
    CENTRE_IDS_KEY,
    CENTRE_KEY,
    CENTRE_KIOSK_ID,
    CENTRE_SECRET,
    CENTRE_TOKEN,
    CENTRE_URL,
)
from app.store.settings import SettingsRepository


@dataclass(frozen=True)
class CentreLink:
    """Where the centre is and how this kiosk proves who it is: the device token it got at
    enrolment, or an xAPI key and secret made with `silversteps centre key`."""

    url: str
    key: str = ""
    secret: str = ""
    token: str = ""

    def headers(self) -> dict[str, str]:
        if self.token:
            authorization = f"Bearer {self.token}"
        else:
            authorization = "Basic " + base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        return {"Authorization": authorization, "X-Experience-API-Version": XAPI_VERSION}


class Enrolled(Protocol):
    """What enrolment gave the kiosk (app.sync.enrol.Enrolment)."""

    kiosk_id: str
    centre: str
    token: str
    ids_key: str  # "" from a centre too old to give one


def centre_home(url: str, centre: str) -> str:
    """The account home page that names this centre's learners in statements."""
    return f"{url.rstrip('/')}/centres/{centre}"


def remember(settings: SettingsRepository, url: str, enrolment: Enrolled) -> None:
    """Keep what the kiosk needs to send records; learners enrolled from now on belong to
    this centre."""
    settings.set(CENTRE_URL, url.rstrip("/"))
    settings.set(CENTRE_TOKEN, enrolment.token)
    settings.set(CENTRE_KIOSK_ID, enrolment.kiosk_id)
    settings.set(CENTRE_HOME, centre_home(url, enrolment.centre))
    settings.set(CENTRE_IDS_KEY, enrolment.ids_key or None)  # a new centre: never the old one's key


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
