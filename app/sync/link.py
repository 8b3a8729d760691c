"""How the kiosk reaches its centre and proves who it is."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from app.core.xapi import XAPI_VERSION


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
