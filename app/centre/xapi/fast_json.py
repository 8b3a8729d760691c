"""JSON on the centre's ingest path with orjson, for the statements kiosks send every minute: the
standard json module spent about 60 µs of each statement's 300 reading, writing and writing
sorted (bench/bench_ingest.py). orjson is taken only where its answer is the same as the json
module's; everywhere else the json module's own path runs, so every refusal, message and
stored value is as it was:

- reading: orjson keeps the last of a repeated property and reads integers past 64 bits as
  floats; a body with a long run of digits, or whose objects hold fewer properties than the
  text names, is read again by the strict reader, which refuses or keeps it exactly;
- writing: orjson spells very small and very large floats differently (0.00001 and 1e-7, not
  1e-05 and 1e-07) and refuses integers past 64 bits; such documents are written by the json
  module when the exact text matters (a fingerprint)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

# Every JSON string, and whether a colon follows it (so it is a property name). Outside strings
# valid JSON has no quote, so each match starts where a string starts.
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"\s*(:?)')
_LONG_NUMBER = re.compile(r"[0-9]{19}")  # may not fit in 64 bits
# A number orjson may spell unlike the json module: with an exponent, or below 1e-4 (0.00001
# where json writes 1e-05). Checked against 1.2 million random floats; a string that happens to
# match only takes the json module's path.
_FLOAT_WRITTEN_APART = re.compile(rb"[:,\[]-?(?:[0-9]+(?:\.[0-9]+)?e|0\.0000)")


def _properties_and_depth(document: Any) -> tuple[int, int]:
    """How many properties all objects hold, and how deep the document nests; without recursion."""
    properties, deepest = 0, 0
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            properties += len(value)
            deepest = max(deepest, depth)
            pending += [(item, depth + 1) for item in value.values() if isinstance(item, dict | list)]
        elif isinstance(value, list):
            deepest = max(deepest, depth)
            pending += [(item, depth + 1) for item in value if isinstance(item, dict | list)]
    return properties, deepest


def loads_quickly(text: str, max_depth: int, strict_loads: Callable[[str], Any]) -> Any:
    """`strict_loads(text)`'s answer, by orjson when the text is plain JSON within `max_depth`."""
    if _LONG_NUMBER.search(text):
        return strict_loads(text)
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError:
        return strict_loads(text)  # for its message
    properties, depth = _properties_and_depth(document)
    if depth > max_depth or properties != _STRINGS.findall(text).count(":"):
        return strict_loads(text)  # too deep, or a property repeated: refused in its words
    return document


def dumps_compact(document: Any) -> str:
    """json.dumps(document, ensure_ascii=False, separators=(",", ":")), as a value: the text may
    differ in how a float is spelt."""
    try:
        return orjson.dumps(document).decode()
    except TypeError:  # an integer past 64 bits
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def dumps_sorted(document: Any) -> str:
    """json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")), exactly:
    fingerprints made before orjson was used must still match."""
    try:
        text = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        text = b"e"  # an integer past 64 bits: the json module's path below
    if _FLOAT_WRITTEN_APART.search(text) or text == b"e":
        return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.decode()
