"""The orjson fast path gives the json module's answers: the same canonical text (fingerprints
made before it must still match), the same documents read, the same refusals in the same words."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.centre.xapi.fast_json import dumps_compact, dumps_sorted, loads_quickly
from app.centre.xapi.validation import MAX_DEPTH, strict_loads

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # JSON has no lone surrogate
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False, allow_infinity=False)
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)


def old_sorted(document: Any) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def outcome(read: Any, text: str) -> Any:
    try:
        return ("read", read(text))
    except ValueError as error:
        return ("refused", type(error).__name__, str(error))


def quickly(text: str) -> Any:
    return loads_quickly(text, MAX_DEPTH, strict_loads)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_sorted_text_is_the_json_modules_exactly(document: Any) -> None:
    assert dumps_sorted(document) == old_sorted(document)


@pytest.mark.parametrize("number", [1e-05, 9.9e-05, 0.0001, 1e16, 1.5e300, -2.5e-7, 0.1, 2.0, 2**64, -(2**63) - 1])
def test_floats_orjson_spells_differently_take_the_json_modules_path(number: float) -> None:
    document = {"result": {"score": {"raw": number}}, "id": "53eb55cc-02d6-5b22-a82f-a3aebe5df97d"}
    assert dumps_sorted(document) == old_sorted(document)
    assert json.loads(dumps_compact(document)) == document


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from([None, 1, 2]))
def test_what_is_read_is_what_the_strict_reader_reads(document: Any, indent: int | None) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    assert outcome(quickly, text) == outcome(strict_loads, text)
    assert json.loads(dumps_compact(document)) == document


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '[{"x": {"k": "v", "k" : "w"}}]',
        '{"a:": "\\"b\\":", "a:": 1}',  # colons and escaped quotes inside strings
        '{"big": 123456789012345678901234567890}',
        '{"n": NaN}',
        '{"n": 1e400}',
        '["\\ud800"]',
        '{"a": 1,}',
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "[" * MAX_DEPTH + "]" * MAX_DEPTH,
        '{"s": "\\" : \\"", "t": {"u": [1, 2.5, "\\\\"]}}',
    ],
)
def test_unusual_bodies_get_the_strict_readers_answer(text: str) -> None:
    assert outcome(quickly, text) == outcome(strict_loads, text)
