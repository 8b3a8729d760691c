"""Staff and tutors sign in to the centre at a kiosk of theirs, against the real server: the
accounts come with the kiosk's enrolment (the one-time code is the authority), a staff
member's PIN gives a token for an hour with `staff kiosk`, a tutor's with `kiosk`; five wrong
tries lock the account for five minutes; sign-out, the hour running out, a removed account and
a revoked kiosk end a token. What a curious kiosk, another centre and a stranger try is refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.centre.staff_support import (
    STAFF_PIN,
    TUTOR_PASSWORD,
    account,
    as_bearer,
    enrol_with,
    sign_in,
    token_of,
)
from tests.centre.support import ROOT, Centre, error_of, make_enrol_code, running_centre, silversteps

DUMMY_BODY = {"name": "悄悄", "role": "staff", "secret_hash": "scrypt$16384$8$1$" + "ab" * 16 + "$" + "cd" * 32}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """A server of its own, with room for the wrong tries these tests make on purpose."""
    folder = tmp_path_factory.mktemp("staff")
    with running_centre(f"sqlite:///{folder}/c.db", folder / "server.log", "--free-failed-sign-ins", "60") as centre:
        yield centre


@pytest.fixture(scope="module")
def huangpu(server: Centre) -> dict:
    """Centre `huangpu`: a kiosk enrolled with a staff and a tutor account, and a second kiosk."""
    staff, tutor = account("王老师", "staff", STAFF_PIN), account("李老师", "tutor", TUTOR_PASSWORD)
    door = enrol_with(server, "huangpu", "kiosk at the door", [staff, tutor])
    library = enrol_with(server, "huangpu", "kiosk in the library", [])
    return {"staff": staff, "tutor": tutor, "door": door, "library": library}


@pytest.fixture(scope="module")
def jingan(server: Centre) -> dict:
    staff = account("赵老师", "staff", STAFF_PIN)
    return {"staff": staff, "kiosk": enrol_with(server, "jingan", "kiosk 1", [staff])}


def _sql(server: Centre, statement: str, *values: object) -> None:
    with sqlite3.connect(server.db.removeprefix("sqlite:///")) as connection:
        connection.execute(statement, values)


def _naive(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def test_accounts_come_with_the_enrolment_and_are_listed_without_their_hashes(server: Centre, huangpu):
    listing = silversteps("centre", "staff-account", "list", "--centre", "huangpu", "--db", server.db)
    assert listing.returncode == 0, listing.stderr
    rows = [line.split("\t") for line in listing.stdout.splitlines()]
    assert rows[0] == ["ID", "CENTRE", "ROLE", "NAME", "LOCKED"]
    assert sorted(rows[1:]) == sorted(
        [
            [huangpu["staff"]["id"], "huangpu", "staff", "王老师", "no"],
            [huangpu["tutor"]["id"], "huangpu", "tutor", "李老师", "no"],
        ]
    )
    assert "scrypt" not in listing.stdout


def test_a_staff_member_gets_an_hours_token_for_staff_work(server: Centre, huangpu):
    answer = sign_in(server, huangpu["door"]["token"], huangpu["staff"]["id"], STAFF_PIN)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["scopes"] == "kiosk staff"
    assert body["account"] == {"id": huangpu["staff"]["id"], "name": "王老师", "role": "staff"}
    assert body["token"].startswith("staff.")
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(minutes=59) < expires - datetime.now(UTC) <= timedelta(minutes=60)
    with as_bearer(server, body["token"]) as staff:
        kiosks = staff.get("/api/v1/kiosks")
        assert kiosks.status_code == 200, kiosks.text
        assert {kiosk["name"] for kiosk in kiosks.json()["kiosks"]} == {"kiosk at the door", "kiosk in the library"}
        assert staff.get("/api/v1/learners").status_code == 200  # and a kiosk's work


def test_a_tutor_gets_a_kiosks_work_only(server: Centre, huangpu):
    body = sign_in(server, huangpu["door"]["token"], huangpu["tutor"]["id"], TUTOR_PASSWORD).json()
    assert body["scopes"] == "kiosk"
    with as_bearer(server, body["token"]) as tutor:
        assert tutor.get("/api/v1/sessions").status_code == 200
        refused = tutor.get("/api/v1/kiosks")
        assert refused.status_code == 403
        assert "it needs the scope staff" in error_of(refused)


def test_a_kiosk_token_alone_is_refused_for_staff_work(server: Centre, huangpu):
    with as_bearer(server, huangpu["door"]["token"]) as kiosk:
        for method, path in (
            ("GET", "/api/v1/kiosks"),
            ("POST", f"/api/v1/kiosks/{huangpu['library']['kiosk_id']}/revoke"),
            ("DELETE", f"/api/v1/learners/{uuid.uuid4()}"),
            ("GET", "/api/v1/completions?from=2026-01-01&to=2026-12-31"),
        ):
            refused = kiosk.request(method, path)
            assert refused.status_code == 403, (method, path, refused.text)
            assert error_of(refused).startswith("A kiosk may not do this: it needs a staff member's credential.")
            assert refused.json()["needs"] == "staff"


def test_a_curious_kiosk_cannot_make_itself_staff(server: Centre, huangpu):
    """Its token cannot add an account, cannot sign in with a made-up one, and cannot sign in
    as staff with a token it got for a tutor."""
    made_up = str(uuid.uuid4())
    with as_bearer(server, huangpu["door"]["token"]) as kiosk:
        pushed = kiosk.put(f"/api/v1/staff/accounts/{made_up}", json=DUMMY_BODY)
        assert pushed.status_code == 403
        assert kiosk.delete(f"/api/v1/staff/accounts/{huangpu['staff']['id']}").status_code == 403
    unknown = sign_in(server, huangpu["door"]["token"], made_up, STAFF_PIN)
    assert unknown.status_code == 401 and unknown.json()["reason"] == "unknown"
    tutor_token = token_of(sign_in(server, huangpu["door"]["token"], huangpu["tutor"]["id"], TUTOR_PASSWORD))
    with as_bearer(server, tutor_token) as tutor:
        assert tutor.put(f"/api/v1/staff/accounts/{made_up}", json=DUMMY_BODY).status_code == 403
    again = sign_in(server, tutor_token, huangpu["staff"]["id"], STAFF_PIN)  # a token signs in no one
    assert again.status_code == 403
    assert "kiosk's own credential" in error_of(again)


def test_enrolment_brings_accounts_only_with_a_working_code(server: Centre):
    """Without a code that works, nothing is kept; a hash that would make the server scrypt
    with more memory than the kiosk's own is refused."""
    stray = account("冒名", "staff", STAFF_PIN)
    refused = httpx.post(
        f"{server.url}/api/v1/kiosks/enrol", json={"code": "2345-6789", "name": "k", "accounts": [stray]}, timeout=30
    )
    assert refused.status_code == 404
    costly = {**stray, "secret_hash": "scrypt$1048576$8$1$" + "ab" * 16 + "$" + "cd" * 32}
    code = make_enrol_code(server.db, "nowhere")
    bad = httpx.post(
        f"{server.url}/api/v1/kiosks/enrol", json={"code": code, "name": "k", "accounts": [costly]}, timeout=30
    )
    assert bad.status_code == 400
    assert "secret_hash must be a kiosk's scrypt hash" in error_of(bad)
    listing = silversteps("centre", "staff-account", "list", "--db", server.db)
    assert stray["id"] not in listing.stdout


def test_another_centre_is_out_of_reach(server: Centre, huangpu, jingan):
    """A staff token of huangpu sees and changes nothing of jingan's; jingan's account does
    not sign in at huangpu's kiosk."""
    token = token_of(sign_in(server, huangpu["door"]["token"], huangpu["staff"]["id"], STAFF_PIN))
    with as_bearer(server, token) as staff:
        names = {kiosk["name"] for kiosk in staff.get("/api/v1/kiosks").json()["kiosks"]}
        assert "kiosk 1" not in names
        assert staff.post(f"/api/v1/kiosks/{jingan['kiosk']['kiosk_id']}/revoke").status_code == 404
        assert staff.delete(f"/api/v1/staff/accounts/{jingan['staff']['id']}").status_code == 404
    assert sign_in(server, huangpu["door"]["token"], jingan["staff"]["id"], STAFF_PIN).status_code == 401
    with as_bearer(server, jingan["kiosk"]["token"]) as other:  # jingan's kiosk still works
        assert other.get("/api/v1/learners").status_code == 200
    assert sign_in(server, jingan["kiosk"]["token"], jingan["staff"]["id"], STAFF_PIN).status_code == 201


def test_a_stranger_gets_nowhere(server: Centre, huangpu):
    no_credential = httpx.post(
        f"{server.url}/api/v1/staff/sign-in",
        json={"account_id": huangpu["staff"]["id"], "secret": STAFF_PIN},
        timeout=30,
    )
    assert no_credential.status_code == 401
    made_up = sign_in(server, "staff." + "x" * 43, huangpu["staff"]["id"], STAFF_PIN)
    assert made_up.status_code == 401
    with as_bearer(server, "staff." + "y" * 43) as stranger:
        assert stranger.get("/api/v1/kiosks").status_code == 401


def test_five_wrong_tries_lock_the_account_for_five_minutes(server: Centre):
    staff = account("陈老师", "staff", STAFF_PIN)
    kiosk = enrol_with(server, "minhang", "kiosk", [staff])
    for left in (4, 3, 2, 1):
        wrong = sign_in(server, kiosk["token"], staff["id"], "000000")
        assert wrong.status_code == 401
        assert wrong.json() == {
            "reason": "wrong",
            "tries_left": left,
            "error": f"That PIN or password is not right; {left} tries left before the account locks for 5 minutes.",
        }
    fifth = sign_in(server, kiosk["token"], staff["id"], "000000")
    assert fifth.status_code == 423
    assert fifth.json()["reason"] == "locked" and fifth.json()["minutes"] == 5
    assert fifth.headers["Retry-After"] == "300"
    right_but_locked = sign_in(server, kiosk["token"], staff["id"], STAFF_PIN)
    assert right_but_locked.status_code == 423
    listing = silversteps("centre", "staff-account", "list", "--centre", "minhang", "--db", server.db)
    assert listing.stdout.splitlines()[1].split("\t")[-1] != "no"  # kept in the database
    # five minutes on: the lock has run out
    _sql(server, "UPDATE staff_accounts SET locked_until = ? WHERE id = ?", _naive(datetime.now(UTC)), staff["id"])
    assert sign_in(server, kiosk["token"], staff["id"], STAFF_PIN).status_code == 201
    after = sign_in(server, kiosk["token"], staff["id"], "000000")
    assert after.json()["tries_left"] == 4  # five fresh tries


def test_a_token_ends_at_sign_out_after_an_hour_and_with_its_account_or_kiosk(server: Centre):
    staff = account("周老师", "staff", STAFF_PIN)
    kiosk = enrol_with(server, "putuo", "kiosk", [staff])

    def signed_in() -> str:
        return token_of(sign_in(server, kiosk["token"], staff["id"], STAFF_PIN))

    token = signed_in()
    with as_bearer(server, token) as session:
        assert session.get("/api/v1/kiosks").status_code == 200
        assert session.post("/api/v1/staff/sign-out").status_code == 204
        ended = session.get("/api/v1/kiosks")
        assert ended.status_code == 401
        assert "sign in again" in error_of(ended)
    with as_bearer(server, kiosk["token"]) as own:  # the kiosk's token has nothing to sign out
        assert own.post("/api/v1/staff/sign-out").status_code == 400

    token = signed_in()
    _sql(server, "UPDATE staff_tokens SET expires_at = ? WHERE expires_at > ?", _naive(datetime.now(UTC)), "")
    with as_bearer(server, token) as session:
        assert session.get("/api/v1/kiosks").status_code == 401

    token = signed_in()
    removed = silversteps("centre", "staff-account", "remove", staff["id"], "--centre", "putuo", "--db", server.db)
    assert removed.returncode == 0, removed.stderr
    with as_bearer(server, token) as session:
        assert session.get("/api/v1/kiosks").status_code == 401
    assert sign_in(server, kiosk["token"], staff["id"], STAFF_PIN).status_code == 401


def test_revoking_the_kiosk_ends_the_tokens_signed_in_at_it(server: Centre):
    staff = account("吴老师", "staff", STAFF_PIN)
    first = enrol_with(server, "xuhui", "kiosk 1", [staff])
    second = enrol_with(server, "xuhui", "kiosk 2", [])
    at_first = token_of(sign_in(server, first["token"], staff["id"], STAFF_PIN))
    at_second = token_of(sign_in(server, second["token"], staff["id"], STAFF_PIN))
    with as_bearer(server, at_second) as session:
        assert session.post(f"/api/v1/kiosks/{first['kiosk_id']}/revoke").status_code == 200
        assert session.get("/api/v1/kiosks").status_code == 200
    with as_bearer(server, at_first) as session:
        assert session.get("/api/v1/kiosks").status_code == 401


def test_staff_push_accounts_and_the_operator_adds_them(server: Centre, huangpu):
    token = token_of(sign_in(server, huangpu["door"]["token"], huangpu["staff"]["id"], STAFF_PIN))
    new = account("孙老师", "tutor", "135792468")
    with as_bearer(server, token) as staff:
        pushed = staff.put(f"/api/v1/staff/accounts/{new['id']}", json={k: v for k, v in new.items() if k != "id"})
        assert pushed.status_code == 200, pushed.text
    assert sign_in(server, huangpu["library"]["token"], new["id"], "135792468").json()["scopes"] == "kiosk"
    with as_bearer(server, token) as staff:
        assert staff.delete(f"/api/v1/staff/accounts/{new['id']}").status_code == 204
    assert sign_in(server, huangpu["library"]["token"], new["id"], "135792468").status_code == 401

    on_the_kiosk = str(uuid.uuid4())  # an account made on a kiosk after it enrolled
    added = silversteps_with_input(
        "86420975\n", "add", "钱老师", "--centre", "huangpu", "--id", on_the_kiosk, "--db", server.db
    )
    assert added.returncode == 0, added.stderr
    account_id = added.stdout.split("\t")[0]
    assert account_id == on_the_kiosk
    assert "86420975" not in added.stdout
    assert sign_in(server, huangpu["door"]["token"], account_id, "86420975").json()["scopes"] == "kiosk staff"
    short = silversteps_with_input("123\n", "add", "x", "--centre", "huangpu", "--db", server.db)
    assert short.returncode == 2
    assert short.stderr == "silversteps centre staff-account: A PIN needs at least 6 digits\n"


def silversteps_with_input(text: str, *words: str) -> subprocess.CompletedProcess[str]:
    """`silversteps centre staff-account …` with the PIN typed on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "app", "centre", "staff-account", *words],
        cwd=ROOT,
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wrong_pins_are_paced_like_every_failed_sign_in(tmp_path):
    with running_centre(f"sqlite:///{tmp_path}/c.db", tmp_path / "server.log", "--free-failed-sign-ins", "2") as one:
        staff = account("郑老师", "staff", STAFF_PIN)
        kiosk = enrol_with(one, "songjiang", "kiosk", [staff])
        for _ in range(3):
            sign_in(one, kiosk["token"], str(uuid.uuid4()), STAFF_PIN)
        assert "failed sign-ins from 127.0.0.1 are being slowed down" in one.log_text()
