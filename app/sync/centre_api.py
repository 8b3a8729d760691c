"""Calls to the centre's /api/v1 besides the statements: one place that turns a network
failure or a busy centre into RetryLater, refused credentials into Refused, and reads the
centre's paged feeds (items, the cursor after them, whether more follow at once)."""

from __future__ import annotations

from typing import Any

import httpx

from app.store.options import Option
from app.store.settings import SettingsRepository
from app.sync.delivery import Refused, RetryLater, answer_text, retry_after_seconds
from app.sync.link import CentreLink

FEED_PAGE = 500


class CentreApi:
    def __init__(self, client: httpx.Client, link: CentreLink) -> None:
        self._client = client
        self._link = link

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(
                method, f"{self._link.url.rstrip('/')}{path}", headers=self._link.headers(), **kwargs
            )
        except httpx.TransportError as exc:
            raise RetryLater(f"cannot reach the centre: {type(exc).__name__}: {exc}") from exc
        if response.status_code == 401 or (response.status_code == 403 and method == "GET"):
            raise Refused(answer_text(response))
        if response.status_code == 429 or response.status_code >= 500:
            retry = retry_after_seconds(response.headers.get("Retry-After"), date=response.headers.get("Date"))
            raise RetryLater(f"the centre is busy or failing: {answer_text(response)}", retry)
        return response

    def pull(self, path: str, settings: SettingsRepository, cursor: Option[str | None], items: str) -> FeedPage:
        params: dict[str, Any] = {"limit": FEED_PAGE}
        if after := settings.get(cursor):
            params["after"] = after
        response = self.call("GET", path, params=params)
        if response.status_code != 200:
            raise RetryLater(f"the centre did not give the {items}: {answer_text(response)}")
        body = response.json()
        return FeedPage(body[items], body["next"], bool(body["more"]), settings, cursor)


class FeedPage:
    """One page of a feed. `keep()` moves the cursor on: call it only once the items are in."""

    def __init__(
        self,
        items: list[dict[str, Any]],
        cursor: str,
        more: bool,
        settings: SettingsRepository,
        option: Option[str | None],
    ) -> None:
        self.items = items
        self.more = more
        self._cursor = cursor
        self._settings = settings
        self._option = option

    def keep(self) -> None:
        self._settings.set(self._option, self._cursor)
