"""How a batch of statements is delivered to an xAPI store and every answer is read, shared by
the kiosk's sync worker (kiosk to centre) and the centre's forwarder (centre to the city's
store), so both keep the same rules:

- 200/204: delivered.
- 400, 403, 409, 413 for a batch: split it in halves until the statement at fault is found;
  that one is set aside with the store's words, the rest are delivered.
- a refused credential: raise Refused; nothing more can go until a person acts. Which answers
  say so is the caller's to know (`refused`): 401 and 403 from a store we do not run, only
  401 from a SilverSteps centre, whose 403 means "this statement is another centre's".
- 429, 5xx, any other answer, a dropped connection: raise RetryLater (with Retry-After), and
  try again after an exponential back-off with jitter, never sooner than Retry-After.

Every caller that talks to a store or the centre's API reads answers with these rules; this
module imports no other module of the kiosk or the centre, so both can build on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx

TIMEOUT_S = 15.0  # a store that has not answered by then is treated as away
BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 300.0


class RetryLater(Exception):
    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class Refused(Exception):
    """The other end (the centre, or the city's store) takes nothing more until a person acts:
    its credentials were refused."""


def _http_date(text: str | None) -> datetime | None:
    try:
        moment = parsedate_to_datetime(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # "-0000": UTC, zone unknown


def retry_after_seconds(value: str | None, now: datetime | None = None, *, date: str | None = None) -> float | None:
    """Retry-After as seconds or an HTTP date; None if absent or unreadable. A date is measured
    from `date`, the Date header of the same answer, when it has one: the server's clock, not
    the kiosk's, which may be hours off (and then would wait hours, or not at all)."""
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # isdigit alone takes "²", which float() refuses
        return float(text)
    moment = _http_date(text)
    if moment is None:
        return None
    return max(0.0, (moment - (_http_date(date) or now or datetime.now(UTC))).total_seconds())


def backoff_delay(failures: int, retry_after: float | None, rand: Callable[[], float] = random.random) -> float:
    """Exponential back-off with jitter (so a centre coming back is not hit by every kiosk at
    once), never shorter than the centre asked."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(failures - 1, 0))
    delay = ceiling * (0.5 + 0.5 * rand())
    return max(delay, retry_after or 0.0)


def answer_text(response: httpx.Response) -> str:
    """The centre's answer in a line: status and its own words."""
    try:
        body = response.json()
        text = body.get("error") or body.get("detail") or response.text
    except ValueError:
        text = response.text
    return f"{response.status_code}: {str(text)[:300]}"


Item = TypeVar("Item")
SPLIT_STATUSES = (400, 403, 409, 413)
REFUSED_STATUSES = (401, 403)  # any xAPI store: its 403 may well be about the credential
CENTRE_REFUSED_STATUSES = (401,)  # a SilverSteps centre: 401 for a credential, 403 for a statement


def deliver(
    batch: list[Item],
    post: Callable[[list[Item]], httpx.Response],
    delivered: Callable[[list[Item]], None],
    set_aside: Callable[[Item, str], None],
    *,
    store: str = "the centre",
    refused: tuple[int, ...] = REFUSED_STATUSES,
) -> int:
    """Post `batch`; returns how many the store took. `delivered` is called for every part the
    store acknowledged and `set_aside` for a statement it refused on its own; `store` names
    the other end in the problems raised ("cannot reach the city's store: …"); `refused` are
    the answers that mean the credential itself is refused."""
    try:
        response = post(batch)
    except httpx.TransportError as exc:
        raise RetryLater(f"cannot reach {store}: {type(exc).__name__}: {exc}") from exc
    status = response.status_code
    if status in (200, 204):
        delivered(batch)
        return len(batch)
    if status in refused:
        raise Refused(answer_text(response))
    if status in SPLIT_STATUSES:
        if len(batch) == 1:
            set_aside(batch[0], answer_text(response))
            return 0
        half = len(batch) // 2
        first = deliver(batch[:half], post, delivered, set_aside, store=store, refused=refused)
        return first + deliver(batch[half:], post, delivered, set_aside, store=store, refused=refused)
    retry = retry_after_seconds(response.headers.get("Retry-After"), date=response.headers.get("Date"))
    raise RetryLater(f"{store} is busy or failing: {answer_text(response)}", retry)
