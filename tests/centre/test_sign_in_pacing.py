"""Failed sign-ins and enrolment guesses from one address are slowed and, past a limit, refused
before any slow check runs; a kiosk at the same address that signs in right is never slowed.
The pacing rules with a clock the test moves, then the real server over HTTP."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from app.centre.api import sign_in_pacing
from app.centre.api.sign_in_pacing import (
    FIRST_DELAY_SECONDS,
    FORGIVEN_EVERY_SECONDS,
    LONGEST_DELAY_SECONDS,
    REFUSED_ABOVE,
    SignInPacing,
)
from tests.centre.support import VERSION, Centre, enrol_kiosk, make_enrol_code, make_key, running_centre, statement


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_failures_are_answered_at_once_then_each_waits_longer_up_to_a_cap():
    pacing = SignInPacing(free_failures=10, clock=Clock())
    delays = [pacing.note_failure("10.0.0.7") for _ in range(20)]
    assert delays[:10] == [0.0] * 10
    assert delays[10:14] == [FIRST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2, FIRST_DELAY_SECONDS * 4, 2.0]
    assert delays[-1] == LONGEST_DELAY_SECONDS
    assert pacing.note_failure("10.0.0.8") == 0.0, "another address has its own count"


def test_failures_are_forgotten_with_time():
    clock = Clock()
    pacing = SignInPacing(free_failures=10, clock=clock)
    for _ in range(12):
        pacing.note_failure("10.0.0.7")
    clock.now += 3 * FORGIVEN_EVERY_SECONDS
    assert pacing.note_failure("10.0.0.7") == 0.0, "12 - 3 forgiven + 1 = 10: free again"
    clock.now += 3600
    assert [pacing.note_failure("10.0.0.7") for _ in range(10)] == [0.0] * 10


def test_past_the_limit_an_address_is_refused_for_as_long_as_it_takes_to_fall_below():
    clock = Clock()
    pacing = SignInPacing(free_failures=10, clock=clock)
    for _ in range(REFUSED_ABOVE - 1):
        pacing.note_failure("10.0.0.7")
    assert pacing.refused_for("10.0.0.7") == 0
    pacing.note_failure("10.0.0.7")
    assert pacing.refused_for("10.0.0.7") == FORGIVEN_EVERY_SECONDS
    clock.now += FORGIVEN_EVERY_SECONDS
    assert pacing.refused_for("10.0.0.7") == 0
    assert pacing.refused_for("10.0.0.8") == 0


def test_memory_stays_flat_however_many_addresses_fail(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sign_in_pacing, "ADDRESSES_KEPT", 100)
    pacing = SignInPacing(free_failures=10, clock=Clock())
    for number in range(1000):
        pacing.note_failure(f"10.0.{number // 256}.{number % 256}")
    assert len(pacing._failures) == 100


@pytest.fixture
def paced_centre(tmp_path: Path):
    with running_centre(f"sqlite:///{tmp_path / 'centre.db'}", tmp_path / "server.log") as centre:
        yield centre


async def _together(centre: Centre, count: int, **request: object) -> list[httpx.Response]:
    async with httpx.AsyncClient(base_url=centre.url, headers=VERSION, timeout=60) as client:
        return await asyncio.gather(*(client.request(**request) for _ in range(count)))  # type: ignore[arg-type]


def test_a_stranger_trying_secrets_is_slowed_then_refused_while_a_kiosk_at_the_same_address_is_not(
    paced_centre: Centre,
):
    key, secret = make_key(paced_centre.db, "tool at the desk")
    kiosk = enrol_kiosk(paced_centre, "kiosk 1")
    started = time.monotonic()
    wrong = asyncio.run(
        _together(paced_centre, REFUSED_ABOVE + 5, method="GET", url="/xapi/statements", auth=(key, "not-it"))
    )
    # 401, or 429 for those that arrived after the others had pushed the address past the limit
    assert 401 in {answer.status_code for answer in wrong} <= {401, 429}
    assert time.monotonic() - started >= LONGEST_DELAY_SECONDS, "the later failures were answered slowly"

    right = httpx.get(f"{paced_centre.url}/xapi/statements", auth=(key, secret), headers=VERSION, timeout=60)
    assert right.status_code == 429, "not even the right secret is checked from this address for now"
    assert int(right.headers["Retry-After"]) > 0
    assert "Too many failed sign-ins" in right.json()["error"]

    started = time.monotonic()
    with paced_centre.client(kiosk["token"]) as signed_in:
        assert signed_in.post("/xapi/statements", json=statement()).status_code == 200
    assert time.monotonic() - started < 2, "the kiosk's own token is not slowed"
    assert "failed sign-ins from 127.0.0.1 are being slowed down" in paced_centre.log_text()


def test_made_up_keys_are_refused_without_hashing_and_guessed_codes_are_paced_and_logged(paced_centre: Centre):
    centre = paced_centre
    started = time.monotonic()
    made_up = [
        httpx.get(f"{centre.url}/xapi/statements", auth=(f"{n:024x}", "x"), headers=VERSION, timeout=30)
        for n in range(10)
    ]
    assert {answer.status_code for answer in made_up} == {401}
    assert time.monotonic() - started < 2, "ten made-up keys: no scrypt, no pacing yet"

    guess = {"code": "2345-6789", "name": "k"}
    guesses = asyncio.run(_together(centre, REFUSED_ABOVE + 5, method="POST", url="/api/v1/kiosks/enrol", json=guess))
    assert 404 in {answer.status_code for answer in guesses} <= {404, 429}
    real_code = make_enrol_code(centre.db)
    refused = httpx.post(f"{centre.url}/api/v1/kiosks/enrol", json={"code": real_code, "name": "k"}, timeout=30)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "enrolment refused for 127.0.0.1" in centre.log_text()
