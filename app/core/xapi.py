"""xAPI 1.0.3 statements for what happens on a kiosk: a lesson started, a lesson completed, a
learner attending the centre. Pure functions: the store freezes the result in the same
transaction as the progress row, and the sync worker sends it as it is.

Ids are name-based (UUID 5) from what the statement is about, so making the same statement
twice - a retry after a crash, the same completion recorded again - gives the same id, and
the centre keeps it once. Learners appear only as an opaque account of their centre: never a
name or a phone number.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from app.core.course import Choice, ChoiceKind, Expect, Lesson, Step

XAPI_VERSION = "1.0.3"
NAMESPACE = uuid.UUID("6f1c2f4e-3a55-5c9b-9d1e-5e1f7a0b8c21")  # SilverSteps' own UUID 5 namespace
ACTIVITY_ROOT = "https://silversteps.org/xapi"
VERBS = {
    "initialized": ("http://adlnet.gov/expapi/verbs/initialized", "started", "开始学习"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "completed", "学完"),
    "attended": ("http://adlnet.gov/expapi/verbs/attended", "attended", "到场"),
    "progressed": ("http://adlnet.gov/expapi/verbs/progressed", "progressed", "学完一步"),
    "asked": ("http://adlnet.gov/expapi/verbs/asked", "asked for help", "请求帮助"),
    "responded": ("http://adlnet.gov/expapi/verbs/responded", "helped", "已帮助"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "chose", "做出选择"),
}
# xAPI's one verb with a meaning of its own (§2.4.3.3): the statement it names is withdrawn.
VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"
LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson"
CENTRE_TYPE = "http://adlnet.gov/expapi/activities/meeting"
MISTAKES_EXTENSION = f"{ACTIVITY_ROOT}/extensions/mistakes"
KIOSK_EXTENSION = f"{ACTIVITY_ROOT}/extensions/kiosk"
ATTEMPT_EXTENSION = f"{ACTIVITY_ROOT}/extensions/attempt"
STEP_EXTENSION = f"{ACTIVITY_ROOT}/extensions/step"  # the 0-based step just done
POSITION_EXTENSION = f"{ACTIVITY_ROOT}/extensions/position"  # the step the learner is now on
STEPS_EXTENSION = f"{ACTIVITY_ROOT}/extensions/steps"  # how many steps the lesson has
TOTAL_MISTAKES_EXTENSION = f"{ACTIVITY_ROOT}/extensions/attempt-mistakes"  # in the attempt so far
TOTAL_SECONDS_EXTENSION = f"{ACTIVITY_ROOT}/extensions/attempt-seconds"  # on done steps, so far
SESSION_EXTENSION = f"{ACTIVITY_ROOT}/extensions/session"  # the class session on at the time
CHOICE_OUTCOME_EXTENSION = f"{ACTIVITY_ROOT}/extensions/choice-outcome"  # safe, trap or neutral
INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
LESSON_PREFIX = f"{ACTIVITY_ROOT}/lessons/"


def statement_id(*parts: object, namespace: uuid.UUID = NAMESPACE) -> str:
    """The same parts (in the same namespace) always give the same id."""
    return str(uuid.uuid5(namespace, "/".join(str(part) for part in parts)))


def is_ids_key(text: str) -> bool:
    """A centre's statement-ids key as it travels: 64 hex digits (32 random bytes)."""
    return len(text) == 64 and all(letter in "0123456789abcdef" for letter in text)


def namespace_of(ids_key: str | None) -> uuid.UUID:
    """The namespace a kiosk names its records in: its centre's once it has the centre's key,
    SilverSteps' own before (a kiosk with no centre, or enrolled with a centre too old to give one)."""
    return centre_namespace(ids_key) if ids_key and is_ids_key(ids_key) else NAMESPACE


def centre_namespace(ids_key: str) -> uuid.UUID:
    """The namespace of a centre's kiosks, from the secret key the centre gives each kiosk at
    enrolment: every kiosk of the centre makes the same id for the same record (a lesson done
    on two kiosks is one completion), and no one without the key can make them in advance."""
    return uuid.UUID(bytes=hmac.digest(bytes.fromhex(ids_key), b"silversteps statement ids", "sha256")[:16])


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration, e.g. PT4M12.5S, as xAPI results use."""
    minutes, rest = divmod(round(max(seconds, 0.0), 1), 60)
    hours, minutes = divmod(int(minutes), 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + f"{rest:g}S"


def timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def actor(centre_home: str, learner_id: str) -> dict:
    return {"objectType": "Agent", "account": {"homePage": centre_home, "name": learner_id}}


def verb(key: str) -> dict:
    iri, english, chinese = VERBS[key]
    return {"id": iri, "display": {"en-US": english, "zh-CN": chinese}}


def lesson_activity(lesson: Lesson) -> dict:
    return {
        "objectType": "Activity",
        "id": f"{LESSON_PREFIX}{lesson.id}",
        "definition": {
            "type": LESSON_TYPE,
            "name": {"zh-CN": lesson.title.zh, "en-US": lesson.title.en},
            "description": {"zh-CN": lesson.summary.zh, "en-US": lesson.summary.en},
        },
    }


def context_of(
    kiosk_id: str, registration: str | None = None, theme: str | None = None, attempt: int | None = None
) -> dict:
    context: dict = {"platform": "SilverSteps kiosk", "extensions": {KIOSK_EXTENSION: kiosk_id}}
    if attempt is not None:
        context["extensions"][ATTEMPT_EXTENSION] = attempt
    if registration:
        context["registration"] = registration
    if theme:
        context["contextActivities"] = {"grouping": [{"id": f"{ACTIVITY_ROOT}/themes/{theme}"}]}
    return context


def attempt_registration(learner_id: str, lesson_id: str, attempt: int, namespace: uuid.UUID = NAMESPACE) -> str:
    """One registration per learner, lesson and attempt: it ties a start to its completion."""
    return statement_id("attempt", learner_id, lesson_id, attempt, namespace=namespace)


def _lesson_statement(
    verb_key: str,
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    lesson: Lesson,
    attempt: int,
    at: datetime,
    named_by: tuple[object, ...] | None = None,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """A statement about one attempt at one lesson; the id follows from verb and attempt
    (or from `named_by`, for events that happen more than once in an attempt)."""
    return {
        "id": statement_id(verb_key, *(named_by or (learner_id, lesson.id, attempt)), namespace=namespace),
        "actor": actor(centre_home, learner_id),
        "verb": verb(verb_key),
        "object": lesson_activity(lesson),
        "context": context_of(
            kiosk_id, attempt_registration(learner_id, lesson.id, attempt, namespace), lesson.theme, attempt=attempt
        ),
        "timestamp": timestamp(at),
    }


def lesson_started(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    lesson: Lesson,
    attempt: int,
    at: datetime,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """Per kiosk: a kiosk that has not yet heard of an attempt begun on another opens the same
    attempt number, and its start must not collide with the other's (409)."""
    return _lesson_statement(
        "initialized",
        centre_home=centre_home,
        kiosk_id=kiosk_id,
        learner_id=learner_id,
        lesson=lesson,
        attempt=attempt,
        at=at,
        named_by=(learner_id, lesson.id, attempt, kiosk_id),
        namespace=namespace,
    )


def lesson_completed(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    lesson: Lesson,
    attempt: int,
    seconds: float,
    mistakes: int,
    at: datetime,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """One per learner, lesson and attempt, whatever happens to the kiosk."""
    statement = _lesson_statement(
        "completed",
        centre_home=centre_home,
        kiosk_id=kiosk_id,
        learner_id=learner_id,
        lesson=lesson,
        attempt=attempt,
        at=at,
        namespace=namespace,
    )
    statement["result"] = {
        "completion": True,
        "success": True,
        "duration": iso_duration(seconds),
        "extensions": {MISTAKES_EXTENSION: mistakes},
    }
    return statement


@dataclass(frozen=True)
class StepReport:
    """A step done, as the store knows it inside the transaction that logs it."""

    record_id: str  # the step log row: names the statement, so doing a step again is a new one
    attempt: int
    step_index: int
    position: int  # the step now shown; the step count once the lesson is complete
    mistakes_on_step: int
    seconds: float
    attempt_mistakes: int  # so far: with these the centre's fold needs no arrival order
    attempt_seconds: float
    at: datetime
    session_id: str | None = None  # the class session the learner is in, if one is on


def step_progressed(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    lesson: Lesson,
    report: StepReport,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """One step done: what lets another kiosk resume the lesson at the same step, and a tutor
    see who is where."""
    statement = _lesson_statement(
        "progressed",
        centre_home=centre_home,
        kiosk_id=kiosk_id,
        learner_id=learner_id,
        lesson=lesson,
        attempt=report.attempt,
        at=report.at,
        named_by=(report.record_id,),
        namespace=namespace,
    )
    statement["result"] = {
        "duration": iso_duration(report.seconds),
        "extensions": {
            STEP_EXTENSION: report.step_index,
            POSITION_EXTENSION: report.position,
            STEPS_EXTENSION: len(lesson.steps),
            MISTAKES_EXTENSION: report.mistakes_on_step,
            TOTAL_MISTAKES_EXTENSION: report.attempt_mistakes,
            TOTAL_SECONDS_EXTENSION: round(report.attempt_seconds, 1),
        },
    }
    if report.session_id:
        statement["context"]["extensions"][SESSION_EXTENSION] = report.session_id
    return statement


def choice_key(action: Expect) -> str:
    """How a choice is named in a statement: the action and its target ("tap:hang-up")."""
    return f"{action.action.value}:{action.target}"


def step_activity(lesson: Lesson, step: Step) -> dict:
    """A step that offers choices, as an xAPI choice interaction: its choices, and the safe
    ones as the correct responses (any one of them is right)."""
    offered: list[Expect] = [step.expect, *step.choices]
    safe = [step.expect, *(c for c in step.choices if c.outcome is ChoiceKind.SAFE)]
    return {
        "objectType": "Activity",
        "id": f"{LESSON_PREFIX}{lesson.id}/steps/{step.id}",
        "definition": {
            "type": INTERACTION_TYPE,
            "name": {"zh-CN": step.say.zh, "en-US": step.say.en},
            "interactionType": "choice",
            "correctResponsesPattern": [choice_key(action) for action in safe],
            "choices": [
                {"id": choice_key(action), "description": {"en-US": f"{action.action.value} {action.target}"}}
                for action in offered
            ],
        },
    }


@dataclass(frozen=True)
class ChoiceReport:
    """A choice made on a step, as the store knows it inside the transaction that logs it."""

    record_id: str  # the step log row: names the statement
    attempt: int
    step_index: int
    choice: Choice
    at: datetime


def choice_answered(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    lesson: Lesson,
    report: ChoiceReport,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """The choice a learner made where a step offered several (hang up, or the scammer's
    "speaker"), and whether it was the safe one: what a tutor and a course author learn from."""
    statement = _lesson_statement(
        "answered",
        centre_home=centre_home,
        kiosk_id=kiosk_id,
        learner_id=learner_id,
        lesson=lesson,
        attempt=report.attempt,
        at=report.at,
        named_by=(report.record_id,),
        namespace=namespace,
    )
    step = lesson.steps[report.step_index]
    statement["object"] = step_activity(lesson, step)
    statement["context"].setdefault("contextActivities", {})["parent"] = [{"id": f"{LESSON_PREFIX}{lesson.id}"}]
    statement["context"]["extensions"][STEP_EXTENSION] = report.step_index
    statement["result"] = {
        "response": choice_key(report.choice),
        "success": report.choice.outcome is ChoiceKind.SAFE,
        "extensions": {CHOICE_OUTCOME_EXTENSION: report.choice.outcome.value},
    }
    return statement


def attended(
    *,
    centre_home: str,
    kiosk_id: str,
    learner_id: str,
    day: date,
    at: datetime,
    namespace: uuid.UUID = NAMESPACE,
) -> dict:
    """The learner came to the centre that day (signed in at a kiosk); once per day and kiosk."""
    return {
        # Per kiosk: a learner who moves to another kiosk the same day makes a second, different
        # record, which must not collide with the first (the centre would refuse it with 409).
        "id": statement_id("attended", learner_id, day.isoformat(), kiosk_id, namespace=namespace),
        "actor": actor(centre_home, learner_id),
        "verb": verb("attended"),
        "object": {
            "objectType": "Activity",
            "id": f"{centre_home.rstrip('/')}/days/{day.isoformat()}",
            "definition": {"type": CENTRE_TYPE, "name": {"en-US": f"Centre day {day.isoformat()}"}},
        },
        "context": context_of(kiosk_id),
        "timestamp": timestamp(at),
    }


@dataclass(frozen=True)
class KioskIdentity:
    """Who makes the statements: this kiosk, for learners of this centre, with ids in the
    centre's namespace (centre_namespace) once it has one, else SilverSteps' own."""

    kiosk_id: str
    centre_home: str
    namespace: uuid.UUID = NAMESPACE

    def start_of(self, learner_id: str, lesson: Lesson) -> Callable[[int, datetime], dict]:
        """The statement maker the store calls once it knows the attempt number."""
        return lambda attempt, at: lesson_started(
            centre_home=self.centre_home,
            kiosk_id=self.kiosk_id,
            learner_id=learner_id,
            lesson=lesson,
            attempt=attempt,
            at=at,
            namespace=self.namespace,
        )

    def completion_of(self, learner_id: str, lesson: Lesson) -> Callable[[int, float, int, datetime], dict]:
        return lambda attempt, seconds, mistakes, at: lesson_completed(
            centre_home=self.centre_home,
            kiosk_id=self.kiosk_id,
            learner_id=learner_id,
            lesson=lesson,
            attempt=attempt,
            seconds=seconds,
            mistakes=mistakes,
            at=at,
            namespace=self.namespace,
        )

    def step_of(self, learner_id: str, lesson: Lesson, session_id: str | None = None) -> Callable[[StepReport], dict]:
        """`session_id`: the class session the learner is checked in to now, so the centre can
        count their time in it."""
        return lambda report: step_progressed(
            centre_home=self.centre_home,
            kiosk_id=self.kiosk_id,
            learner_id=learner_id,
            lesson=lesson,
            report=replace(report, session_id=session_id),
            namespace=self.namespace,
        )

    def choice_of(self, learner_id: str, lesson: Lesson) -> Callable[[ChoiceReport], dict]:
        return lambda report: choice_answered(
            centre_home=self.centre_home,
            kiosk_id=self.kiosk_id,
            learner_id=learner_id,
            lesson=lesson,
            report=report,
            namespace=self.namespace,
        )

    def attendance(self, learner_id: str, at: datetime) -> dict:
        local_day = at.astimezone().date()
        return attended(
            centre_home=self.centre_home,
            kiosk_id=self.kiosk_id,
            learner_id=learner_id,
            day=local_day,
            at=at,
            namespace=self.namespace,
        )
