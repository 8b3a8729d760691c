"""The shape of an xAPI 1.0.3 statement, checked strictly: wrong types are not coerced and any
property the specification does not define is refused, so what is stored can be read back by
any learning record store tool. Validation only gates; the statement is stored as it was sent."""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from app.core.xapi import VOIDED_VERB

# Written for Python's re and for JSON Schema (ECMA 262) alike, so /openapi.json publishes the
# very patterns the server checks: ASCII digits, and "no space" spelled out, because the engines
# disagree about which characters \s covers. Always applied with fullmatch (a trailing newline
# slips past `$` in Python).
_SPACE = r"\s\x00-\x1f\x7f-\x9f\ufeff"
_NO_SPACE = rf"[^{_SPACE}]"
_IRI = re.compile(rf"^[A-Za-z][A-Za-z0-9+.\-]*:{_NO_SPACE}+$")
_MBOX = re.compile(rf"^mailto:[^@{_SPACE}]+@[^@{_SPACE}]+$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_TIMESTAMP = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$"
)
_DURATION = re.compile(
    r"^P(?!$)([0-9]+(\.[0-9]+)?Y)?([0-9]+(\.[0-9]+)?M)?([0-9]+(\.[0-9]+)?W)?([0-9]+(\.[0-9]+)?D)?"
    r"(T(?=[0-9])([0-9]+(\.[0-9]+)?H)?([0-9]+(\.[0-9]+)?M)?([0-9]+(\.[0-9]+)?S)?)?$"
)
_VERSION = re.compile(r"^1\.0\.[0-9]+$")
# What parse_timestamp accepts, as a pattern: _TIMESTAMP plus the ranges of each field (it
# still also refuses the 30th of February and the offset -00:00).
_REAL_TIMESTAMP = re.compile(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?"
    r"(Z|z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)$"
)


_UNKNOWN_OFFSET = re.compile(r"-00(:?00)?$")


REMEMBERED_LENGTH = 300  # longer values are checked each time, so the memory stays small


def _known_pattern(pattern: re.Pattern[str], value: str) -> bool:
    """Remembered for IRIs and language tags: the same verbs, lessons, extension keys and
    languages come in statement after statement (a regular expression for each was a fifth of
    checking one). Not for ids and timestamps, which are new every time."""
    if len(value) > REMEMBERED_LENGTH:
        return pattern.fullmatch(value) is not None
    return _remembered_match(pattern, value)


@functools.lru_cache(maxsize=8192)
def _remembered_match(pattern: re.Pattern[str], value: str) -> bool:
    return pattern.fullmatch(value) is not None


def check_iri(value: str) -> str:
    if not _known_pattern(_IRI, value):
        raise ValueError(f"{value!r} is not an IRI: it needs a scheme such as http:// and no spaces")
    return value


def check_uuid(value: str) -> str:
    if not _UUID.fullmatch(value):
        raise ValueError(f"{value!r} is not a UUID (8-4-4-4-12 hexadecimal digits)")
    return value


def parse_timestamp(value: str) -> datetime:
    """An ISO 8601 date and time with a time zone, as UTC; -00:00 ("offset unknown") is refused."""
    if not _TIMESTAMP.fullmatch(value):
        raise ValueError(f"{value!r} is not an ISO 8601 date and time with a time zone, e.g. 2026-11-25T09:30:00Z")
    if _UNKNOWN_OFFSET.search(value):
        raise ValueError(f"{value!r} has the offset -00:00 (unknown); give Z or the real offset")
    try:
        return datetime.fromisoformat(value.replace("z", "Z")).astimezone(UTC)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None
    except OverflowError:
        raise ValueError(f"{value!r} is outside the years 1 to 9999 once turned into UTC") from None


def check_timestamp(value: str) -> str:
    parse_timestamp(value)
    return value


def check_mbox(value: str) -> str:
    if not _MBOX.fullmatch(value):
        raise ValueError(f"{value!r} is not a mailto: address, e.g. mailto:learner@example.org")
    return value


def check_sha1(value: str) -> str:
    if not _SHA1.fullmatch(value):
        raise ValueError("must be the 40 hexadecimal digits of a SHA-1 hash")
    return value


def check_language_tag(value: str) -> str:
    if not _known_pattern(_LANGUAGE_TAG, value):
        raise ValueError(f"{value!r} is not a language tag such as en-US or zh-CN")
    return value


def check_duration(value: str) -> str:
    if not _DURATION.fullmatch(value):
        raise ValueError(f"{value!r} is not an ISO 8601 duration such as PT1M30S")
    return value


def check_version(value: str) -> str:
    if not _VERSION.fullmatch(value):
        raise ValueError(f"version {value!r} is not 1.0.x; this server stores xAPI 1.0 statements")
    return value


def _as_list(value: Any) -> Any:
    """contextActivities may hold one Activity or a list; checking both as a list keeps one shape."""
    return [value] if isinstance(value, dict) else value


def _published(pattern: re.Pattern[str]) -> WithJsonSchema:
    """The pattern a checked string must match, as JSON Schema (the checks above say why not)."""
    return WithJsonSchema({"type": "string", "pattern": pattern.pattern})


IRI = Annotated[str, AfterValidator(check_iri), _published(_IRI)]
UUIDText = Annotated[str, AfterValidator(check_uuid), _published(_UUID)]
Timestamp = Annotated[str, AfterValidator(check_timestamp), _published(_REAL_TIMESTAMP)]
LanguageTag = Annotated[str, AfterValidator(check_language_tag), _published(_LANGUAGE_TAG)]
LanguageMap = Annotated[
    dict[LanguageTag, str],
    WithJsonSchema(
        {
            "type": "object",
            "patternProperties": {_LANGUAGE_TAG.pattern: {"type": "string"}},
            "additionalProperties": False,
        }
    ),
]
Extensions = Annotated[
    dict[IRI, Any],
    WithJsonSchema({"type": "object", "patternProperties": {_IRI.pattern: {}}, "additionalProperties": False}),
]
_NULL = {"type": "null"}


def _without_null(schema: dict[str, Any], _model: type) -> None:
    """xAPI refuses null outside extensions (leave the property out), so the published schema
    offers no null branch and no null default for optional properties."""
    for prop in schema.get("properties", {}).values():
        branches = prop.get("anyOf")
        if branches and _NULL in branches:
            kept = [branch for branch in prop.pop("anyOf") if branch != _NULL]
            if len(kept) == 1:
                prop.update(kept[0])
            else:
                prop["anyOf"] = kept
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class Strict(BaseModel):
    """Every xAPI object: no coercion and no property outside the specification."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_without_null)


class Account(Strict):
    homePage: IRI
    name: str


_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _one_identifier(schema: dict[str, Any], model: type) -> None:
    """An Agent has exactly one inverse functional identifier."""
    _without_null(schema, model)
    schema["oneOf"] = [{"required": [name]} for name in _IFIS]


def _identified_or_listed(schema: dict[str, Any], model: type) -> None:
    """A Group has one identifier, or none and at least one member."""
    _without_null(schema, model)
    anonymous = {
        "required": ["member"],
        "properties": {"member": {"minItems": 1}},
        "not": {"anyOf": [{"required": [name]} for name in _IFIS]},
    }
    schema["oneOf"] = [*({"required": [name]} for name in _IFIS), anonymous]


class _Identified(Strict):
    mbox: Annotated[str, AfterValidator(check_mbox), _published(_MBOX)] | None = None
    mbox_sha1sum: Annotated[str, AfterValidator(check_sha1), _published(_SHA1)] | None = None
    openid: IRI | None = None
    account: Account | None = None

    def identifiers(self) -> list[str]:
        return [name for name in _IFIS if getattr(self, name) is not None]


class Agent(_Identified):
    model_config = ConfigDict(json_schema_extra=_one_identifier)
    objectType: Literal["Agent"] = "Agent"
    name: str | None = None

    @model_validator(mode="after")
    def _one_identifier(self) -> Agent:
        found = self.identifiers()
        if len(found) != 1:
            named = ", ".join(found) if found else "none"
            raise ValueError(f"an Agent needs exactly one of mbox, mbox_sha1sum, openid or account (found {named})")
        return self


class Group(_Identified):
    model_config = ConfigDict(json_schema_extra=_identified_or_listed)
    objectType: Literal["Group"]
    name: str | None = None
    member: list[Agent] | None = None

    @model_validator(mode="after")
    def _identified_or_listed(self) -> Group:
        found = self.identifiers()
        if len(found) > 1:
            raise ValueError(f"a Group has at most one of mbox, mbox_sha1sum, openid or account (found {found})")
        if not found and not self.member:
            raise ValueError("an anonymous Group (no mbox, mbox_sha1sum, openid or account) needs a member list")
        return self


def _actor_kind(value: Any) -> str:
    return "Group" if isinstance(value, dict) and value.get("objectType") == "Group" else "Agent"


Actor = Annotated[Annotated[Agent, Tag("Agent")] | Annotated[Group, Tag("Group")], Discriminator(_actor_kind)]


class Verb(Strict):
    id: IRI
    display: LanguageMap | None = None


class InteractionComponent(Strict):
    id: str
    description: LanguageMap | None = None


class ActivityDefinition(Strict):
    name: LanguageMap | None = None
    description: LanguageMap | None = None
    type: IRI | None = None
    moreInfo: IRI | None = None
    extensions: Extensions | None = None
    interactionType: (
        Literal[
            "true-false",
            "choice",
            "fill-in",
            "long-fill-in",
            "matching",
            "performance",
            "sequencing",
            "likert",
            "numeric",
            "other",
        ]
        | None
    ) = None
    correctResponsesPattern: list[str] | None = None
    choices: list[InteractionComponent] | None = None
    scale: list[InteractionComponent] | None = None
    source: list[InteractionComponent] | None = None
    target: list[InteractionComponent] | None = None
    steps: list[InteractionComponent] | None = None


class Activity(Strict):
    objectType: Literal["Activity"] = "Activity"
    id: IRI
    definition: ActivityDefinition | None = None


class StatementRef(Strict):
    objectType: Literal["StatementRef"]
    id: UUIDText


class Score(Strict):
    scaled: float | None = Field(default=None, ge=-1, le=1)
    raw: float | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _in_range(self) -> Score:
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError("score min must be less than max")
        if self.raw is not None:
            if self.min is not None and self.raw < self.min:
                raise ValueError("score raw is below min")
            if self.max is not None and self.raw > self.max:
                raise ValueError("score raw is above max")
        return self


class Result(Strict):
    score: Score | None = None
    success: bool | None = None
    completion: bool | None = None
    response: str | None = None
    duration: Annotated[str, AfterValidator(check_duration), _published(_DURATION)] | None = None
    extensions: Extensions | None = None


ActivityList = Annotated[list[Activity], BeforeValidator(_as_list)]


def _one_or_a_list(schema: dict[str, Any], model: type) -> None:
    """Each context activity group is one Activity or an array of them (xAPI 1.0.3 4.1.6.2)."""
    _without_null(schema, model)
    for name, prop in schema.get("properties", {}).items():
        items = prop.pop("items")
        del prop["type"]
        prop["anyOf"] = [items, {"type": "array", "items": items}]
        prop.setdefault("title", name.title())


class ContextActivities(Strict):
    model_config = ConfigDict(json_schema_extra=_one_or_a_list)

    parent: ActivityList | None = None
    grouping: ActivityList | None = None
    category: ActivityList | None = None
    other: ActivityList | None = None


class Context(Strict):
    registration: UUIDText | None = None
    instructor: Actor | None = None
    team: Group | None = None
    contextActivities: ContextActivities | None = None
    revision: str | None = None
    platform: str | None = None
    language: LanguageTag | None = None
    statement: StatementRef | None = None
    extensions: Extensions | None = None


def _linked_only(schema: dict[str, Any], model: type) -> None:
    """Without multipart/mixed an attachment must be a fileUrl link."""
    _without_null(schema, model)
    schema["required"] = [*schema.get("required", []), "fileUrl"]


class Attachment(Strict):
    model_config = ConfigDict(json_schema_extra=_linked_only)
    usageType: IRI
    display: LanguageMap
    description: LanguageMap | None = None
    contentType: str
    length: int = Field(ge=0)
    sha2: str
    fileUrl: IRI | None = None

    @model_validator(mode="after")
    def _linked(self) -> Attachment:
        if self.fileUrl is None:
            raise ValueError(
                "an attachment without fileUrl must be sent as multipart/mixed, which this server does not "
                "accept; give the attachment a fileUrl"
            )
        return self


def _object_kind(value: Any) -> str:
    kind = value.get("objectType", "Activity") if isinstance(value, dict) else "Activity"
    return kind if kind in ("Activity", "Agent", "Group", "StatementRef", "SubStatement") else "unknown"


_OBJECT_TYPES_MESSAGE = "objectType must be Activity (the default), Agent, Group, StatementRef or SubStatement"

SubObject = Annotated[
    Annotated[Activity, Tag("Activity")]
    | Annotated[Agent, Tag("Agent")]
    | Annotated[Group, Tag("Group")]
    | Annotated[StatementRef, Tag("StatementRef")],
    Discriminator(
        _object_kind,
        custom_error_type="object_type",
        custom_error_message="objectType of a SubStatement's object must be Activity, Agent, Group or StatementRef",
    ),
]


# pydantic names a model in a $ref by its template ("…/Agent") or, while it builds the schema, by
# a placeholder ("…__schema__Agent-Input__1").
_AGENT_OR_GROUP_REF = re.compile(r"(/|__)(Agent|Group)(-\w+)?$")


def _object_names_its_type(schema: dict[str, Any], model: type) -> None:
    """An object without objectType is an Activity: as an object, an Agent or Group must say so."""
    _without_null(schema, model)
    target = schema.get("properties", {}).get("object", {})
    named = {"required": ["objectType"]}
    target["oneOf"] = [
        {"allOf": [branch], **named} if _AGENT_OR_GROUP_REF.search(branch.get("$ref", "")) else branch
        for branch in target.get("oneOf", [])
    ]


class _StatementBody(Strict):
    """What a Statement and a SubStatement share."""

    model_config = ConfigDict(json_schema_extra=_object_names_its_type)

    actor: Actor
    verb: Verb
    result: Result | None = None
    context: Context | None = None
    timestamp: Timestamp | None = None
    attachments: list[Attachment] | None = None

    def _check_context_for(self, target: object) -> None:
        if self.context and not isinstance(target, Activity):
            for name in ("revision", "platform"):
                if getattr(self.context, name) is not None:
                    raise ValueError(f"context.{name} may only be given when the object is an Activity")


class SubStatement(_StatementBody):
    objectType: Literal["SubStatement"]
    object: SubObject

    @model_validator(mode="after")
    def _consistent(self) -> SubStatement:
        self._check_context_for(self.object)
        return self


StatementObject = Annotated[
    Annotated[Activity, Tag("Activity")]
    | Annotated[Agent, Tag("Agent")]
    | Annotated[Group, Tag("Group")]
    | Annotated[StatementRef, Tag("StatementRef")]
    | Annotated[SubStatement, Tag("SubStatement")],
    Discriminator(_object_kind, custom_error_type="object_type", custom_error_message=_OBJECT_TYPES_MESSAGE),
]


class Statement(_StatementBody):
    """A statement as a client sends it; `stored` and `authority` are accepted and then replaced."""

    id: UUIDText | None = None
    object: StatementObject
    stored: Timestamp | None = None
    authority: Actor | None = None
    version: Annotated[str, AfterValidator(check_version), _published(_VERSION)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Statement:
        self._check_context_for(self.object)
        if self.verb.id == VOIDED_VERB and not isinstance(self.object, StatementRef):
            raise ValueError("a statement with the verb voided must have a StatementRef as its object")
        return self


UNION_TAGS = frozenset({"Agent", "Group", "Activity", "StatementRef", "SubStatement"})
PATTERNS = {"iri": _IRI.pattern, "uuid": _UUID.pattern, "timestamp": _REAL_TIMESTAMP.pattern}
"""The patterns the query string's IRIs, UUIDs and times are checked with, for /openapi.json."""
