"""Format 1 of the certificate token, printed on certificates issued before format 2 (see
app.exports.certificate_token): it carried everything it attested, the learner's id among it,
and was signed with one key for the whole server. The centre still reads it so that paper
already handed out keeps verifying; nothing writes it any more except the tests
(`canonical_payload`, signed with `certificate_token.sign`).

Layout, all integers big-endian:
    version (1) = 1 | text certificate id | learner id | text theme | text centre | day issued
    | lesson count (1) | count x (text lesson id | day completed) | tag (16)
where text is a length byte and UTF-8, a learner id is 0x01 and 16 UUID bytes (or 0x00
and text, for an id that is not a UUID), and a day is 2 bytes (days since 2000-01-01)."""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from datetime import date

from app.exports.token_bytes import EPOCH, TokenReader, pack_text

LEGACY_VERSION = 1


@dataclass(frozen=True)
class CertificatePayload:
    """What a format 1 certificate attested, by id."""

    certificate_id: str
    learner_id: str
    theme_id: str
    centre_id: str
    issued_on: date
    lessons: tuple[tuple[str, date], ...]  # (lesson id, completed on)


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
    return b"\x00" + pack_text(learner_id, "learner id")


def canonical_payload(payload: CertificatePayload) -> bytes:
    """The bytes a format 1 token signed: one encoding for one payload."""
    if not 1 <= len(payload.lessons) <= 255:
        raise ValueError(f"A certificate lists 1 to 255 lessons, not {len(payload.lessons)}.")
    parts = [
        bytes([LEGACY_VERSION]),
        pack_text(payload.certificate_id, "certificate id"),
        _pack_learner(payload.learner_id),
        pack_text(payload.theme_id, "theme id"),
        pack_text(payload.centre_id, "centre id"),
        _pack_day(payload.issued_on, "issue date"),
        bytes([len(payload.lessons)]),
    ]
    for lesson_id, completed_on in payload.lessons:
        parts += [pack_text(lesson_id, "lesson id"), _pack_day(completed_on, "completion date")]
    return b"".join(parts)


def parse_legacy(body: bytes) -> CertificatePayload:
    """A format 1 token's signed bytes, read (the caller checks the tag)."""
    reader = TokenReader(body, start=1)
    certificate_id, learner_id = reader.text(), reader.learner()
    theme_id, centre_id, issued_on = reader.text(), reader.text(), reader.day()
    lessons = tuple((reader.text(), reader.day()) for _ in range(reader.byte()))
    reader.finish()
    return CertificatePayload(certificate_id, learner_id, theme_id, centre_id, issued_on, lessons)
