"""The fields of the /api/v1 bodies, as pydantic types whose limits are the columns' own (so
nothing the database would refuse gets past the edge), and the one sentence a refused body
gets: the field, what is wrong, and the shape to send. Times and days are held to years in
which every later use of them works (a cursor stepping back, a report's day after, a
certificate's packed day), so a kiosk's wrong clock is a 400 naming it, never a 500."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationError

from app.centre.errors import bad_request

FIRST_YEAR, LAST_YEAR = 1970, 2199
OBJECT_ID = re.compile(r"^[A-Za-z0-9-]{1,36}$")
LESSON_ID_LENGTH = 60  # LessonAttempt.lesson_id, HelpCall.lesson_id
MAX_REPORTED = 3


def no_control_characters(value: str) -> str:
    """Names, titles and ids are one line of printable text; a NUL (which PostgreSQL cannot
    keep), a newline or another control character is refused, not stored."""
    for character in value:
        if unicodedata.category(character) == "Cc":
            raise ValueError(f"holds the control character U+{ord(character):04X}; remove it")
    return value


def object_id(value: str) -> str:
    """A kiosk-made id (a UUID): letters, digits and '-', at most 36."""
    if not OBJECT_ID.fullmatch(value):
        raise ValueError("must be a kiosk-made id: letters, digits and '-', at most 36")
    return value.lower()


def _in_years(moment: datetime) -> datetime:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"is in the year {moment.year}; give a time from {FIRST_YEAR} to {LAST_YEAR}")
    return moment


def utc_moment(value: object) -> datetime:
    """An ISO 8601 time with a time zone, as UTC, in FIRST_YEAR..LAST_YEAR."""
    if isinstance(value, datetime):
        return value
    moment = None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError("must be an ISO 8601 time with a time zone, like 2026-11-25T09:30:00+08:00")
    _in_years(moment)  # before the shift to UTC, which overflows at the years 1 and 9999
    return moment.astimezone(UTC)


def day_in_range(value: object) -> date:
    """A day like 2026-11-26, in FIRST_YEAR..LAST_YEAR."""
    if isinstance(value, date):
        return value
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("must be a date like 2026-11-26")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"is in the year {day.year}; give a day from {FIRST_YEAR} to {LAST_YEAR}")
    return day


OneLine = AfterValidator(no_control_characters)


def trimmed(longest: int, shortest: int = 0) -> StringConstraints:
    """Text of `shortest` to `longest` characters once the spaces around it are dropped."""
    return StringConstraints(strip_whitespace=True, min_length=shortest, max_length=longest)


ObjectId = Annotated[str, AfterValidator(object_id)]
LessonId = Annotated[str, StringConstraints(min_length=1, max_length=LESSON_ID_LENGTH), OneLine]
Moment = Annotated[datetime, BeforeValidator(utc_moment)]
Day = Annotated[date, BeforeValidator(day_in_range)]


class Body(BaseModel):
    """An /api/v1 body: no field beside those named, and no type coerced (a number is no name)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _where(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the body"


def _problem(error: dict[str, Any]) -> str:
    where, kind, context, given = _where(error["loc"]), error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "extra_forbidden":
        return f"Unknown field {where!r}"
    if kind == "missing":
        return f"{where} is missing"
    if kind == "string_too_long":
        return f"{where} is {len(given)} characters; at most {context['max_length']}"
    if kind == "string_too_short":
        return f"{where} is empty" if context["min_length"] == 1 else f"{where} is shorter than {context['min_length']}"
    if kind == "too_long":
        return f"{where} has {context['actual_length']} items; at most {context['max_length']}"
    if kind == "too_short":
        return f"{where} has {context['actual_length']} items; at least {context['min_length']}"
    if kind in ("string_type", "str_type"):
        return f"{where} must be text"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where} must be a JSON object"
    if kind == "list_type":
        return f"{where} must be a JSON array"
    if kind == "string_pattern_mismatch":
        return f"{where} is not in the form asked for"
    return f"{where} {str(error['msg']).removeprefix('Value error, ')}"


Model = TypeVar("Model", bound=Body)


def parse_body(model: type[Model], body: object, shape: str) -> Model:
    """`body` as `model`, or a 400: the first problems, each with its field, and the shape to send."""
    if not isinstance(body, dict):
        raise bad_request(f"The body is not a JSON object. {shape}.")
    try:
        return model.model_validate(body)
    except ValidationError as error:
        problems = list(dict.fromkeys(_problem(item) for item in error.errors(include_url=False)))
        raise bad_request(f"{'; '.join(problems[:MAX_REPORTED])}. {shape}.") from None
