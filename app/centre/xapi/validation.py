"""From request bytes to checked statements, or to one 400 message that says where the problem
is (`statement 3: actor.mbox: ...`) in words a kiosk developer can act on."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from app.centre.errors import bad_request
from app.centre.roster.fold_check import fold_problem
from app.centre.xapi.schema import UNION_TAGS, Statement

_PLAIN_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a property of xAPI 1.0.3 (remove it)",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "dict_type": "must be a JSON object",
    "model_type": "must be a JSON object",
    "model_attributes_type": "must be a JSON object",
    "list_type": "must be a JSON array",
}
MAX_REPORTED = 5
MAX_DEPTH = 64  # statements nest about 6 deep; this leaves extensions plenty and recursion safe
_TOO_DEEP = f"The body nests JSON more than {MAX_DEPTH} levels deep; no statement needs that."


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Called for every object read: dict() in C, then a look for which key came twice only
    when one did (a loop over every key in Python was half the time of reading a batch)."""
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the property {key!r} appears twice in one object")
            seen.add(key)
    return document


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    """1e400 is valid JSON but no float: Python would read it as inf and write back Infinity."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large to be read back as a JSON number")
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _any_string(document: Any, test: Callable[[str], bool]) -> bool:
    """Whether `test` holds for any string of the document, key or value (walked without
    recursion: a body may nest as deep as the parser allows)."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if test(value):
                return True
        elif isinstance(value, dict):
            pending += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            pending += value
    return False


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _lone_surrogate(document: Any) -> bool:
    """A \\ud800 escape without its pair decodes to a string that cannot be written as UTF-8."""
    return _any_string(document, _unencodable)


def holds_nul(document: Any) -> bool:
    """Whether any string of the document, key or value, holds a NUL character. Walked only
    when the text spells one (\\u0000), so an ordinary batch pays one substring search."""
    return _any_string(document, lambda text: "\x00" in text)


class TooDeep(ValueError):
    """The JSON nests more than MAX_DEPTH levels."""


def strict_loads(text: str, walk_depth: bool = True) -> Any:
    """json.loads refusing, as ValueError, what a JSON reader elsewhere would read differently or
    not at all: a repeated property, NaN or Infinity, a number too large for a float, a UTF-16
    surrogate escape without its pair; and (as TooDeep) nesting deeper than MAX_DEPTH.
    `walk_depth` False leaves the depth of what the reader could read to the caller (statements:
    only extensions can nest past their schema, see _deep_extension)."""
    try:
        document = json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant, parse_float=_finite
        )
    except RecursionError:
        raise TooDeep(_TOO_DEEP) from None
    if walk_depth and _too_deep(document):
        raise TooDeep(_TOO_DEEP)
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogate(document):
        raise ValueError("a \\u escape is half of a UTF-16 surrogate pair, which is not a character")
    return document


def _too_deep(document: Any, depth: int = 1) -> bool:
    """Checked without recursion, so a hostile body cannot exhaust the stack here or later;
    only objects and arrays are visited. `depth` is the document's own level in the body."""
    pending = [(document, depth)] if isinstance(document, dict | list) else []
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            return True
        items = value.values() if isinstance(value, dict) else value
        pending += [(item, depth + 1) for item in items if isinstance(item, dict | list)]
    return False


def parse_json(body: bytes, walk_depth: bool = True) -> Any:
    """Strict JSON in UTF-8 (see strict_loads): no repeated property (a parser would silently
    keep the last), no NaN or Infinity (Python accepts them; no other JSON reader does)."""
    if not body.strip():
        raise bad_request("The request has no body: send a statement or a JSON array of statements.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request("The body is not UTF-8 text; xAPI bodies are JSON in UTF-8.") from None
    try:
        document = strict_loads(text, walk_depth)
    except TooDeep:
        raise bad_request(_TOO_DEEP) from None
    except json.JSONDecodeError as error:
        raise bad_request(
            f"The body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}."
        ) from None
    except ValueError as error:  # a repeated property, NaN, a huge number, a lone surrogate
        raise bad_request(f"The body is not acceptable JSON: {error}.") from None
    if "\\u0000" in text and holds_nul(document):
        raise bad_request(
            "The body holds a NUL character (\\u0000), which PostgreSQL cannot keep and many stores refuse; remove it."
        )
    return document


def _where(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        if part in UNION_TAGS or part == "[key]":
            continue  # pydantic's names for the branch of a union, not a property
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(error: dict[str, Any]) -> str:
    message = _PLAIN_MESSAGES.get(error["type"]) or str(error["msg"]).removeprefix("Value error, ")
    where = _where(error["loc"])
    return f"{where}: {message}" if where else message


def describe_errors(error: ValidationError) -> str:
    """The first few problems, each with its place, joined into one sentence."""
    problems = list(dict.fromkeys(_describe(item) for item in error.errors(include_url=False)))
    text = "; ".join(problems[:MAX_REPORTED])
    if len(problems) > MAX_REPORTED:
        text += f"; and {len(problems) - MAX_REPORTED} more"
    return text


def _first_null(document: dict[str, Any]) -> str | None:
    """Where a property is null (xAPI refuses null outside extensions, where anything goes)."""
    pending: list[tuple[Any, tuple[int | str, ...]]] = [(document, ())]
    while pending:
        value, where = pending.pop()
        if value is None:
            return _where(where)
        if isinstance(value, dict):
            pending += [(item, (*where, key)) for key, item in value.items() if key != "extensions"]
        elif isinstance(value, list):
            pending += [(item, (*where, index)) for index, item in enumerate(value)]
    return None


def _deep_extension(body: dict[str, Any], depth: int) -> bool:
    """Whether an extension of a statement at level `depth` of the request body nests past
    MAX_DEPTH: the only places a statement's schema lets JSON nest freely. Checked there instead
    of walking every object of the body (a fifth of the time of reading a batch); the schema
    then refuses anything nested elsewhere. Defensive: it runs before the schema."""
    if depth > MAX_DEPTH:  # SubStatements within SubStatements
        return True
    places = [(body.get("context"), depth + 2), (body.get("result"), depth + 2)]
    target = body.get("object")
    if isinstance(target, dict):
        places.append((target.get("definition"), depth + 3))
    for part, level in places:
        extensions = part.get("extensions") if isinstance(part, dict) else None
        if isinstance(extensions, dict) and any(_too_deep(value, level + 1) for value in extensions.values()):
            return True
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        return _deep_extension(target, depth + 1)
    return False


def check_statement(
    document: Any, label: str = "statement", may_hold_null: bool = True, depth: int | None = None
) -> Statement:
    """`may_hold_null` False (the body has no `null` at all) skips looking for one. `depth`, the
    statement's level in a body read without the depth walk, has its extensions checked."""
    if depth is not None and isinstance(document, dict) and _deep_extension(document, depth):
        raise bad_request(_TOO_DEEP)
    if not isinstance(document, dict):
        raise bad_request(f"{label} must be a JSON object, not {type(document).__name__}.")
    null = _first_null(document) if may_hold_null else None
    if null is not None:
        raise bad_request(f"{label} is not a valid xAPI statement: {null}: is null; leave the property out instead.")
    try:
        checked = Statement.model_validate(document)
    except ValidationError as error:
        raise bad_request(f"{label} is not a valid xAPI statement: {describe_errors(error)}.") from None
    problem = fold_problem(document)
    if problem is not None:
        raise bad_request(f"{label} does not fit the centre's records: {problem}.")
    return checked


def parse_statements(body: bytes) -> list[dict[str, Any]]:
    """A POST body: one statement or an array; every one checked before anything is stored."""
    document = parse_json(body, walk_depth=False)
    may_hold_null = b"null" in body  # most batches have none, and need no walk to find one
    if isinstance(document, dict):
        check_statement(document, may_hold_null=may_hold_null, depth=1)
        return [document]
    if not isinstance(document, list):
        raise bad_request("The body must be a statement (a JSON object) or a JSON array of statements.")
    if not document:
        raise bad_request("The array is empty: send at least one statement.")
    for index, item in enumerate(document):
        check_statement(item, f"statement {index} of the batch", may_hold_null, depth=2)
    return document


def parse_one_statement(body: bytes) -> dict[str, Any]:
    """A PUT body: exactly one statement."""
    document = parse_json(body)
    if isinstance(document, list):
        raise bad_request("PUT stores one statement: send a JSON object, or POST an array.")
    check_statement(document)
    return document
