"""What each credential may do on the centre's API, as a table of route x credential against the
real server: an enrolled kiosk's token, a staff member's and a tutor's sign-in token, and xAPI
keys made with `centre key --scope …`. A request a credential may make is never 401/403 (its
dummy body may well be 400 or 404); one it may not is 403 with words that say what it would
need. Keys are listed and revoked from the command line, and a revoked key is refused on its
very next request."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from app.centre.api.app import create_app
from app.centre.api.route_needs import ROUTE_NEEDS
from app.centre.config import CentreSettings
from tests.centre.both_databases import DATABASES, centre_on
from tests.centre.staff_support import STAFF_PIN, TUTOR_PASSWORD, account, enrol_with, sign_in, token_of
from tests.centre.support import VERSION, Bearer, Centre, error_of, make_key, silversteps

ID = str(uuid.uuid4())
# Every signed-in route, as a client calls it, and the one scope it needs.
ROUTES = [
    ("GET", "/xapi/statements", "statements/read"),
    ("HEAD", "/xapi/statements", "statements/read"),
    ("POST", "/xapi/statements", "statements/write"),
    ("PUT", f"/xapi/statements?statementId={ID}", "statements/write"),
    ("PUT", f"/api/v1/learners/{ID}", "kiosk"),
    ("GET", "/api/v1/learners", "kiosk"),
    ("GET", "/api/v1/attempts", "kiosk"),
    ("GET", f"/api/v1/learners/{ID}/attempts", "kiosk"),
    ("PUT", f"/api/v1/sessions/{ID}", "kiosk"),
    ("GET", "/api/v1/sessions", "kiosk"),
    ("GET", f"/api/v1/sessions/{ID}/board", "kiosk"),
    ("GET", "/api/v1/statement-ids-key", "kiosk"),
    ("DELETE", f"/api/v1/learners/{ID}", "staff"),
    ("POST", f"/api/v1/learners/{ID}/merge", "staff"),
    ("GET", "/api/v1/kiosks", "staff"),
    ("POST", f"/api/v1/kiosks/{ID}/revoke", "staff"),
    ("GET", "/api/v1/completions", "staff"),
    ("GET", "/api/v1/attendance", "staff"),
    ("POST", "/api/v1/certificates", "staff"),
    ("POST", f"/api/v1/certificates/{ID}/withdraw", "staff"),
    ("PUT", f"/api/v1/staff/accounts/{ID}", "staff"),
    ("DELETE", f"/api/v1/staff/accounts/{ID}", "staff"),
    ("POST", "/api/v1/staff/sign-in", "kiosk"),
    ("POST", "/api/v1/staff/sign-out", "kiosk"),  # last: a staff token signs itself out here
]
READS = {"GET", "HEAD"}
# A staff or tutor token holds `kiosk`, yet signs in no one else: only a kiosk's own credential does
NOT_FOR_A_SIGNED_IN_PERSON = ("POST", "/api/v1/staff/sign-in")
# What each credential may do: the scopes it holds, and whether it may read everything.
CREDENTIALS = {
    "kiosk token": ({"statements/read", "statements/write", "kiosk"}, False),
    "staff token": ({"kiosk", "staff"}, False),
    "tutor token": ({"kiosk"}, False),
    "key, made with no --scope": ({"statements/read", "statements/write"}, False),
    "key for a kiosk": ({"statements/read", "statements/write", "kiosk"}, False),
    "key for staff": ({"staff"}, False),
    "key that reads all": (set(), True),
    "key for all": ({"statements/read", "statements/write", "kiosk", "staff"}, False),
}


@pytest.fixture(scope="module", params=DATABASES)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """A server of the module's own on each database: the table holds on SQLite and PostgreSQL."""
    with centre_on(request.param, request, tmp_path_factory.mktemp(f"roles-{request.param}")) as (running, _):
        yield running


@pytest.fixture(scope="module")
def credentials(server: Centre) -> dict[str, httpx.Auth | tuple[str, str]]:
    centre = server
    staff, tutor = account("王老师", "staff", STAFF_PIN), account("李老师", "tutor", TUTOR_PASSWORD)
    token = enrol_with(centre, "roles", "kiosk at the door", [staff, tutor])["token"]
    return {
        "kiosk token": Bearer(token),
        "staff token": Bearer(token_of(sign_in(centre, token, staff["id"], STAFF_PIN))),
        "tutor token": Bearer(token_of(sign_in(centre, token, tutor["id"], TUTOR_PASSWORD))),
        "key, made with no --scope": make_key(centre.db, "a tool", "roles"),
        "key for a kiosk": make_key(centre.db, "kiosk 2", "roles", "statements/write", "statements/read", "kiosk"),
        "key for staff": make_key(centre.db, "the office", "roles", "staff"),
        "key that reads all": make_key(centre.db, "an auditor", "roles", "all/read"),
        "key for all": make_key(centre.db, "the operator", "roles", "all"),
    }


def call(centre: Centre, auth: httpx.Auth | tuple[str, str], method: str, path: str) -> httpx.Response:
    body = None if method in READS or method == "DELETE" else b"{}"
    headers = {**VERSION, "Content-Type": "application/json"}
    return httpx.request(method, f"{centre.url}{path}", content=body, headers=headers, auth=auth, timeout=30)


@pytest.mark.parametrize("who", list(CREDENTIALS))
def test_each_credential_may_do_what_its_scopes_say_and_nothing_else(server: Centre, credentials, who: str):
    centre = server
    scopes, reads_all = CREDENTIALS[who]
    wrong: list[str] = []
    for method, path, need in ROUTES:
        answer = call(centre, credentials[who], method, path)
        may = need in scopes or (reads_all and method in READS)
        if who in ("staff token", "tutor token") and (method, path) == NOT_FOR_A_SIGNED_IN_PERSON:
            if answer.status_code != 403 or "kiosk's own credential" not in error_of(answer):
                wrong.append(f"{method} {path}: a signed-in person's token not refused: {answer.text}")
            continue
        if may and answer.status_code in (401, 403):
            wrong.append(f"{method} {path}: refused {answer.status_code} {answer.text}")
        if not may:
            if answer.status_code != 403:
                wrong.append(f"{method} {path}: {answer.status_code}, not 403 {answer.text}")
            elif method != "HEAD" and "may not do this" not in error_of(answer):
                wrong.append(f"{method} {path}: 403 without saying why: {answer.text}")
    assert not wrong, "\n".join(wrong)


def test_a_key_refused_for_a_route_is_told_the_scope_it_needs(server: Centre, credentials):
    centre = server
    answer = call(centre, credentials["key, made with no --scope"], "DELETE", f"/api/v1/learners/{ID}")
    assert answer.status_code == 403
    assert error_of(answer) == (
        "This key may not do this: it needs the scope staff, and the key has statements/write statements/read. "
        "Ask the centre's operator for a key made with `silversteps centre key --scope staff`."
    )


def test_every_signed_in_route_is_in_the_table_so_none_is_open_to_any_credential(tmp_path):
    """Read from the app's own OpenAPI document, where each signed-in operation names the
    Basic and Bearer schemes; HEAD is answered wherever GET is, outside the document."""
    schema = create_app(CentreSettings(database_url=f"sqlite:///{tmp_path / 'c.db'}")).openapi()
    signed_in = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }
    assert signed_in == {(method, path) for method, path in ROUTE_NEEDS if method != "HEAD"}
    assert {path for method, path in ROUTE_NEEDS if method == "HEAD"} <= {path for method, path in signed_in}
    assert {(method, path.split("?")[0].replace(ID, "{id}")) for method, path, _ in ROUTES} == {
        (method, _generic(path)) for method, path in ROUTE_NEEDS
    }
    assert {need for _, _, need in ROUTES} == set(ROUTE_NEEDS.values())


def _generic(path: str) -> str:
    return "/".join("{id}" if part.startswith("{") else part for part in path.split("/"))


def test_keys_are_listed_with_their_scopes_and_revoked_at_once(centre: Centre):
    key, secret = make_key(centre.db, "a tool to revoke", "roles")
    with httpx.Client(base_url=centre.url, auth=(key, secret), headers=VERSION, timeout=30) as tool:
        assert tool.get("/xapi/statements").status_code == 200  # its pair is now remembered

        listing = silversteps("centre", "keys", "--db", centre.db)
        assert listing.returncode == 0, listing.stderr
        lines = listing.stdout.splitlines()
        assert lines[0] == "KEY\tNAME\tCENTRE\tSCOPES\tCREATED\tREVOKED"
        (row,) = [line.split("\t") for line in lines if line.startswith(key)]
        assert row[1:4] == ["a tool to revoke", "roles", "statements/write statements/read"]
        assert row[5] == "no"
        assert secret not in listing.stdout

        revoked = silversteps("centre", "revoke-key", key, "--db", centre.db)
        assert revoked.returncode == 0, revoked.stderr
        assert revoked.stdout.startswith(f"revoked key {key} (a tool to revoke) of centre roles at ")

        answer = tool.get("/xapi/statements")
        assert answer.status_code == 401
        assert "was revoked on" in error_of(answer)
    again = silversteps("centre", "revoke-key", key, "--db", centre.db)
    assert again.returncode == 0 and again.stdout.startswith("already revoked key")
    unknown = silversteps("centre", "revoke-key", "0" * 24, "--db", centre.db)
    assert unknown.returncode == 1
    assert unknown.stderr == f"silversteps centre revoke-key: no key {'0' * 24}; `silversteps centre keys` lists them\n"
