"""The signed token in a certificate's QR code, so a certificate cannot be forged by editing
the PDF: the centre signs what the certificate says with a key only it keeps, and its
/api/v1/certificates/verify endpoint checks the signature and shows what was certified.

Pure functions, no storage: the token carries the payload itself (so the centre can verify
without keeping every certificate) and a 128-bit HMAC-SHA256 tag over it. To keep the QR
code small enough to scan easily from paper, the payload is packed in binary before it is
base64url-encoded: a learner's UUID takes 16 bytes, dates take 2 (days since 2000-01-01).
A theme of four lessons makes a token of about 220 characters (QR version 13).

Layout, all integers big-endian:
    version (1) | text certificate id | learner id | text theme | text centre | day issued
    | lesson count (1) | count x (text lesson id | day completed) | tag (16)
where text is a length byte and UTF-8, a learner id is 0x01 and 16 UUID bytes (or 0x00
and text, for an id that is not a UUID), and a day is 2 bytes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

VERSION = 1
TAG_BYTES = 16  # 128 bits of HMAC-SHA256, the truncation RFC 2104 recommends as the least
MIN_KEY_BYTES = 16
EPOCH = date(2000, 1, 1)
VERIFY_PATH = "/api/v1/certificates/verify"
_DOMAIN = b"silversteps certificate\x00"  # the key signs nothing else under this prefix
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread


class InvalidCertificateToken(ValueError):
    """The token is not one this centre issued, or it was changed; the message says which."""


@dataclass(frozen=True)
class CertificatePayload:
    """What a certificate attests, by id (the verify page looks the names up)."""

    certificate_id: str
    learner_id: str
    theme_id: str
    centre_id: str
    issued_on: date
    lessons: tuple[tuple[str, date], ...]  # (lesson id, completed on)


def new_certificate_id() -> str:
    """Ten random Crockford base32 characters as XXXXX-XXXXX (50 bits): easy to read out
    over the phone, and never guessed."""
    characters = "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))
    return f"{characters[:5]}-{characters[5:]}"


def new_key() -> bytes:
    """A fresh signing key for a centre (keep it secret; losing it makes old QR codes fail)."""
    return secrets.token_bytes(32)


def _pack_text(value: str, what: str) -> bytes:
    encoded = value.encode("utf-8")
    if not encoded or len(encoded) > 255:
        raise ValueError(f"The {what} must be 1 to 255 bytes of text, not {len(encoded)}: {value!r}.")
    return bytes([len(encoded)]) + encoded


def _pack_day(day: date, what: str) -> bytes:
    days = (day - EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise ValueError(f"The {what} {day} is outside the years 2000 to 2179 that a certificate can hold.")
    return struct.pack(">H", days)


def _pack_learner(learner_id: str) -> bytes:
    try:
        parsed = uuid.UUID(learner_id)
    except ValueError:
        parsed = None
    if parsed is not None and str(parsed) == learner_id:
        return b"\x01" + parsed.bytes
    return b"\x00" + _pack_text(learner_id, "learner id")


def canonical_payload(payload: CertificatePayload) -> bytes:
    """The bytes that are signed: one encoding for one payload, so a check needs no parsing
    before the signature is known to be good."""
    if not 1 <= len(payload.lessons) <= 255:
        raise ValueError(f"A certificate lists 1 to 255 lessons, not {len(payload.lessons)}.")
    parts = [
        bytes([VERSION]),
        _pack_text(payload.certificate_id, "certificate id"),
        _pack_learner(payload.learner_id),
        _pack_text(payload.theme_id, "theme id"),
        _pack_text(payload.centre_id, "centre id"),
        _pack_day(payload.issued_on, "issue date"),
        bytes([len(payload.lessons)]),
    ]
    for lesson_id, completed_on in payload.lessons:
        parts += [_pack_text(lesson_id, "lesson id"), _pack_day(completed_on, "completion date")]
    return b"".join(parts)


def _tag(body: bytes, key: bytes) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"The certificate key must be at least {MIN_KEY_BYTES} bytes; make one with new_key().")
    return hmac.new(key, _DOMAIN + body, hashlib.sha256).digest()[:TAG_BYTES]


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def make_token(payload: CertificatePayload, key: bytes) -> str:
    """The payload and its tag, base64url without padding (safe in a URL as it is)."""
    body = canonical_payload(payload)
    return _encode(body + _tag(body, key))


def _decode(token: str) -> bytes:
    """base64url, refusing anything but the one spelling make_token writes: Python's decoder
    would otherwise accept other characters and spare bits, so an edited token could still
    pass."""
    damaged = InvalidCertificateToken("The certificate code is damaged or incomplete; scan the QR code again.")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise damaged from None
    if not token.isascii() or _encode(raw) != token:
        raise damaged
    return raw


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, count: int) -> bytes:
        if self.at + count > len(self.data):
            raise InvalidCertificateToken("The certificate code is incomplete.")
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def text(self) -> str:
        return self.take(self.byte()).decode("utf-8")

    def day(self) -> date:
        return EPOCH + timedelta(days=struct.unpack(">H", self.take(2))[0])

    def learner(self) -> str:
        return str(uuid.UUID(bytes=self.take(16))) if self.byte() == 1 else self.text()


def _parse(body: bytes) -> CertificatePayload:
    reader = _Reader(body)
    version = reader.byte()
    if version != VERSION:
        raise InvalidCertificateToken(f"The certificate code has format {version}, which this centre cannot read.")
    certificate_id, learner_id = reader.text(), reader.learner()
    theme_id, centre_id, issued_on = reader.text(), reader.text(), reader.day()
    lessons = tuple((reader.text(), reader.day()) for _ in range(reader.byte()))
    if reader.at != len(body):
        raise InvalidCertificateToken("The certificate code has bytes after its end.")
    return CertificatePayload(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons)


def check_token(token: str, key: bytes) -> CertificatePayload:
    """The payload if the token is exactly one this key signed; otherwise
    InvalidCertificateToken, whatever was changed (the tag is compared in constant time)."""
    raw = _decode(token)
    if len(raw) <= TAG_BYTES:
        raise InvalidCertificateToken("The certificate code is incomplete; scan the QR code again.")
    body, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(body, key)):
        raise InvalidCertificateToken(
            "This certificate was not issued by this centre, or its code was changed: it is not genuine."
        )
    try:
        return _parse(body)
    except (UnicodeDecodeError, ValueError) as error:
        if isinstance(error, InvalidCertificateToken):
            raise
        raise InvalidCertificateToken("The certificate code is signed but cannot be read.") from None


def verify_url(centre_url: str, token: str) -> str:
    """The address the QR code holds: the centre's verify endpoint with the token."""
    return f"{centre_url.rstrip('/')}{VERIFY_PATH}?token={token}"
