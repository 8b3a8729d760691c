"""The comparable form of a statement. A kiosk that resends a statement after a lost reply must
get "no change", not 409, even if its JSON library orders keys differently or writes the same
instant another way; so the comparison ignores what the server sets (stored, authority,
version), key order, the case of UUIDs, 1 against 1.0, and the spelling of a timestamp."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.centre.xapi.schema import parse_timestamp

SERVER_SET = ("stored", "authority", "version")


def normalise_timestamp(value: str) -> str:
    """The same instant always written the same way: UTC, microseconds, Z."""
    return parse_timestamp(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _numbers(value: Any) -> Any:
    """JSON has one number type: 1 and 1.0 are the same value."""
    if isinstance(value, dict):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _lower(document: dict[str, Any], key: str) -> None:
    if isinstance(document.get(key), str):
        document[key] = document[key].lower()


def _normalise_body(body: dict[str, Any]) -> None:
    """Timestamps and UUIDs at the places the specification defines them (not inside extensions)."""
    if isinstance(body.get("timestamp"), str):
        body["timestamp"] = normalise_timestamp(body["timestamp"])
    target = body.get("object")
    if isinstance(target, dict):
        if target.get("objectType") == "StatementRef":
            _lower(target, "id")
        elif target.get("objectType") == "SubStatement":
            _normalise_body(target)
    context = body.get("context")
    if isinstance(context, dict):
        _lower(context, "registration")
        if isinstance(context.get("statement"), dict):
            _lower(context["statement"], "id")


def canonical_form(statement: dict[str, Any]) -> str:
    """A checked statement (with its id) as compact JSON with sorted keys."""
    body = _numbers({key: value for key, value in statement.items() if key not in SERVER_SET})
    _lower(body, "id")
    _normalise_body(body)
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(statement: dict[str, Any]) -> str:
    """SHA-256 of the canonical form: what the database keeps to compare a resent statement."""
    return hashlib.sha256(canonical_form(statement).encode()).hexdigest()
