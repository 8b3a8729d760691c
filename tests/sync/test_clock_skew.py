"""Kiosks whose clocks are hours off the centre's. Each kiosk runs in its own process under
libfaketime (one 5 hours ahead, one 5 hours behind), with its real store, outbox and sync
worker, and both send to the real centre at once while a reader polls the centre the way an
xAPI client should (since = the last X-Experience-API-Consistent-Through, `more` pages).

Shown: every statement a kiosk made arrives once and unaltered (its timestamp still the
kiosk's own); `stored` is the centre's clock, and since/until and `more` paging go by it, so a
reader misses nothing and sees nothing twice although the statements' timestamps are ten hours
apart; and a Retry-After date is read against the centre's Date header, not the kiosk's clock."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.xapi import XAPI_VERSION
from app.sync.delivery import retry_after_seconds
from tests.sync.test_sync_with_centre import ROOT, Centre

pytestmark = pytest.mark.slow
needs_faketime = pytest.mark.skipif(
    shutil.which("faketime") is None, reason="libfaketime (Debian package faketime) is missing"
)
SKEWS = {"+5h": timedelta(hours=5), "-5h": timedelta(hours=-5)}
LEARNERS = 6
SERVER_SET = ("stored", "authority", "version")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def start_kiosk(skew: str, data_dir: Path, centre: Centre) -> subprocess.Popen[str]:
    key, secret = centre.key(f"kiosk {skew}")
    kiosk = [sys.executable, "-m", "tests.sync.skewed_kiosk", str(data_dir), centre.url, key, secret, str(LEARNERS)]
    return subprocess.Popen(
        ["faketime", "-f", skew, *kiosk],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1", "PYTHONUNBUFFERED": "1"},
    )


class Reader:
    """Polls the centre as a learning record tool would, until told to stop: each poll asks for
    what was stored `since` the newest `stored` seen so far, or (`by_header`) since the
    X-Experience-API-Consistent-Through of the previous poll, and follows `more`."""

    def __init__(self, centre: Centre, since: datetime, by_header: bool) -> None:
        self.centre = centre
        self.by_header = by_header
        self.since = since.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.seen: list[dict[str, Any]] = []
        self.done = threading.Event()
        self.key, self.secret = centre.key("reader")

    def poll(self, client: httpx.Client) -> None:
        page = client.get("/xapi/statements", params={"since": self.since, "ascending": "true", "limit": 7})
        consistent_through = page.headers["X-Experience-API-Consistent-Through"]
        while True:
            assert page.status_code == 200, page.text
            self.seen += page.json()["statements"]
            if not page.json()["more"]:
                break
            page = client.get(page.json()["more"])
        if self.by_header:
            self.since = consistent_through
        elif self.seen:
            self.since = max((item["stored"] for item in self.seen), key=parse)

    def run(self) -> None:
        with httpx.Client(
            base_url=self.centre.url, auth=(self.key, self.secret), headers={"X-Experience-API-Version": XAPI_VERSION}
        ) as client:
            while not self.done.wait(0.05):
                self.poll(client)
            self.poll(client)


def without_server_fields(document: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name not in SERVER_SET}


@needs_faketime
def test_kiosks_hours_off_lose_double_and_alter_nothing(centre: Centre, tmp_path: Path):
    began = datetime.now(UTC) - timedelta(milliseconds=1)
    reader, by_header = Reader(centre, began, by_header=False), Reader(centre, began, by_header=True)
    polling = [threading.Thread(target=reader.run), threading.Thread(target=by_header.run)]
    for thread in polling:
        thread.start()
    kiosks = {skew: start_kiosk(skew, tmp_path / f"kiosk{n}", centre) for n, skew in enumerate(SKEWS)}
    reports = {}
    for skew, process in kiosks.items():
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        reports[skew] = json.loads(out.splitlines()[-1])
    for thread in polling:
        reader.done.set()
        by_header.done.set()
        thread.join(60)
    ended = datetime.now(UTC) + timedelta(milliseconds=1)

    made: dict[str, dict[str, Any]] = {}
    for skew, report in reports.items():
        off = parse(report["clock_before"]) - began
        assert abs(off - SKEWS[skew]) < timedelta(minutes=2), f"the kiosk's clock is not {skew} off: {off}"
        assert (report["waiting"], report["set_aside"], report["problem"]) == (0, 0, None)
        assert len(report["statements"]) > LEARNERS * 4
        for statement in report["statements"]:
            assert abs(parse(statement["timestamp"]) - began - SKEWS[skew]) < timedelta(minutes=2)
            made[statement["id"]] = statement

    # None missing, none twice, none altered; stored by the centre's clock.
    with httpx.Client(
        base_url=centre.url, auth=(reader.key, reader.secret), headers={"X-Experience-API-Version": XAPI_VERSION}
    ) as client:
        held = []
        for ascending in ("true", "false"):
            page = client.get("/xapi/statements", params={"ascending": ascending, "limit": 9})
            ids = []
            while True:
                ids += [item["id"] for item in page.json()["statements"]]
                if not page.json()["more"]:
                    break
                page = client.get(page.json()["more"])
            assert sorted(ids) == sorted(made), f"ascending={ascending}"
        for statement_id, sent in made.items():
            stored = client.get("/xapi/statements", params={"statementId": statement_id}).json()
            assert without_server_fields(stored) == without_server_fields(sent)
            assert began <= parse(stored["stored"]) <= ended
            held.append(stored)

        window = {"since": began.isoformat(), "until": ended.isoformat(), "limit": 500}
        assert len(client.get("/xapi/statements", params=window).json()["statements"]) == len(made)
        assert client.get("/xapi/statements", params={"since": ended.isoformat()}).json()["statements"] == []
        assert client.get("/xapi/statements", params={"until": began.isoformat()}).json()["statements"] == []

    # The readers, polling while both kiosks sent: the one asking since the newest `stored` it
    # had seen got each statement exactly once; the one going by Consistent-Through missed none
    # (it may see a statement twice: one stored after the header was taken, in the same poll).
    seen = [item["id"] for item in reader.seen]
    assert len(seen) == len(set(seen)) and set(seen) == set(made)
    assert {item["id"] for item in by_header.seen} == set(made)

    # A Retry-After date 30 s ahead of the centre: the kiosk's own clock would make it five
    # hours (or nothing); measured from the centre's Date header it is 30 s on both.
    for report in reports.values():
        assert report["retry_after_by_centre_date"] == 30.0
    assert reports["+5h"]["retry_after_by_own_clock"] == 0.0
    assert reports["-5h"]["retry_after_by_own_clock"] > 4 * 3600


def test_retry_after_is_read_against_the_answers_own_date():
    centre_now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    kiosk_now = centre_now - timedelta(hours=5)
    retry_at = format_datetime(centre_now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(retry_at, kiosk_now) == 5 * 3600 + 30  # by the kiosk's clock alone
    assert retry_after_seconds(retry_at, kiosk_now, date=format_datetime(centre_now, usegmt=True)) == 30
    assert retry_after_seconds(retry_at, kiosk_now, date="not a date") == 5 * 3600 + 30
    # Both raised before, out of the worker's round: "²" passes str.isdigit, and a "-0000" zone
    # makes a naive datetime.
    assert retry_after_seconds("²") is None
    assert retry_after_seconds("Wed, 25 Nov 2026 12:00:30 -0000", centre_now) == 30
