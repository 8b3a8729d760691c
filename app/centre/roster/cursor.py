"""Paging a feed by the centre's own clock. Keyset paging on (changed, key) is exact within a
pull; the last page's cursor steps back OVERLAP so a row whose transaction committed a little
after a later row's (it took its `changed` earlier) is still seen next time. Rows seen twice
are harmless: a kiosk's merge of a row is idempotent."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.centre.errors import bad_request
from app.centre.roster.fields import FIRST_YEAR, LAST_YEAR, OBJECT_ID

OVERLAP = timedelta(minutes=2)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    changed: datetime
    key: str

    def encode(self) -> str:
        raw = json.dumps([self.changed.isoformat(), self.key]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def start(cls) -> Cursor:
        return cls(EPOCH, "")

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        if not text:
            return cls.start()
        try:
            changed, key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            moment = datetime.fromisoformat(changed)
            if moment.tzinfo is None or not isinstance(key, str) or not (key == "" or OBJECT_ID.fullmatch(key)):
                raise ValueError(text)
            if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # shifting year 1 or 9999 to UTC overflows
                raise ValueError(text)
            return cls(moment.astimezone(UTC), key)
        except (ValueError, TypeError, RecursionError, UnicodeDecodeError):  # JSONDecodeError is a ValueError
            raise bad_request(
                "The cursor is not one this centre gave; leave it out to start from the beginning."
            ) from None

    def stepped_back(self) -> Cursor:
        """The cursor a finished pull ends on; its empty key marks it as already stepped back."""
        return Cursor(max(EPOCH, self.changed - OVERLAP), "")


def next_cursor(after: Cursor, keys: list[tuple[datetime, str]], limit: int) -> tuple[Cursor, bool]:
    """Where the next page starts, and whether it follows at once (this page was full)."""
    if len(keys) == limit:
        return Cursor(*keys[-1]), True
    if keys:
        return Cursor(*keys[-1]).stepped_back(), False
    return (after if after.key == "" else after.stepped_back()), False
