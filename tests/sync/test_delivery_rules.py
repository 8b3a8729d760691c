"""How `deliver` reads a refusal: the same 403 means "not your statement" from a SilverSteps
centre (set that one aside, send the rest) and "not your credential" from another store (stop)."""

from __future__ import annotations

import httpx
import pytest

from app.sync.delivery import CENTRE_REFUSED_STATUSES, Refused, deliver

FOREIGN = {"s3", "s7"}  # ids another centre stored first


def post(items: list[str]) -> httpx.Response:
    if FOREIGN & set(items):
        return httpx.Response(403, json={"error": "Statement belongs to another centre."})
    return httpx.Response(200, json=items)


def test_a_centre_s_403_sets_that_statement_aside_and_sends_the_rest():
    delivered: list[str] = []
    aside: dict[str, str] = {}
    batch = [f"s{i}" for i in range(10)]
    took = deliver(batch, post, delivered.extend, aside.__setitem__, refused=CENTRE_REFUSED_STATUSES)
    assert took == 8 and sorted(delivered) == sorted(set(batch) - FOREIGN)
    assert set(aside) == FOREIGN and all(words.startswith("403: Statement belongs") for words in aside.values())


def test_a_401_from_the_centre_stops_everything():
    with pytest.raises(Refused, match="401"):
        refuse = lambda _items: httpx.Response(401, json={"error": "unknown key"})  # noqa: E731
        deliver(["s1"], refuse, print, print, refused=CENTRE_REFUSED_STATUSES)


def test_another_store_s_403_is_taken_as_the_credential_s():
    delivered: list[str] = []
    with pytest.raises(Refused, match="403"):
        deliver([f"s{i}" for i in range(10)], post, delivered.extend, lambda *_: None, store="the city's store")
    assert delivered == []
