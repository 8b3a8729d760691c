"""Helpers for the centre tests: the real server in a subprocess (`python -m app centre serve
--port 0`), found through the `listening on` line it prints; credentials made with `centre key`;
and statements as a kiosk sends them."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.centre.scopes import KIOSK_TOKEN_SCOPES, STAFF

ROOT = Path(__file__).resolve().parents[2]
VERSION = {"X-Experience-API-Version": "1.0.3"}
START_SECONDS = 60


@dataclass
class Centre:
    """A running centre server: its address, database and process."""

    url: str
    db: str
    process: subprocess.Popen[str]
    log: Path

    def client(self, credential: tuple[str, str] | str | None = None, **headers: str) -> httpx.Client:
        """An xAPI client: version header set, signed in with `credential` if given (key and
        secret for HTTP Basic, or a kiosk's device token for Bearer)."""
        auth = Bearer(credential) if isinstance(credential, str) else credential
        return httpx.Client(base_url=self.url, auth=auth, headers={**VERSION, **headers}, timeout=30)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


# What an enrolled kiosk's token may do, for a key standing in for a kiosk
AS_KIOSK = tuple(sorted(KIOSK_TOKEN_SCOPES))
# A kiosk and its staff's work with one key: a test's shortcut past the staff sign-in, which
# tests/centre/test_staff_sign_in.py tries for itself
AS_KIOSK_AND_STAFF = (*AS_KIOSK, STAFF)


def make_key(db: str, name: str = "kiosk", centre: str = "default", *scopes: str) -> tuple[str, str]:
    """`silversteps centre key` as an operator runs it, with `--scope` for each of `scopes`
    (none: the command's default, the statements scopes); returns (key, secret)."""
    asked = [word for scope in scopes for word in ("--scope", scope)]
    result = subprocess.run(
        [sys.executable, "-m", "app", "centre", "key", "--name", name, "--centre", centre, *asked, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    key, secret = result.stdout.split()
    return key, secret


def silversteps(*words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *words], cwd=ROOT, capture_output=True, text=True, timeout=120)


def make_enrol_code(db: str, centre: str = "default", valid_hours: str = "24") -> str:
    """`silversteps centre enrol-code` as staff run it; returns the XXXX-XXXX code."""
    result = silversteps("centre", "enrol-code", "--centre", centre, "--db", db, "--valid-hours", valid_hours)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[0]


def enrol_kiosk(centre: Centre, name: str = "kiosk", centre_id: str = "default") -> dict[str, str]:
    """A fresh code, traded for a device token: {"kiosk_id", "token", "centre", "ids_key"}."""
    code = make_enrol_code(centre.db, centre_id)
    response = httpx.post(f"{centre.url}/api/v1/kiosks/enrol", json={"code": code, "name": name}, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()


class Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


def _first_line(process: subprocess.Popen[str], seconds: float) -> str:
    """The first stdout line, or "" if none came in time (a thread, so a silent server cannot hang us)."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline() if process.stdout else ""))
    reader.daemon = True
    reader.start()
    reader.join(seconds)
    return lines[0] if lines else ""


SILVERSTEPS = (sys.executable, "-m", "app")


def start_centre(db: str, log: Path, *options: str, program: Sequence[str] = SILVERSTEPS) -> Centre:
    """`centre serve` on a free port; `program` the command line up to `centre`."""
    command = [*program, "centre", "serve", "--db", db, "--port", "0", *options]
    with log.open("a") as log_file:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log_file, text=True)
    line = _first_line(process, START_SECONDS)
    if not line.startswith("listening on http://127.0.0.1:"):
        process.kill()
        process.wait()
        if process.stdout:
            process.stdout.close()
        pytest.fail(f"the centre did not start (first line {line!r}):\n{log.read_text(errors='replace')}")
    return Centre(url=line.split()[-1], db=db, process=process, log=log)


def stop_centre(centre: Centre, how: signal.Signals = signal.SIGTERM) -> int:
    """Stop the server (SIGTERM: gracefully; SIGKILL: as a power cut would) and return its exit code."""
    if centre.process.poll() is None:
        centre.process.send_signal(how)
    try:
        code = centre.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        centre.process.kill()
        code = centre.process.wait()
    if centre.process.stdout:
        centre.process.stdout.close()
    return code


@contextmanager
def running_centre(db: str, log: Path, *options: str) -> Iterator[Centre]:
    centre = start_centre(db, log, *options)
    try:
        yield centre
    finally:
        stop_centre(centre)


def statement(**changes: Any) -> dict[str, Any]:
    """A valid statement with a fresh id: a learner completed a lesson on the kiosk."""
    document: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "name": "王阿姨",
            "account": {"homePage": "https://kiosk.example", "name": "L1"},
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed", "zh-CN": "完成"}},
        "object": {
            "objectType": "Activity",
            "id": "https://silversteps.example/lessons/video-call",
            "definition": {"name": {"en-US": "A video call", "zh-CN": "视频通话"}},
        },
        "result": {
            "completion": True,
            "success": True,
            "duration": "PT4M12S",
            "score": {"raw": 9, "min": 0, "max": 10},
        },
        "context": {"registration": str(uuid.uuid4()), "platform": "SilverSteps kiosk", "language": "zh-CN"},
        "timestamp": "2026-11-25T09:30:00.250+08:00",
    }
    document.update(changes)
    return document


def error_of(response: httpx.Response) -> str:
    """The JSON error message, checking that the error is JSON with a message at all."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    message = response.json()["error"]
    assert isinstance(message, str) and message
    return message
