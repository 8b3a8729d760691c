"""Completions per learner for lifelong-learning (credit bank) accounts: a CSV for staff and
the same records as xAPI 1.0.3 statements, a JSON array a learning record store takes in one
POST to /statements.

Each statement has the id the kiosk gave the same completion (`app.core.xapi`: UUID 5 of
learner, lesson and attempt), so a store that already holds it keeps one copy: xAPI stores
answer 409 Conflict for an id they have with other content, which here means "already
recorded", never a second credit. As on the kiosk, the learner is an opaque account of the
centre (`centre_home`), never a name."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from app.core.xapi import (
    ACTIVITY_ROOT,
    LESSON_TYPE,
    MISTAKES_EXTENSION,
    NAMESPACE,
    VERBS,
    attempt_registration,
    iso_duration,
    statement_id,
)
from app.exports.atomic import atomic_write_text
from app.exports.cells import COMPLETION_HEADERS, LocalClock, csv_text, minutes
from app.exports.csv_writer import write_csv
from app.exports.progress import DEFAULT_EVERY, Progress, Ticker, total_of
from app.exports.records import CompletionRow

PLATFORM = "SilverSteps"


def completion_cells() -> Callable[[CompletionRow], tuple[object, ...]]:
    """The function that turns one completion into CSV text, in the order of COMPLETION_HEADERS."""
    local = LocalClock().text

    def cells(row: CompletionRow) -> tuple[object, ...]:
        return (
            row.learner_id,
            csv_text(row.learner_name),
            row.lesson_id,
            csv_text(row.lesson_title),
            row.theme,
            local(row.completed_at),
            minutes(row.seconds),
            row.mistakes,
            row.attempt,
        )

    return cells


def write_completions_csv(
    rows: Iterable[CompletionRow],
    path: Path,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = DEFAULT_EVERY,
) -> int:
    """UTF-8 with BOM, like the attendance CSV; returns the number of rows."""
    return write_csv(
        path,
        COMPLETION_HEADERS,
        map(completion_cells(), rows),
        total=total_of(rows, total),
        progress=progress,
        every=every,
    )


def _timestamp(moment: datetime) -> str:
    """UTC with milliseconds and Z; a moment without a zone is UTC already (see records)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def completion_statement(row: CompletionRow, *, centre_home: str, namespace: uuid.UUID = NAMESPACE) -> dict:
    """The xAPI statement for one completion, with the id and registration its kiosk gave it
    (`namespace`: the centre's, app.core.xapi.centre_namespace, for an enrolled kiosk)."""
    verb_iri, english, chinese = VERBS["completed"]
    return {
        "id": statement_id("completed", row.learner_id, row.lesson_id, row.attempt, namespace=namespace),
        "actor": {"objectType": "Agent", "account": {"homePage": centre_home, "name": row.learner_id}},
        "verb": {"id": verb_iri, "display": {"en-US": english, "zh-CN": chinese}},
        "object": {
            "objectType": "Activity",
            "id": f"{ACTIVITY_ROOT}/lessons/{row.lesson_id}",
            "definition": {"type": LESSON_TYPE, "name": {"zh-CN": row.lesson_title}},
        },
        "result": {
            "completion": True,
            "success": True,
            "duration": iso_duration(row.seconds),
            "extensions": {MISTAKES_EXTENSION: row.mistakes},
        },
        "context": {
            "registration": attempt_registration(row.learner_id, row.lesson_id, row.attempt, namespace),
            "platform": PLATFORM,
            "contextActivities": {"grouping": [{"id": f"{ACTIVITY_ROOT}/themes/{row.theme}"}]},
        },
        "timestamp": _timestamp(row.completed_at),
    }


def write_completions_xapi(
    rows: Iterable[CompletionRow],
    path: Path,
    *,
    centre_home: str,
    namespace: uuid.UUID = NAMESPACE,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = DEFAULT_EVERY,
) -> int:
    """A JSON array of statements (UTF-8, one statement per line), written as the rows come;
    returns how many. `centre_home` is the centre's account home page, as the kiosks use."""
    ticker = Ticker(progress, total_of(rows, total), every)
    with atomic_write_text(path, encoding="utf-8", newline="\n") as stream:
        stream.write("[")
        separator = "\n"
        for row in rows:
            stream.write(separator)
            statement = completion_statement(row, centre_home=centre_home, namespace=namespace)
            stream.write(json.dumps(statement, ensure_ascii=False))
            separator = ",\n"
            ticker.tick()
        stream.write("\n]\n")
    ticker.finish()
    return ticker.done
