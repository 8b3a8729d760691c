"""The signed certificate token: it round-trips, stays short enough for an easy QR code, and
any change to any character, or another centre's key, makes the check fail."""

from __future__ import annotations

import base64
import string
import uuid
from datetime import date

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from app.exports.certificate_token import (
    EPOCH,
    VERIFY_PATH,
    CertificatePayload,
    InvalidCertificateToken,
    canonical_payload,
    check_token,
    make_token,
    new_certificate_id,
    new_key,
    verify_url,
)

KEY = bytes(range(32))
CENTRE_URL = "https://jingan.silversteps.example.cn"
# The longest lesson ids of a real theme of four lessons (courses/), to bound the token.
PAYLOAD = CertificatePayload(
    certificate_id="R4XAT-59649",
    learner_id="0f8fad5b-d9cb-469f-a165-70867728950e",
    theme_id="keeping-in-touch",
    centre_id="jingan-01",
    issued_on=date(2026, 3, 30),
    lessons=(
        ("video-call-family", date(2026, 3, 2)),
        ("send-voice-message", date(2026, 3, 9)),
        ("family-group-chat", date(2026, 3, 16)),
        ("train-ticket-for-relative", date(2026, 3, 23)),
    ),
)
ALPHABET = string.ascii_letters + string.digits + "-_"


def test_a_token_round_trips_to_the_same_payload() -> None:
    assert check_token(make_token(PAYLOAD, KEY), KEY) == PAYLOAD


def test_the_token_is_base64url_and_short_enough_for_an_easy_qr_code() -> None:
    token = make_token(PAYLOAD, KEY)
    assert set(token) <= set(ALPHABET)
    assert len(token) <= 230, len(token)
    url = verify_url(CENTRE_URL, token)
    assert url == f"{CENTRE_URL}{VERIFY_PATH}?token={token}"
    code = segno.make(url, error="m", micro=False)
    assert code.version <= 13, "69 modules: about 0.6 mm each in a 40 mm code"


def test_every_changed_character_is_refused() -> None:
    token = make_token(PAYLOAD, KEY)
    for position, original in enumerate(token):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            tampered = token[:position] + replacement + token[position + 1 :]
            with pytest.raises(InvalidCertificateToken):
                check_token(tampered, KEY)


def test_every_changed_bit_of_the_decoded_bytes_is_refused() -> None:
    raw = base64.urlsafe_b64decode(make_token(PAYLOAD, KEY) + "==")
    for position in range(len(raw)):
        for bit in range(8):
            changed = bytearray(raw)
            changed[position] ^= 1 << bit
            tampered = base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
            with pytest.raises(InvalidCertificateToken, match="not genuine"):
                check_token(tampered, KEY)


def test_cut_lengthened_or_padded_tokens_are_refused() -> None:
    token = make_token(PAYLOAD, KEY)
    others = ("+" + token[1:], token[:5] + "/" + token[6:], token[:5] + "=" + token[6:], token[:5] + "é" + token[6:])
    for bad in (token[:-1], token[1:], token + "A", token + "=", token + " ", "", "A" * 10, *others):
        with pytest.raises(InvalidCertificateToken):
            check_token(bad, KEY)


def test_another_centres_key_is_refused() -> None:
    with pytest.raises(InvalidCertificateToken, match="not issued by this centre"):
        check_token(make_token(PAYLOAD, KEY), new_key())


def test_a_short_key_is_refused_with_advice() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes; make one with new_key"):
        make_token(PAYLOAD, b"password")


def test_the_signed_bytes_are_canonical() -> None:
    assert canonical_payload(PAYLOAD) == canonical_payload(
        CertificatePayload(**{**PAYLOAD.__dict__, "lessons": tuple(PAYLOAD.lessons)})
    )
    assert canonical_payload(PAYLOAD)[0] == 1, "a format version first"
    learner = uuid.UUID(PAYLOAD.learner_id).bytes
    assert learner in canonical_payload(PAYLOAD), "a UUID is packed in 16 bytes"


def test_fields_that_cannot_be_held_are_refused_before_signing() -> None:
    with pytest.raises(ValueError, match="years 2000 to 2179"):
        make_token(CertificatePayload(**{**PAYLOAD.__dict__, "issued_on": date(1999, 12, 31)}), KEY)
    with pytest.raises(ValueError, match="1 to 255 bytes"):
        make_token(CertificatePayload(**{**PAYLOAD.__dict__, "theme_id": "x" * 256}), KEY)
    with pytest.raises(ValueError, match="1 to 255 lessons"):
        make_token(CertificatePayload(**{**PAYLOAD.__dict__, "lessons": ()}), KEY)


def test_new_certificate_ids_are_readable_and_differ() -> None:
    ids = {new_certificate_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 11 and i[5] == "-" and not set(i) & set("ILOU") for i in ids)


_text = st.text(min_size=1, max_size=40).filter(lambda value: len(value.encode()) <= 255)
_days = st.dates(min_value=EPOCH, max_value=date(2179, 6, 1))


@given(
    certificate_id=_text,
    learner_id=st.one_of(st.uuids().map(str), _text),
    theme_id=_text,
    centre_id=_text,
    issued_on=_days,
    lessons=st.lists(st.tuples(_text, _days), min_size=1, max_size=8).map(tuple),
)
def test_any_payload_round_trips(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons) -> None:
    payload = CertificatePayload(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons)
    assert check_token(make_token(payload, KEY), KEY) == payload
