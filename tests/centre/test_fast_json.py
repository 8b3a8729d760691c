"""orjson writes what the json module wrote: the same canonical text (fingerprints made before
must still match), and stored documents that read back as the same values."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.centre.xapi.fast_json import dumps_compact, dumps_sorted

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # JSON has no lone surrogate
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False, allow_infinity=False)
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)


def old_sorted(document: Any) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_sorted_text_is_the_json_modules_exactly(document: Any) -> None:
    assert dumps_sorted(document) == old_sorted(document)


@pytest.mark.parametrize("number", [1e-05, 9.9e-05, 0.0001, 1e16, 1.5e300, -2.5e-7, 0.1, 2.0, 2**64, -(2**63) - 1])
def test_floats_orjson_spells_differently_take_the_json_modules_path(number: float) -> None:
    document = {"result": {"score": {"raw": number}}, "id": "53eb55cc-02d6-5b22-a82f-a3aebe5df97d"}
    assert dumps_sorted(document) == old_sorted(document)
    assert json.loads(dumps_compact(document)) == document
    assert dumps_sorted(number) == old_sorted(number), "a number as the whole text"
    assert dumps_sorted([number]) == old_sorted([number])


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_a_stored_document_reads_back_as_the_same_values(document: Any) -> None:
    assert json.loads(dumps_compact(document)) == document
