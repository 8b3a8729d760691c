"""The JSON body of an /api/v1 request, read strictly before any route looks at it: sent as
application/json in UTF-8, nested at most MAX_DEPTH deep (a body of 100,000 '[' ran Python's
parser out of stack: a 500), no property twice in one object (which one would count?), no NaN,
Infinity or lone surrogate, and no NUL, which no name or id holds and PostgreSQL cannot keep.
Each refusal is a 400 that says what to send instead."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from app.centre.errors import bad_request
from app.centre.xapi.validation import MAX_DEPTH, TooDeep, holds_nul, strict_loads

JSON_TYPE = "application/json"


def parse_json_body(body: bytes, content_type: str, problem: str) -> Any:
    """`body` as JSON, or a 400 naming what is wrong; `problem` says what to send instead."""
    if content_type.split(";")[0].strip().lower() != JSON_TYPE:
        raise bad_request(f"Send the body as JSON with the header Content-Type: {JSON_TYPE}. {problem}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request(f"The body is not UTF-8 text. {problem}") from None
    try:
        document = strict_loads(text)
    except TooDeep:
        raise bad_request(f"The body nests JSON more than {MAX_DEPTH} levels deep. {problem}") from None
    except json.JSONDecodeError:
        raise bad_request(f"The body is not JSON. {problem}") from None
    except ValueError as error:  # a repeated property, NaN, a huge number, a lone surrogate
        raise bad_request(f"The body is not acceptable JSON: {error}. {problem}") from None
    if "\\u0000" in text and holds_nul(document):
        raise bad_request(f"The body holds a NUL character (\\u0000), which no name or id may hold. {problem}")
    return document


async def read_json(request: Request, problem: str) -> Any:
    """The request's JSON body, or a 400 with `problem` (what to send instead)."""
    return parse_json_body(await request.body(), request.headers.get("content-type", ""), problem)
