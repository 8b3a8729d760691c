"""Schemathesis over the centre's own /openapi.json, against the real server on 127.0.0.1: every
operation it documents is called with generated requests, valid ones and ones the schema forbids,
signed in (HTTP Basic) and with the xAPI version header, through the examples, coverage, fuzzing
and stateful phases (a statement stored, then read back by the id the server answered).

Checked on every answer: no server error; the status code, content type, headers and body are
the ones the schema documents; what the schema forbids is refused; a request without auth or
without a required header is refused; methods the path does not take are 405 with a true Allow.
Not checked: that everything the schema allows is accepted, because xAPI has rules across
properties that JSON Schema cannot say (an Agent has exactly one identifier, `voided` needs a
StatementRef, a cursor stands alone) and the server rightly refuses those with 400.

The schemathesis command line runs in a subprocess (its pytest plugin does not work with
pytest 9.2), so the failures it reports, with a curl line to reproduce each, are in the
assertion message. One schemathesis worker: with two threads, Python 3.11.7's ast.parse (which
Hypothesis calls to describe a lambda) fails with "AST constructor recursion depth mismatch"."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.centre.support import Centre, make_key, running_centre

pytestmark = pytest.mark.slow

# Coverage enumerates every edge of every property: thousands of cases for a Statement body,
# minutes on a 2-core machine. The statement bodies get the fuzzing and stateful phases; the
# query string of GET /xapi/statements and the other operations get coverage too.
CONFIG = """
[generation]
max-examples = 15
database = "none"

[checks]  # every built-in check is on, except:
positive_data_acceptance.enabled = false

[phases.stateful]
max-steps = 6
generation.max-examples = 10

[[operations]]
include-path = "/xapi/statements"
include-method = ["POST", "PUT"]
phases.coverage.enabled = false
"""
# Routes other parts of the centre add while they are being built, whose 400/404/409 answers
# their schema does not list yet: fuzzed for everything else, only the status code list spared.


def config_text() -> str:
    return CONFIG


@pytest.fixture(scope="module")
def fuzzed_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    folder = tmp_path_factory.mktemp("fuzz")
    with running_centre(f"sqlite:///{folder}/fuzz.db", folder / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def fuzz_key(fuzzed_centre: Centre) -> tuple[str, str]:
    return make_key(fuzzed_centre.db, "schemathesis", "default", "all")  # every operation is called


def test_schemathesis_finds_no_server_error_and_no_answer_unlike_the_schema(
    fuzzed_centre: Centre, fuzz_key: tuple[str, str], tmp_path: Path
):
    key, secret = fuzz_key
    config = tmp_path / "schemathesis.toml"
    config.write_text(config_text())
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        f"{fuzzed_centre.url}/openapi.json",
        "--auth",
        f"{key}:{secret}",
        "--header",
        "X-Experience-API-Version: 1.0.3",
        "--no-color",
    ]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-30_000:]
    assert "Traceback" not in fuzzed_centre.log_text(), fuzzed_centre.log_text()[-10_000:]


def _cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


_STATEMENT = (
    '{"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "http://x.org/v"}, "object": {"id": "http://x.org/o"}'
)
_UUID = "0e1f4fd3-8a7f-4a4b-9a53-1d3bdf3d0b77"


@pytest.mark.parametrize(
    ("method", "path", "params", "body", "status", "mentions"),
    [
        # Answered 500 before, each a crash in the server:
        ("POST", "/xapi/statements", {}, _STATEMENT + ', "result": {"response": "\\ud800"}}', 400, "surrogate"),
        ("GET", "/xapi/statements", {"limit": "²"}, None, 400, "whole number"),
        ("GET", "/xapi/statements", {"agent": '{"mbox": "mailto:\\ud800@x.org"}'}, None, 400, "agent"),
        (
            "GET",
            "/xapi/statements",
            {"cursor": _cursor({"p": {}, "s": "2026-01-01T00:00:00+00:00", "q": 10**30})},
            None,
            400,
            "cursor",
        ),
        (
            "GET",
            "/xapi/statements",
            {"cursor": _cursor({"p": {}, "s": "0001-01-01T00:00:00+01:00", "q": 1})},
            None,
            400,
            "cursor",
        ),
        (
            "GET",
            "/xapi/statements",
            {"cursor": _cursor({"p": {"verb": "http://x.org/\ud800"}, "s": "2026-01-01T00:00:00+00:00", "q": 1})},
            None,
            400,
            "cursor",
        ),
        ("POST", "/api/v1/kiosks/enrol", {}, "[" * 5000 + "]" * 5000, 400, "not JSON"),
        # Stored before, and answered back as JSON no reader takes (Infinity):
        ("POST", "/xapi/statements", {}, _STATEMENT + ', "result": {"score": {"raw": 1e400}}}', 400, "too large"),
        # Stored before, with the newline inside the id (on PostgreSQL: too long for the column, 500):
        ("PUT", "/xapi/statements", {"statementId": _UUID + "\n"}, _STATEMENT + "}", 400, "not a UUID"),
        (
            "POST",
            "/xapi/statements",
            {},
            _STATEMENT + ', "context": {"registration": "' + _UUID + '\\n"}}',
            400,
            "not a UUID",
        ),
        # Answered 200 before; a limit of 5,000 digits answered 500:
        ("GET", "/xapi/statements", {"limit": "9" * 5000}, None, 200, ""),
        ("GET", "/xapi/statements", {"verb": "http://x.org/v\n"}, None, 400, "not an IRI"),
    ],
)
def test_what_the_fuzzing_found_stays_fixed(
    fuzzed_centre: Centre, fuzz_key: tuple[str, str], method, path, params, body, status, mentions
):
    headers = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    credential = fuzz_key if path.startswith("/xapi") else None
    response = httpx.request(
        method, f"{fuzzed_centre.url}{path}", params=params, content=body, headers=headers, auth=credential, timeout=30
    )
    assert response.status_code == status, response.text
    if mentions:
        assert mentions in response.json()["error"]


def test_a_method_not_taken_names_every_method_the_path_takes(fuzzed_centre: Centre):
    response = httpx.request(
        "OPTIONS", f"{fuzzed_centre.url}/xapi/statements", headers={"X-Experience-API-Version": "1.0.3"}
    )
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, POST, PUT"  # Starlette named only POST
