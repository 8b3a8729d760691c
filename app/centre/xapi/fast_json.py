"""JSON written on the centre's ingest path with orjson: the json module spent about 30 µs of
each statement writing it twice (the stored document, and the sorted canonical form a resent
statement is compared by; bench/bench_ingest.py). orjson's text is used only where it is the
json module's answer, or where the exact spelling does not matter:

- orjson spells very small and very large floats differently (0.00001 and 1e-7, not 1e-05 and
  1e-07) and refuses integers past 64 bits; a canonical form with such a number is written by
  the json module, so the canonical form is the one centre databases kept fingerprints of
  before migration 0008 (whose downgrade makes them again);
- a stored document may spell a float either way: both read back as the same number.

Reading stays with the json module (validation.strict_loads): orjson keeps the last of a
repeated property and reads integers past 64 bits as floats, and checking for both cost more
than orjson saved."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

# A number orjson may spell unlike the json module: with an exponent, or below 1e-4 (0.00001
# where json writes 1e-05), as a value, an item or the whole text. Checked against 1.2 million
# random floats; a string that happens to match only takes the json module's path.
_FLOAT_WRITTEN_APART = re.compile(rb"(?:\A|[:,\[])-?(?:[0-9]+(?:\.[0-9]+)?e|0\.0000)")


def dumps_compact(document: Any) -> str:
    """json.dumps(document, ensure_ascii=False, separators=(",", ":")), as a value: the text may
    differ in how a float is spelt."""
    try:
        return orjson.dumps(document).decode()
    except orjson.JSONEncodeError:  # an integer past 64 bits
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def dumps_sorted(document: Any) -> str:
    """json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")), exactly:
    the fingerprints of databases before migration 0008 were taken of this text."""
    try:
        text: bytes | None = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # an integer past 64 bits
        text = None
    if text is None or _FLOAT_WRITTEN_APART.search(text):
        return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.decode()
