"""The pieces both formats of the certificate token are read with: texts of a length byte
and UTF-8, days since 2000-01-01 in two bytes, and the one error a bad token gives."""

from __future__ import annotations

import struct
import uuid
from datetime import date, timedelta

EPOCH = date(2000, 1, 1)


class InvalidCertificateToken(ValueError):
    """The token is not one this centre issued, or it was changed; the message says which."""


def pack_text(value: str, what: str) -> bytes:
    encoded = value.encode("utf-8")
    if not encoded or len(encoded) > 255:
        raise ValueError(f"The {what} must be 1 to 255 bytes of text, not {len(encoded)}: {value!r}.")
    return bytes([len(encoded)]) + encoded


class TokenReader:
    """Reads a token's bytes in order; running short or left-over bytes are a damaged code."""

    def __init__(self, data: bytes, start: int = 0) -> None:
        self.data = data
        self.at = start

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

    def finish(self) -> None:
        if self.at != len(self.data):
            raise InvalidCertificateToken("The certificate code has bytes after its end.")
