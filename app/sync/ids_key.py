"""The centre's key for statement ids, for a kiosk enrolled before centres gave one out: asked
for once, at the start of a sync round, and kept in the kiosk's settings. From then on the
kiosk names its records in the centre's namespace, like every other kiosk of the centre."""

from __future__ import annotations

import logging

import httpx

from app.core.xapi import is_ids_key
from app.store.options import CENTRE_IDS_KEY
from app.store.settings import SettingsRepository
from app.sync.centre_api import CentreApi
from app.sync.delivery import answer_text
from app.sync.link import CentreLink

log = logging.getLogger("silversteps.sync")


class IdsKeyExchange:
    def __init__(self, client: httpx.Client, link: CentreLink, settings: SettingsRepository) -> None:
        self._api = CentreApi(client, link)
        self._settings = settings

    def exchange(self) -> bool:
        """True when the key came just now (the kiosk's identity must be made again)."""
        if self._settings.get(CENTRE_IDS_KEY):
            return False
        response = self._api.call("GET", "/api/v1/statement-ids-key")
        key = response.json().get("ids_key") if response.status_code == 200 else None
        if not isinstance(key, str) or not is_ids_key(key):
            log.info("the centre gave no key for statement ids: %s", answer_text(response))  # an older centre
            return False
        self._settings.set(CENTRE_IDS_KEY, key)
        return True
