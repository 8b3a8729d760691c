"""The query string of GET /xapi/statements, checked before anything is read: an unknown or
repeated parameter is a 400 (xAPI asks for that, and it catches typos such as `verbs=`). A
`more` link carries the query and the last position in one opaque `cursor` parameter."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from app.centre.errors import bad_request
from app.centre.xapi.index import agent_key, digest
from app.centre.xapi.schema import Actor, check_iri, check_uuid, parse_timestamp
from app.centre.xapi.validation import describe_errors, strict_loads

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
FORMATS = ("exact", "ids", "canonical")
SINGLE = ("statementId", "voidedStatementId")
FILTERS = (
    "agent",
    "verb",
    "activity",
    "registration",
    "related_agents",
    "related_activities",
    "since",
    "until",
    "limit",
    "ascending",
)
SHARED = ("format", "attachments")
CURSOR = "cursor"
KNOWN = (*SINGLE, *FILTERS, *SHARED, CURSOR)

_ACTOR = TypeAdapter(Actor)


@dataclass(frozen=True)
class SingleQuery:
    """GET one statement by statementId, or a voided one by voidedStatementId."""

    statement_id: str
    voided: bool
    format: str


@dataclass(frozen=True)
class Position:
    """The last statement of a page: where the next page starts."""

    stored: datetime
    seq: int


@dataclass(frozen=True)
class StatementQuery:
    """GET with filters. Agent, verb and activity are kept as the index's digests."""

    params: dict[str, str]
    agent: str | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_agents: bool = False
    related_activities: bool = False
    since: datetime | None = None
    until: datetime | None = None
    limit: int = DEFAULT_LIMIT
    ascending: bool = False
    format: str = "exact"
    after: Position | None = None


def _boolean(name: str, value: str) -> bool:
    if value not in ("true", "false"):
        raise bad_request(f"{name} must be true or false, not {value!r}.")
    return value == "true"


def _limit(value: str) -> int:
    if not (value.isascii() and value.isdigit()):  # isdigit alone takes '²', which int() refuses
        raise bad_request(f"limit must be a whole number from 0 to {MAX_LIMIT}, not {value!r}.")
    digits = value.lstrip("0") or "0"
    number = int(digits) if len(digits) <= len(str(MAX_LIMIT)) else MAX_LIMIT + 1  # int() refuses 5,000 digits
    return MAX_LIMIT if number == 0 or number > MAX_LIMIT else number


def _moment(name: str, value: str) -> datetime:
    try:
        return parse_timestamp(value)
    except ValueError as error:
        raise bad_request(f"{name}: {error}.") from None


def _checked(name: str, value: str, check: Any) -> str:
    try:
        return check(value)
    except ValueError as error:
        raise bad_request(f"{name}: {error}.") from None


def _agent(value: str) -> str:
    """The agent parameter: a JSON Agent or identified Group, as its identifier's digest."""
    try:
        document = strict_loads(value)
    except ValueError:
        raise bad_request(
            'agent must be a JSON object such as {"mbox": "mailto:learner@example.org"} (URL-encoded).'
        ) from None
    try:
        _ACTOR.validate_python(document)
    except ValidationError as error:
        raise bad_request(f"agent is not an Agent or Group: {describe_errors(error)}.") from None
    key = agent_key(document)
    if key is None:
        raise bad_request("agent must be identified: an anonymous Group cannot be used as a filter.")
    return digest(key)


def _format(value: str) -> str:
    if value not in FORMATS:
        raise bad_request(f"format must be one of {', '.join(FORMATS)}, not {value!r}.")
    return value


def _attachments(value: str) -> None:
    if _boolean("attachments", value):
        raise bad_request(
            "attachments=true is not supported: this server keeps no attachment data (attachments are "
            "stored as fileUrl links); ask without it."
        )


def _refuse_unknown(params: dict[str, str]) -> None:
    unknown = sorted(name for name in params if name not in KNOWN)
    if unknown:
        raise bad_request(
            f"Unknown query parameter {', '.join(unknown)}; GET /xapi/statements takes {', '.join(KNOWN)}."
        )


def parse_query(pairs: list[tuple[str, str]]) -> SingleQuery | StatementQuery:
    """The query string as pairs (repeats kept, so they can be refused)."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise bad_request(f"The query parameter {name} is given twice; give it once.")
        params[name] = value
    _refuse_unknown(params)
    if CURSOR in params:
        if len(params) > 1:
            raise bad_request("A cursor stands alone: follow the more link as it is, with no other parameters.")
        return decode_cursor(params[CURSOR])
    if "attachments" in params:
        _attachments(params["attachments"])
    chosen = [name for name in SINGLE if name in params]
    if chosen:
        if len(chosen) == 2:
            raise bad_request("Give statementId or voidedStatementId, not both.")
        extra = sorted(set(params) - {chosen[0], *SHARED})
        if extra:
            raise bad_request(f"{chosen[0]} fetches one statement and cannot be combined with {', '.join(extra)}.")
        return SingleQuery(
            statement_id=_checked(chosen[0], params[chosen[0]], check_uuid).lower(),
            voided=chosen[0] == "voidedStatementId",
            format=_format(params.get("format", "exact")),
        )
    return _filters(params)


def _filters(params: dict[str, str], after: Position | None = None) -> StatementQuery:
    get = params.get
    return StatementQuery(
        params={name: value for name, value in params.items() if name != "attachments"},
        agent=_agent(get("agent", "")) if "agent" in params else None,
        verb=digest(_checked("verb", params["verb"], check_iri)) if "verb" in params else None,
        activity=digest(_checked("activity", params["activity"], check_iri)) if "activity" in params else None,
        registration=_checked("registration", params["registration"], check_uuid).lower()
        if "registration" in params
        else None,
        related_agents=_boolean("related_agents", get("related_agents", "false")),
        related_activities=_boolean("related_activities", get("related_activities", "false")),
        since=_moment("since", params["since"]) if "since" in params else None,
        until=_moment("until", params["until"]) if "until" in params else None,
        limit=_limit(get("limit", str(DEFAULT_LIMIT))),
        ascending=_boolean("ascending", get("ascending", "false")),
        format=_format(get("format", "exact")),
        after=after,
    )


def encode_cursor(query: StatementQuery, last: Position) -> str:
    payload = {"p": query.params, "s": last.stored.isoformat(), "q": last.seq}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> StatementQuery:
    """Undo encode_cursor; the query inside is checked again like any other query."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = strict_loads(raw.decode("utf-8"))
        params, stored, seq = payload["p"], payload["s"], payload["q"]
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            raise TypeError
        if not isinstance(stored, str) or type(seq) is not int or not 0 < seq < 2**63:
            raise TypeError
        position = Position(datetime.fromisoformat(stored).astimezone(UTC), seq)
    except (binascii.Error, ValueError, TypeError, KeyError, OverflowError):
        raise bad_request("The cursor is not one this server made: start again from the first page.") from None
    if set(params) & {*SINGLE, CURSOR, "attachments"} or set(params) - set(KNOWN):
        raise bad_request("The cursor is not one this server made: start again from the first page.")
    return _filters(params, after=position)
