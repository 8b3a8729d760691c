"""Kiosk enrolment: `centre enrol-code` makes a one-time code, POST /api/v1/kiosks/enrol trades
it for a device token, the token signs in to the xAPI as Bearer (confined to the kiosk's centre
like a Basic credential), and `centre revoke-kiosk` stops it at once."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import uuid
from contextlib import closing

import httpx
import pytest

from tests.centre.support import Centre, enrol_kiosk, error_of, make_enrol_code, make_key, silversteps, statement

CODE = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$")
REFUSED = (
    "This enrolment code does not work: it may be mistyped, used already or expired. "
    "Check it, or ask staff for a new one."
)


def enrol(centre: Centre, code: str, name: str = "kiosk") -> httpx.Response:
    return httpx.post(f"{centre.url}/api/v1/kiosks/enrol", json={"code": code, "name": name}, timeout=30)


def sqlite_path(centre: Centre) -> str:
    return centre.db.removeprefix("sqlite:///")


def test_enrol_code_prints_only_the_code_and_tells_its_centre_and_expiry_on_stderr(centre: Centre):
    result = silversteps("centre", "enrol-code", "--centre", "north-1", "--db", centre.db)
    assert result.returncode == 0, result.stderr
    assert CODE.match(result.stdout.rstrip("\n"))
    assert result.stdout.count("\n") == 1
    assert re.match(
        r"^one-time code for centre north-1, valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", result.stderr.strip()
    )


def test_an_enrolled_kiosk_posts_and_reads_statements_with_its_token(centre: Centre):
    code = make_enrol_code(centre.db)
    response = enrol(centre, code, "kiosk 3, front desk")
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"kiosk_id", "token", "centre", "ids_key"}
    assert re.match(r"^[0-9a-f]{64}$", body["ids_key"])  # 32 random bytes: the centre's, for statement ids
    assert str(uuid.UUID(body["kiosk_id"])) == body["kiosk_id"]
    assert body["centre"] == "default"
    assert re.match(r"^[A-Za-z0-9_-]{43,}$", body["token"])  # 32 random bytes, url-safe

    mine, put = statement(), statement()
    with centre.client(body["token"]) as kiosk:
        assert kiosk.post("/xapi/statements", json=mine).json() == [mine["id"]]
        assert kiosk.put("/xapi/statements", params={"statementId": put["id"]}, json=put).status_code == 204
        got = kiosk.get("/xapi/statements", params={"statementId": mine["id"]})
        assert got.status_code == 200
        assert got.json()["authority"]["name"] == "kiosk 3, front desk"
        assert got.json()["authority"]["account"]["name"] == f"kiosk:{body['kiosk_id']}"
        found = kiosk.get("/xapi/statements", params={"registration": put["context"]["registration"]})
        assert [item["id"] for item in found.json()["statements"]] == [put["id"]]

    listed = silversteps("centre", "kiosks", "--db", centre.db)
    assert listed.returncode == 0, listed.stderr
    (row,) = [line.split("\t") for line in listed.stdout.splitlines() if line.startswith(body["kiosk_id"])]
    assert row[1:3] == ["kiosk 3, front desk", "default"]
    assert row[4] != "never" and row[5] == "no"


def test_a_basic_credential_of_the_same_centre_sees_the_kiosks_statements(centre: Centre):
    enrolled = enrol_kiosk(centre, "kiosk near basic", "shared-centre")
    mine = statement()
    with centre.client(enrolled["token"]) as kiosk:
        assert kiosk.post("/xapi/statements", json=mine).status_code == 200
    with centre.client(make_key(centre.db, "tool", "shared-centre")) as tool:
        assert tool.get("/xapi/statements", params={"statementId": mine["id"]}).status_code == 200


def test_a_code_works_once(centre: Centre):
    code = make_enrol_code(centre.db)
    assert enrol(centre, code).status_code == 201
    for again in (code, code.lower(), code.replace("-", ""), f" {code[:4]} {code[5:]} "):
        response = enrol(centre, again, "another kiosk")
        assert response.status_code == 404, again
        assert response.json() == {"error": REFUSED}


def test_unknown_used_and_expired_codes_get_one_answer_so_a_guess_learns_nothing(centre: Centre):
    used = make_enrol_code(centre.db)
    assert enrol(centre, used).status_code == 201
    expired = make_enrol_code(centre.db, valid_hours="0")
    answers = [enrol(centre, code) for code in (used, expired, "2345-6789")]
    assert [(answer.status_code, answer.json()) for answer in answers] == [(404, {"error": REFUSED})] * 3


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"code": "2345-6789"}',
        b'{"name": "kiosk"}',
        b'{"code": 23456789, "name": "kiosk"}',
        b'{"code": "0OIL-1234", "name": "kiosk"}',
        b'{"code": "2345-678", "name": "kiosk"}',
        b'{"code": "2345-6789", "name": "  "}',
        b'{"code": "2345-6789", "name": "two\\nlines"}',
        b"\xff\xfe",
    ],
)
def test_a_malformed_body_is_400(centre: Centre, content: bytes):
    response = httpx.post(
        f"{centre.url}/api/v1/kiosks/enrol", content=content, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    error_of(response)


def test_a_revoked_token_is_401_while_another_kiosks_token_works(centre: Centre):
    revoked, other = enrol_kiosk(centre, "kiosk to revoke"), enrol_kiosk(centre, "kiosk that stays")
    with centre.client(revoked["token"]) as kiosk:
        assert kiosk.post("/xapi/statements", json=statement()).status_code == 200

    result = silversteps("centre", "revoke-kiosk", revoked["kiosk_id"], "--db", centre.db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"revoked kiosk {revoked['kiosk_id']} (kiosk to revoke) of centre default at ")

    with centre.client(revoked["token"]) as kiosk:
        for method in ("GET", "POST", "PUT"):
            response = kiosk.request(
                method, "/xapi/statements", params={"statementId": str(uuid.uuid4())}, json=statement()
            )
            assert response.status_code == 401, (method, response.text)
            assert "revoked" in error_of(response)
            assert "Bearer" in response.headers["WWW-Authenticate"]
    with centre.client(other["token"]) as kiosk:
        assert kiosk.post("/xapi/statements", json=statement()).status_code == 200

    again = silversteps("centre", "revoke-kiosk", revoked["kiosk_id"], "--db", centre.db)
    assert again.returncode == 0 and again.stdout.startswith("already revoked kiosk ")
    listed = silversteps("centre", "kiosks", "--db", centre.db).stdout
    (row,) = [line.split("\t") for line in listed.splitlines() if line.startswith(revoked["kiosk_id"])]
    assert row[5] != "no"


def test_revoking_an_unknown_kiosk_is_exit_1(centre: Centre):
    result = silversteps("centre", "revoke-kiosk", str(uuid.uuid4()), "--db", centre.db)
    assert result.returncode == 1
    assert "no kiosk" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_token_is_401(centre: Centre):
    with centre.client("x" * 43) as kiosk:
        response = kiosk.get("/xapi/statements")
    assert response.status_code == 401
    assert "not known" in error_of(response)


def test_a_kiosk_of_centre_a_cannot_read_centre_bs_statements(centre: Centre):
    suffix = uuid.uuid4().hex[:6]
    a, b = enrol_kiosk(centre, "kiosk A", f"A-{suffix}"), enrol_kiosk(centre, "kiosk B", f"B-{suffix}")
    assert (a["centre"], b["centre"]) == (f"A-{suffix}", f"B-{suffix}")
    theirs = statement()
    with centre.client(b["token"]) as kiosk_b, centre.client(a["token"]) as kiosk_a:
        assert kiosk_b.post("/xapi/statements", json=theirs).status_code == 200
        assert kiosk_a.get("/xapi/statements", params={"statementId": theirs["id"]}).status_code == 404
        assert theirs["id"] not in kiosk_a.get("/xapi/statements", params={"limit": 500}).text
        # the same id is A's own statement at A: stored beside B's, neither blocked nor revealing
        own = {**theirs, "verb": {"id": "http://a.example/verbs/own"}}
        assert kiosk_a.put("/xapi/statements", params={"statementId": theirs["id"]}, json=own).status_code == 204
        got_a = kiosk_a.get("/xapi/statements", params={"statementId": theirs["id"]}).json()
        got_b = kiosk_b.get("/xapi/statements", params={"statementId": theirs["id"]}).json()
        assert (got_a["verb"]["id"], got_b["verb"]["id"]) == ("http://a.example/verbs/own", theirs["verb"]["id"])


def test_codes_and_tokens_are_kept_only_as_hashes(centre: Centre):
    code = make_enrol_code(centre.db)
    enrolled = enrol(centre, code, "hash check").json()
    with closing(sqlite3.connect(sqlite_path(centre))) as connection:
        (token_hash,) = connection.execute(
            "SELECT token_hash FROM kiosks WHERE id = ?", (enrolled["kiosk_id"],)
        ).fetchone()
        used = connection.execute(
            "SELECT kiosk_id FROM kiosk_enrolment_codes WHERE code_hash = ?",
            (hashlib.sha256(code.replace("-", "").encode()).hexdigest(),),
        ).fetchone()
    assert token_hash == hashlib.sha256(enrolled["token"].encode()).hexdigest()
    assert used == (enrolled["kiosk_id"],)
    with open(sqlite_path(centre), "rb") as database:
        content = database.read()
    assert enrolled["token"].encode() not in content and code.replace("-", "").encode() not in content


def test_every_kiosk_of_a_centre_gets_the_same_key_for_statement_ids_and_no_other_centre_has_it(centre: Centre):
    first, second = enrol_kiosk(centre, "kiosk 1", "keyed-a"), enrol_kiosk(centre, "kiosk 2", "keyed-a")
    other = enrol_kiosk(centre, "kiosk 1", "keyed-b")
    assert first["ids_key"] == second["ids_key"] != other["ids_key"]
    with centre.client(first["token"]) as kiosk:  # what a kiosk enrolled before keys existed asks for
        assert kiosk.get("/api/v1/statement-ids-key").json() == {"ids_key": first["ids_key"]}
    with centre.client(other["token"]) as kiosk:
        assert kiosk.get("/api/v1/statement-ids-key").json() == {"ids_key": other["ids_key"]}
