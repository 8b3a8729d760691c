"""Completions for lifelong-learning accounts: a CSV read back row by row, and xAPI statements
that the centre's own statement checks accept and that carry the ids the kiosk gave the same
completions."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.centre.xapi.validation import parse_statements
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import lesson_completed
from app.exports.cells import COMPLETION_HEADERS
from app.exports.completions import completion_statement, write_completions_csv, write_completions_xapi
from app.exports.records import CompletionRow

from .samples import completion_rows

CENTRE_HOME = "https://jingan.silversteps.example.cn"
ROWS = 150


def test_every_completion_reads_back_from_the_csv(tmp_path: Path, shanghai_time: None) -> None:
    target = tmp_path / "completions.csv"
    assert write_completions_csv(completion_rows(ROWS), target) == ROWS
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == list(COMPLETION_HEADERS)
    expected = [
        [
            row.learner_id,
            row.learner_name,
            row.lesson_id,
            row.lesson_title,
            row.theme,
            (row.completed_at.replace(tzinfo=None) + (datetime(2000, 1, 1, 8) - datetime(2000, 1, 1))).strftime(
                "%Y-%m-%d %H:%M"
            ),
            str(round(row.seconds / 60, 1)),
            str(row.mistakes),
            str(row.attempt),
        ]
        for row in completion_rows(ROWS)
    ]
    assert rows == expected


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    target = tmp_path_factory.mktemp("xapi") / "completions.json"
    assert write_completions_xapi(completion_rows(ROWS), target, centre_home=CENTRE_HOME) == ROWS
    return target, json.loads(target.read_text(encoding="utf-8"))


def test_the_json_array_is_accepted_by_the_centres_statement_checks(statements: tuple[Path, list[dict]]) -> None:
    target, documents = statements
    assert len(documents) == ROWS
    assert parse_statements(target.read_bytes()) == documents
    assert len({document["id"] for document in documents}) == ROWS
    assert "欧阳娜娜" not in target.read_text(encoding="utf-8"), "learners are accounts, never names"


def test_statements_carry_what_the_csv_says(statements: tuple[Path, list[dict]]) -> None:
    _, documents = statements
    for row, document in zip(completion_rows(ROWS), documents, strict=True):
        assert document["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": CENTRE_HOME, "name": row.learner_id},
        }
        assert document["object"]["id"].endswith(f"/lessons/{row.lesson_id}")
        assert document["object"]["definition"]["name"] == {"zh-CN": row.lesson_title}
        assert document["context"]["contextActivities"]["grouping"] == [
            {"id": f"https://silversteps.org/xapi/themes/{row.theme}"}
        ]
        assert document["timestamp"] == row.completed_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_a_statement_has_the_id_and_result_the_kiosk_gave_the_same_completion() -> None:
    lesson = load_courses([courses_dir()]).lessons[0]
    at = datetime(2026, 3, 2, 2, 15, 30, tzinfo=UTC)
    kiosk = lesson_completed(
        centre_home=CENTRE_HOME,
        kiosk_id="kiosk-7",
        learner_id="0f8fad5b-d9cb-469f-a165-70867728950e",
        lesson=lesson,
        attempt=2,
        seconds=312.5,
        mistakes=3,
        at=at,
    )
    row = CompletionRow(
        "0f8fad5b-d9cb-469f-a165-70867728950e", "张伟", lesson.id, lesson.title.zh, lesson.theme, at, 312.5, 3, 2
    )
    ours = completion_statement(row, centre_home=CENTRE_HOME)
    for key in ("id", "actor", "verb", "result", "timestamp"):
        assert ours[key] == kiosk[key], key
    assert ours["object"]["id"] == kiosk["object"]["id"]
    assert ours["context"]["registration"] == kiosk["context"]["registration"]


def test_no_completions_make_an_empty_array(tmp_path: Path) -> None:
    target = tmp_path / "none.json"
    assert write_completions_xapi(iter(()), target, centre_home=CENTRE_HOME) == 0
    assert json.loads(target.read_text()) == []
