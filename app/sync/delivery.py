"""How a batch of statements is delivered to an xAPI store and every answer is read, shared by
the kiosk's sync worker (kiosk to centre) and the centre's forwarder (centre to the city's
store), so both keep the same rules:

- 200/204: delivered.
- 400, 409, 413 for a batch: split it in halves until the statement at fault is found; that
  one is set aside with the store's words, the rest are delivered.
- 401/403: raise Refused; nothing more can go until a person acts.
- 429, 5xx, any other answer, a dropped connection: raise RetryLater (with Retry-After).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import httpx

from app.sync.worker import Refused, RetryLater, answer_text, retry_after_seconds

Item = TypeVar("Item")
SPLIT_STATUSES = (400, 409, 413)
REFUSED_STATUSES = (401, 403)


def deliver(
    batch: list[Item],
    post: Callable[[list[Item]], httpx.Response],
    delivered: Callable[[list[Item]], None],
    set_aside: Callable[[Item, str], None],
    *,
    store: str = "the centre",
) -> int:
    """Post `batch`; returns how many the store took. `delivered` is called for every part the
    store acknowledged and `set_aside` for a statement it refused on its own; `store` names
    the other end in the problems raised ("cannot reach the city's store: …")."""
    try:
        response = post(batch)
    except httpx.TransportError as exc:
        raise RetryLater(f"cannot reach {store}: {type(exc).__name__}: {exc}") from exc
    status = response.status_code
    if status in (200, 204):
        delivered(batch)
        return len(batch)
    if status in SPLIT_STATUSES:
        if len(batch) == 1:
            set_aside(batch[0], answer_text(response))
            return 0
        half = len(batch) // 2
        first = deliver(batch[:half], post, delivered, set_aside, store=store)
        return first + deliver(batch[half:], post, delivered, set_aside, store=store)
    if status in REFUSED_STATUSES:
        raise Refused(answer_text(response))
    retry = retry_after_seconds(response.headers.get("Retry-After"), date=response.headers.get("Date"))
    raise RetryLater(f"{store} is busy or failing: {answer_text(response)}", retry)
