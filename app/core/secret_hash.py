"""Salted, slow hashes of secrets (kiosk PINs and passwords, the centre's xAPI secrets):
`scrypt$n$r$p$salt$hash`, with the parameters kept beside the hash so they can be raised later.
Standard library only (hashlib.scrypt), so both programs share one implementation."""

from __future__ import annotations

import hashlib
import hmac
import os

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LENGTH = 2**14, 8, 1, 32


def scrypt(
    secret: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P, length: int = SCRYPT_LENGTH
) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=128 * 1024 * 1024)


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    derived = scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LENGTH)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${derived.hex()}"


def secret_matches(secret: str, stored: str) -> bool:
    """Compared in constant time; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = scrypt(secret, bytes.fromhex(salt), int(n), int(r), int(p), len(expected) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(derived.hex(), expected)


def needs_rehash(stored: str) -> bool:
    """Made with weaker parameters than today's: hash again at the next good sign-in."""
    return not stored.startswith(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$")
