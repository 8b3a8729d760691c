"""Certificates the centre vouches for, against the real server with two centres on it, on
SQLite and PostgreSQL: the request names only the learner and the theme, and the certificate
says what this centre's own records and courses say (its own name, every lesson of the theme
once, the days they were completed here); each centre signs with its own key; a withdrawn
certificate verifies as revoked; a merge of duplicates keeps it valid; the QR code carries no
learner id; certificates printed before (token format 1) still verify where the centre can
vouch for them."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, func, insert, select

from app.centre.certificate_keys import LEGACY_PURPOSE, purpose_of
from app.centre.models import IssuedCertificate, SigningKey
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import KioskIdentity
from app.exports.certificate_token import make_token, sign
from app.exports.certificate_token_v1 import CertificatePayload, canonical_payload
from tests.centre.both_databases import DATABASES, centre_on
from tests.centre.support import AS_KIOSK_AND_STAFF, Centre, make_key, silversteps

pytestmark = pytest.mark.slow
HOME = "https://centre.example/cert"
AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
VERIFY = "/api/v1/certificates/verify"


@dataclass
class Two:
    """One server, two centres on it, each with a kiosk credential; A has a name of its own."""

    server: Centre
    engine: Engine
    a: str
    b: str
    client_a: httpx.Client
    client_b: httpx.Client


@pytest.fixture(scope="module", params=DATABASES)
def two(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Two]:
    with centre_on(request.param, request, tmp_path_factory.mktemp(f"cert-{request.param}")) as (server, engine):
        a, b = f"huangpu-{uuid.uuid4().hex[:6]}", f"jingan-{uuid.uuid4().hex[:6]}"
        named = silversteps("centre", "name", a, "  黄浦区银龄学习中心 ", "--db", server.db)
        assert named.returncode == 0, named.stderr
        assert silversteps("centre", "name", a, "--db", server.db).stdout.strip() == "黄浦区银龄学习中心"
        with (
            server.client(make_key(server.db, "a", a, *AS_KIOSK_AND_STAFF)) as client_a,
            server.client(make_key(server.db, "b", b, *AS_KIOSK_AND_STAFF)) as client_b,
        ):
            yield Two(server, engine, a, b, client_a, client_b)


@pytest.fixture(scope="module")
def theme():
    courses = load_courses([courses_dir()])
    smallest = min(courses.themes, key=lambda theme: len(courses.lessons_in(theme.id)))
    lessons = courses.lessons_in(smallest.id)
    assert len(lessons) >= 2
    return smallest, lessons


def learner(client: httpx.Client, name: str = "王秀英") -> str:
    learner_id = str(uuid.uuid4())
    body = {"display_name": name, "phone_last4": "1234", "registered_at": "2026-11-25T09:00:00+08:00"}
    assert client.put(f"/api/v1/learners/{learner_id}", json=body).status_code == 200
    return learner_id


def complete(client: httpx.Client, learner_id: str, lesson, day: int = 0, answer: int = 200) -> None:
    identity = KioskIdentity("kiosk-cert", HOME)
    at = AT + timedelta(days=day)
    done = [identity.start_of(learner_id, lesson)(1, at), identity.completion_of(learner_id, lesson)(1, 60.0, 0, at)]
    assert client.post("/xapi/statements", json=done).status_code == answer


def issue(client: httpx.Client, learner_id: str, theme_id: str, **more) -> httpx.Response:
    return client.post("/api/v1/certificates", json={"learner_id": learner_id, "theme_id": theme_id, **more})


def verify(two: Two, token: str, page: bool = False) -> httpx.Response:
    headers = {"Accept": "text/html"} if page else {}
    return httpx.get(f"{two.server.url}{VERIFY}", params={"token": token}, headers=headers, timeout=30)


def certificates(two: Two) -> int:
    with two.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(IssuedCertificate)).scalar_one()


def key_of(two: Two, purpose: str) -> bytes:
    with two.engine.connect() as connection:
        return bytes.fromhex(
            connection.execute(select(SigningKey.key_hex).where(SigningKey.purpose == purpose)).scalar_one()
        )


def certified(two: Two, theme) -> tuple[str, dict]:
    """A learner of A who completed the theme at A, and the certificate A issued."""
    info, lessons = theme
    wang = learner(two.client_a)
    for day, lesson in enumerate(lessons):
        complete(two.client_a, wang, lesson, day)
    issued = issue(two.client_a, wang, info.id)
    assert issued.status_code == 201, issued.text
    return wang, issued.json()


def test_the_certificate_says_what_the_centre_records_not_what_was_asked(two: Two, theme) -> None:
    info, lessons = theme
    wang, answer = certified(two, theme)
    expected_lessons = [
        {"lesson_id": lesson.id, "title": {"zh": lesson.title.zh, "en": lesson.title.en},
         "completed_on": (AT + timedelta(days=day)).date().isoformat()}
        for day, lesson in enumerate(lessons)
    ]  # fmt: skip
    assert answer["theme_title"] == {"zh": info.title.zh, "en": info.title.en}
    assert answer["centre_name"] == "黄浦区银龄学习中心" and answer["learner_name"] == "王秀英"
    assert answer["lessons"] == expected_lessons
    record = verify(two, answer["token"])
    assert record.status_code == 200
    assert record.json() == {
        "valid": True, "status": "genuine", "certificate_id": answer["certificate_id"], "learner_name": "王秀英",
        "theme_id": info.id, "theme_title": answer["theme_title"], "centre_name": "黄浦区银龄学习中心",
        "issued_on": datetime.now(UTC).date().isoformat(), "lessons": expected_lessons,
    }  # fmt: skip

    before = certificates(two)
    forged = [
        {"centre_name": "静安区老年大学"},
        {"theme_title": {"zh": "全部 25 课（文凭）", "en": "All 25 lessons (Diploma)"}},
        {"lessons": [{"lesson_id": lessons[0].id, "title": {"zh": "课", "en": "L"}}] * 30},
    ]
    for extra in forged:
        refused = issue(two.client_a, wang, info.id, **extra)
        assert refused.status_code == 400 and "Unknown field" in refused.json()["error"], refused.text
        assert "own records" in refused.json()["error"]
    assert certificates(two) == before, "a refused request writes nothing"
    unknown = issue(two.client_a, wang, "all-25-lessons-diploma")
    assert unknown.status_code == 404 and unknown.json()["reason"] == "unknown_theme"


def test_a_theme_not_completed_here_is_refused_with_the_lessons_still_to_do(two: Two, theme) -> None:
    info, lessons = theme
    li = learner(two.client_a, "李明")
    complete(two.client_a, li, lessons[0])
    for lesson in lessons[1:]:  # the other centre cannot record them: she is not its learner
        complete(two.client_b, li, lesson, answer=403)
    before = certificates(two)
    refused = issue(two.client_a, li, info.id)
    assert refused.status_code == 409
    body = refused.json()
    assert body["reason"] == "not_completed" and body["learner_name"] == "李明"
    assert body["missing"] == [
        {"lesson_id": lesson.id, "title": {"zh": lesson.title.zh, "en": lesson.title.en}} for lesson in lessons[1:]
    ]
    assert all(lesson.title.en in body["error"] for lesson in lessons[1:])
    assert certificates(two) == before


def test_one_centre_cannot_issue_for_or_vouch_for_another_centres_learner(two: Two, theme) -> None:
    info, lessons = theme
    wang, answer = certified(two, theme)
    refused = issue(two.client_b, wang, info.id)  # B asks for A's learner
    assert refused.status_code == 404 and refused.json()["reason"] == "unknown_learner"

    # B's first certificate makes B's key; it differs from A's
    zhao = learner(two.client_b, "赵大爷")
    for lesson in lessons:
        complete(two.client_b, zhao, lesson)
    assert issue(two.client_b, zhao, info.id).status_code == 201
    key_a, key_b = key_of(two, purpose_of(two.a)), key_of(two, purpose_of(two.b))
    assert key_a != key_b
    certificate_id = answer["certificate_id"]
    for token in (make_token(certificate_id, two.a, key_b), make_token(certificate_id, "default", key_b)):
        forged = verify(two, token)  # B's key on A's certificate: never genuine
        assert forged.status_code == 400 and forged.json()["status"] == "not_genuine", forged.text
    as_b = verify(two, make_token(certificate_id, two.b, key_b))  # signed right, but not B's certificate
    assert as_b.status_code == 404 and as_b.json()["valid"] is False
    page = verify(two, make_token(certificate_id, two.a, key_b), page=True)
    assert page.status_code == 400 and "这不是真实的证书" in page.text and "真实有效" not in page.text


def test_a_withdrawn_certificate_verifies_as_revoked_with_its_day(two: Two, theme) -> None:
    _, answer = certified(two, theme)
    certificate_id = answer["certificate_id"]
    not_theirs = two.client_b.post(f"/api/v1/certificates/{certificate_id}/withdraw", json={"reason": "x"})
    assert not_theirs.status_code == 404
    assert verify(two, answer["token"]).status_code == 200
    done = two.client_a.post(f"/api/v1/certificates/{certificate_id}/withdraw", json={"reason": "发错了人"})
    assert done.status_code == 200, done.text
    today = datetime.now(UTC).date().isoformat()
    assert done.json() == {
        "certificate_id": certificate_id, "withdrawn_on": today, "reason": "发错了人", "already_withdrawn": False
    }  # fmt: skip
    again = two.client_a.post(f"/api/v1/certificates/{certificate_id}/withdraw", json={})
    assert again.json()["already_withdrawn"] is True and again.json()["reason"] == "发错了人"
    revoked = verify(two, answer["token"])
    assert revoked.status_code == 410
    body = revoked.json()
    assert (body["valid"], body["status"], body["revoked_on"], body["reason"]) == (False, "revoked", today, "发错了人")
    assert body["centre_name"] == "黄浦区银龄学习中心" and today in body["error"]
    page = verify(two, answer["token"], page=True)
    assert page.status_code == 410 and "这张证书已经撤销" in page.text and today in page.text
    assert "genuine" not in page.text and "真实有效" not in page.text

    _, other = certified(two, theme)  # staff on the server, by the command
    typed = silversteps("centre", "withdraw-certificate", other["certificate_id"].lower(), "--reason", "重复颁发",
                        "--db", two.server.db)  # fmt: skip
    assert typed.returncode == 0, typed.stderr
    assert f"certificate {other['certificate_id']} of centre {two.a} is withdrawn since {today}" in typed.stdout
    assert verify(two, other["token"]).json()["status"] == "revoked"
    missing = silversteps("centre", "withdraw-certificate", "ZZZZZ-ZZZZZ", "--db", two.server.db)
    assert missing.returncode == 1 and "not in this centre's records" in missing.stderr


def test_a_merged_duplicate_keeps_its_certificate_valid(two: Two, theme) -> None:
    info, _ = theme
    keep = learner(two.client_a, "王秀英")
    duplicate, answer = certified(two, theme)
    merged = two.client_a.post(f"/api/v1/learners/{duplicate}/merge", json={"into": keep})
    assert merged.status_code == 200, merged.text
    record = verify(two, answer["token"])
    assert record.status_code == 200 and record.json()["status"] == "genuine"
    again = issue(two.client_a, duplicate, info.id)  # a kiosk that has not heard of the merge yet
    assert again.status_code == 201 and again.json()["lessons"] == answer["lessons"]


def test_the_qr_code_carries_no_learner_id(two: Two, theme) -> None:
    wang, answer = certified(two, theme)
    token = answer["token"]
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert wang not in token and wang.encode() not in raw and uuid.UUID(wang).bytes not in raw
    assert raw[0] == 2 and answer["certificate_id"].encode() in raw and two.a.encode() in raw
    assert len(token) <= 64, token
    assert wang not in json.dumps(verify(two, token).json())


def _legacy(two: Two, learner_id: str, theme_id: str, lessons: list[tuple[str, dict]], name: str) -> str:
    """A certificate as the centre issued it before format 2: the server's one key, a record of
    what the kiosk sent (its own centre name), a token with the learner's id."""
    with two.engine.begin() as connection:
        if connection.execute(select(SigningKey).where(SigningKey.purpose == LEGACY_PURPOSE)).first() is None:
            connection.execute(insert(SigningKey).values(purpose=LEGACY_PURPOSE, key_hex="ab" * 32, created_at=AT))
    certificate_id = f"OLD{uuid.uuid4().hex[:2].upper()}-{uuid.uuid4().hex[:5].upper()}"
    details = {
        "certificate_id": certificate_id, "learner_name": "王秀英", "theme_id": theme_id,
        "theme_title": {"zh": "全部 25 课（文凭）", "en": "All 25 lessons (Diploma)"}, "centre_name": name,
        "issued_on": "2026-11-30",
        "lessons": [{"lesson_id": lesson, "title": title, "completed_on": "2026-11-25"} for lesson, title in lessons],
    }  # fmt: skip
    with two.engine.begin() as connection:
        connection.execute(insert(IssuedCertificate).values(
            id=certificate_id, centre=two.a, learner_id=learner_id, theme_id=theme_id,
            details=json.dumps(details, ensure_ascii=False), issued_at=AT))  # fmt: skip
    payload = CertificatePayload(certificate_id, learner_id, theme_id, two.a, date(2026, 11, 30),
                                 tuple((lesson, date(2026, 11, 25)) for lesson, _ in lessons))  # fmt: skip
    return sign(canonical_payload(payload), key_of(two, LEGACY_PURPOSE))


def test_certificates_printed_before_still_verify_where_the_centre_can_vouch(two: Two, theme) -> None:
    info, lessons = theme
    keep, duplicate = learner(two.client_a), learner(two.client_a)
    whole = [(lesson.id, {"zh": "课", "en": "L"}) for lesson in lessons]
    good = _legacy(two, duplicate, info.id, whole, "静安区老年大学")
    assert two.client_a.post(f"/api/v1/learners/{duplicate}/merge", json={"into": keep}).status_code == 200
    record = verify(two, good)
    assert record.status_code == 200, record.text
    shown = record.json()
    assert shown["status"] == "genuine" and shown["centre_name"] == "黄浦区银龄学习中心", (
        "its own name, not the kiosk's"
    )
    assert shown["theme_title"] == {"zh": info.title.zh, "en": info.title.en}
    assert [lesson["title"]["en"] for lesson in shown["lessons"]] == [lesson.title.en for lesson in lessons]

    one_lesson_thirty_times = [(lessons[0].id, {"zh": "课", "en": "L"})] * 30
    forged = verify(two, _legacy(two, keep, info.id, one_lesson_thirty_times, "静安区老年大学"))
    assert forged.status_code == 409 and forged.json()["status"] == "not_vouched", forged.text
    assert "静安区老年大学" not in forged.text
