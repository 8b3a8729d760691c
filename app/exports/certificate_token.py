"""The signed token in a certificate's QR code, so a certificate cannot be forged by editing
the PDF or the code: the centre signs the certificate's id with its own key, and its
/api/v1/certificates/verify endpoint checks the signature and then shows the centre's record
of that certificate (never what the token or the paper says).

Format 2 names only the certificate and the centre whose key signed it: no learner id, no
lessons (the record has them), so a scanned code tells a stranger nothing about the learner,
and the QR code stays small (about 55 characters: QR version 8 with a centre's address, where
format 1 needed 13).
Format 1 (app.exports.certificate_token_v1), printed before, is still read.

Layout, all integers big-endian:
    version (1) = 2 | text certificate id | text centre id | tag (16)
where text is a length byte and UTF-8. The tag is HMAC-SHA256 over a fixed prefix and the
bytes before it, cut to 128 bits; each centre signs with a key of its own."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.exports.certificate_token_v1 import LEGACY_VERSION, CertificatePayload, parse_legacy
from app.exports.token_bytes import InvalidCertificateToken, TokenReader, pack_text

VERSION = 2
TAG_BYTES = 16  # 128 bits of HMAC-SHA256, the truncation RFC 2104 recommends as the least
MIN_KEY_BYTES = 16
VERIFY_PATH = "/api/v1/certificates/verify"
_DOMAIN = b"silversteps certificate\x00"  # the key signs nothing else under this prefix
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread


@dataclass(frozen=True)
class CertificateClaim:
    """What a token names: the certificate and the centre whose key signed it. A format 1
    token also carries what it attested (`legacy`), the learner's id among it."""

    version: int
    certificate_id: str
    centre_id: str
    legacy: CertificatePayload | None = None


def is_certificate_id(text: str) -> bool:
    """XXXXX-XXXXX in the alphabet new_certificate_id uses: anything else names no certificate."""
    return len(text) == 11 and text[5] == "-" and all(c in _ID_ALPHABET for c in text[:5] + text[6:])


def new_certificate_id() -> str:
    """Ten random Crockford base32 characters as XXXXX-XXXXX (50 bits): easy to read out
    over the phone, and never guessed."""
    characters = "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))
    return f"{characters[:5]}-{characters[5:]}"


def new_key() -> bytes:
    """A fresh signing key for a centre (keep it secret; losing it makes old QR codes fail)."""
    return secrets.token_bytes(32)


def _tag(body: bytes, key: bytes) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"The certificate key must be at least {MIN_KEY_BYTES} bytes; make one with new_key().")
    return hmac.new(key, _DOMAIN + body, hashlib.sha256).digest()[:TAG_BYTES]


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def sign(body: bytes, key: bytes) -> str:
    """Signed bytes as a token: the body and its tag, base64url without padding."""
    return _encode(body + _tag(body, key))


def make_token(certificate_id: str, centre_id: str, key: bytes) -> str:
    """A format 2 token for the certificate, signed with the centre's key."""
    body = bytes([VERSION]) + pack_text(certificate_id, "certificate id") + pack_text(centre_id, "centre id")
    return sign(body, key)


def _decode(token: str) -> bytes:
    """base64url, refusing anything but the one spelling `sign` writes: Python's decoder would
    otherwise accept other characters and spare bits, so an edited token could still pass."""
    damaged = InvalidCertificateToken("The certificate code is damaged or incomplete; scan the QR code again.")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise damaged from None
    if not token.isascii() or _encode(raw) != token:
        raise damaged
    return raw


def _split(token: str) -> tuple[bytes, bytes]:
    raw = _decode(token)
    if len(raw) <= TAG_BYTES:
        raise InvalidCertificateToken("The certificate code is incomplete; scan the QR code again.")
    return raw[:-TAG_BYTES], raw[-TAG_BYTES:]


def _parse(body: bytes) -> CertificateClaim:
    try:
        if body[0] == LEGACY_VERSION:
            payload = parse_legacy(body)
            return CertificateClaim(LEGACY_VERSION, payload.certificate_id, payload.centre_id, payload)
        if body[0] != VERSION:
            raise InvalidCertificateToken(f"The certificate code has format {body[0]}, which this centre cannot read.")
        reader = TokenReader(body, start=1)
        claim = CertificateClaim(VERSION, reader.text(), reader.text())
        reader.finish()
        return claim
    except UnicodeDecodeError:
        raise InvalidCertificateToken("The certificate code cannot be read; scan the QR code again.") from None


def read_claim(token: str) -> CertificateClaim:
    """What the token says, NOT yet checked: which centre's key to check it with."""
    return _parse(_split(token)[0])


def check_token(token: str, key: bytes) -> CertificateClaim:
    """What the token names if it is exactly one this key signed; otherwise
    InvalidCertificateToken, whatever was changed (the tag is compared in constant time)."""
    body, tag = _split(token)
    if not hmac.compare_digest(tag, _tag(body, key)):
        raise InvalidCertificateToken(
            "This certificate was not issued by this centre, or its code was changed: it is not genuine."
        )
    return _parse(body)


def verify_url(centre_url: str, token: str) -> str:
    """The address the QR code holds: the centre's verify endpoint with the token."""
    return f"{centre_url.rstrip('/')}{VERIFY_PATH}?token={token}"
