"""A stored statement as the upstream store must receive it. Everything the learner's kiosk
sent travels unchanged, with the id and the timestamp and version this centre gave it, so
the upstream keeps the same statement under the same id. Only what a store sets for itself
is left out: `stored` (xAPI 1.0.3 Data 2.4.8: the receiving store sets its own) and
`authority` (2.4.9: it vouches with the credentials we send; ours names a kiosk the city's
store knows nothing of)."""

from __future__ import annotations

from typing import Any

SET_BY_THE_RECEIVING_STORE = ("stored", "authority")


def as_forwarded(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in SET_BY_THE_RECEIVING_STORE}
