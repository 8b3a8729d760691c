"""The comparable form of a statement. A kiosk that resends a statement after a lost reply must
get "no change", not 409, even if its JSON library orders keys differently or writes the same
instant another way; so the comparison ignores what the server sets (stored, authority,
version, and the timestamp it gave a statement sent without one), key order, the case of
UUIDs, 1 against 1.0, and the spelling of a timestamp.

The comparison is made only when a statement's id is already taken, against the document as
stored: working out a comparable form for every statement stored, in case one is resent some
day, was a tenth of the centre's CPU per statement (bench/bench_ingest.py)."""

from __future__ import annotations

import hashlib
from typing import Any

from app.centre.xapi.fast_json import dumps_sorted
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


def _normalised_body(body: dict[str, Any]) -> dict[str, Any]:
    """Timestamps and UUIDs at the places the specification defines them (not inside extensions),
    in copies of the objects changed; everything else is shared with the statement."""
    body = dict(body)
    if isinstance(body.get("timestamp"), str):
        body["timestamp"] = normalise_timestamp(body["timestamp"])
    target = body.get("object")
    if isinstance(target, dict):
        if target.get("objectType") == "StatementRef":
            body["object"] = target = dict(target)
            _lower(target, "id")
        elif target.get("objectType") == "SubStatement":
            body["object"] = _normalised_body(target)
    context = body.get("context")
    if isinstance(context, dict):
        body["context"] = context = dict(context)
        _lower(context, "registration")
        if isinstance(context.get("statement"), dict):
            context["statement"] = dict(context["statement"])
            _lower(context["statement"], "id")
    return body


def _may_hold_a_whole_float(text: str) -> bool:
    """Whether Python may have written a whole number as a float: 2.0, or any exponent (1e+16).
    Most statements hold none, and are written once instead of copied by _numbers first.
    (Substring tests, not a regular expression: a fifth of the time.)"""
    return "e+" in text or ".0," in text or ".0]" in text or ".0}" in text


def canonical_form(statement: dict[str, Any]) -> str:
    """A checked statement (with its id) as compact JSON with sorted keys."""
    body = _normalised_body({key: value for key, value in statement.items() if key not in SERVER_SET})
    _lower(body, "id")
    text = dumps_sorted(body)
    return dumps_sorted(_numbers(body)) if _may_hold_a_whole_float(text) else text


def same_statement(sent: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether `sent` (a checked statement with its id) is the statement `stored` (a stored
    document) again. A stored timestamp equal to its `stored` is the server's, given to a
    statement sent without one; it counts only if the statement is now sent with one."""
    if "timestamp" not in sent and stored.get("timestamp") == stored.get("stored"):
        stored = {key: value for key, value in stored.items() if key != "timestamp"}
    return canonical_form(sent) == canonical_form(stored)


def fingerprint(statement: dict[str, Any]) -> str:
    """SHA-256 of the canonical form (what centre databases before migration 0008 kept)."""
    return hashlib.sha256(canonical_form(statement).encode()).hexdigest()
