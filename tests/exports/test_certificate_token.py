"""The signed certificate token: format 2 names the certificate and its centre only (no
learner), round-trips, stays short enough for a small QR code, and any change to any
character, or another centre's key, makes the check fail. Format 1 tokens, printed before,
are still read."""

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
    VERIFY_PATH,
    CertificateClaim,
    InvalidCertificateToken,
    check_token,
    make_token,
    new_certificate_id,
    new_key,
    read_claim,
    sign,
    verify_url,
)
from app.exports.certificate_token_v1 import CertificatePayload, canonical_payload
from app.exports.token_bytes import EPOCH

KEY = bytes(range(32))
CENTRE_URL = "https://jingan.silversteps.example.cn"
CLAIM = CertificateClaim(version=2, certificate_id="R4XAT-59649", centre_id="jingan-01")
# A format 1 payload: the longest lesson ids of a real theme of four lessons (courses/).
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


def token() -> str:
    return make_token(CLAIM.certificate_id, CLAIM.centre_id, KEY)


def test_a_token_round_trips_to_the_same_claim() -> None:
    assert check_token(token(), KEY) == CLAIM
    assert read_claim(token()) == CLAIM, "readable before the check, to choose the centre's key"


def test_the_token_is_base64url_and_short_enough_for_an_easy_qr_code() -> None:
    made = token()
    assert set(made) <= set(ALPHABET)
    assert len(made) <= 64, len(made)
    url = verify_url(CENTRE_URL, made)
    assert url == f"{CENTRE_URL}{VERIFY_PATH}?token={made}"
    code = segno.make(url, error="m", micro=False)
    assert code.version <= 8, "49 modules: about 0.8 mm each in a 40 mm code (format 1 needed 13: 69)"


def test_a_format_1_token_is_still_read_with_what_it_attested() -> None:
    old = sign(canonical_payload(PAYLOAD), KEY)
    assert check_token(old, KEY) == CertificateClaim(1, PAYLOAD.certificate_id, PAYLOAD.centre_id, PAYLOAD)
    with pytest.raises(InvalidCertificateToken, match="not genuine"):
        check_token(old, new_key())


def test_every_changed_character_is_refused() -> None:
    made = token()
    for position, original in enumerate(made):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            tampered = made[:position] + replacement + made[position + 1 :]
            with pytest.raises(InvalidCertificateToken):
                check_token(tampered, KEY)


def test_every_changed_bit_of_the_decoded_bytes_is_refused() -> None:
    raw = base64.urlsafe_b64decode(token() + "==")
    for position in range(len(raw)):
        for bit in range(8):
            changed = bytearray(raw)
            changed[position] ^= 1 << bit
            tampered = base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
            with pytest.raises(InvalidCertificateToken, match="not genuine"):
                check_token(tampered, KEY)


def test_cut_lengthened_or_padded_tokens_are_refused() -> None:
    made = token()
    others = ("+" + made[1:], made[:5] + "/" + made[6:], made[:5] + "=" + made[6:], made[:5] + "é" + made[6:])
    for bad in (made[:-1], made[1:], made + "A", made + "=", made + " ", "", "A" * 10, *others):
        with pytest.raises(InvalidCertificateToken):
            check_token(bad, KEY)


def test_another_centres_key_is_refused() -> None:
    with pytest.raises(InvalidCertificateToken, match="not issued by this centre"):
        check_token(token(), new_key())


def test_a_short_key_is_refused_with_advice() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes; make one with new_key"):
        make_token(CLAIM.certificate_id, CLAIM.centre_id, b"password")


def test_format_2_names_no_learner_and_format_1_packed_a_uuid_in_16_bytes() -> None:
    raw = base64.urlsafe_b64decode(token() + "==")
    assert raw[0] == 2 and b"R4XAT-59649" in raw and b"jingan-01" in raw and len(raw) == 1 + 12 + 10 + 16
    assert canonical_payload(PAYLOAD)[0] == 1
    assert uuid.UUID(PAYLOAD.learner_id).bytes in canonical_payload(PAYLOAD), "why format 2 exists"


def test_fields_that_cannot_be_held_are_refused_before_signing() -> None:
    with pytest.raises(ValueError, match="1 to 255 bytes"):
        make_token("R4XAT-59649", "x" * 256, KEY)
    with pytest.raises(ValueError, match="years 2000 to 2179"):
        canonical_payload(CertificatePayload(**{**PAYLOAD.__dict__, "issued_on": date(1999, 12, 31)}))


def test_an_unknown_format_is_refused_in_words() -> None:
    with pytest.raises(InvalidCertificateToken, match="format 7"):
        check_token(sign(b"\x07" + b"R4XAT-59649", KEY), KEY)


def test_new_certificate_ids_are_readable_and_differ() -> None:
    ids = {new_certificate_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 11 and i[5] == "-" and not set(i) & set("ILOU") for i in ids)


_text = st.text(min_size=1, max_size=40).filter(lambda value: len(value.encode()) <= 255)
_days = st.dates(min_value=EPOCH, max_value=date(2179, 6, 1))


@given(certificate_id=_text, centre_id=_text)
def test_any_claim_round_trips(certificate_id: str, centre_id: str) -> None:
    claim = CertificateClaim(2, certificate_id, centre_id)
    assert check_token(make_token(certificate_id, centre_id, KEY), KEY) == claim


@given(
    certificate_id=_text,
    learner_id=st.one_of(st.uuids().map(str), _text),
    theme_id=_text,
    centre_id=_text,
    issued_on=_days,
    lessons=st.lists(st.tuples(_text, _days), min_size=1, max_size=8).map(tuple),
)
def test_any_format_1_payload_is_read_back(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons) -> None:
    payload = CertificatePayload(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons)
    assert check_token(sign(canonical_payload(payload), KEY), KEY).legacy == payload
