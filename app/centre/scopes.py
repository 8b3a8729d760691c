"""What a credential may do, in the spirit of xAPI's OAuth scopes (xAPI 1.0.3, Communication
§4.2): `statements/write`, `statements/read`, `all/read` and `all`, plus two of the centre's
own: `kiosk` (what a kiosk needs: its learners, their attempts, sessions, the tutor's board)
and `staff` (removing and merging learners, the centre's kiosks, certificates, exports).

Every request needs one of these (app.centre.api.route_needs says which), and a credential
holds a set of them. A new xAPI key gets the statements scopes only, unless the operator asks
for more: least privilege for a tool that only sends records."""

from __future__ import annotations

from collections.abc import Iterable

STATEMENTS_WRITE = "statements/write"
STATEMENTS_READ = "statements/read"
ALL_READ = "all/read"
ALL = "all"
KIOSK = "kiosk"
STAFF = "staff"
SCOPES = (STATEMENTS_WRITE, STATEMENTS_READ, ALL_READ, ALL, KIOSK, STAFF)

DEFAULT_KEY_SCOPES = frozenset({STATEMENTS_WRITE, STATEMENTS_READ})
# What an enrolled kiosk's token may do: never `staff`, which only a staff member's own sign-in
# (app.centre.staff_tokens) carries, so a kiosk's token alone removes, merges and revokes nothing.
KIOSK_TOKEN_SCOPES = frozenset({STATEMENTS_WRITE, STATEMENTS_READ, KIOSK})
# What keys made before scopes existed were made for: kiosks sending records (migration 0010)
EARLIER_KEY_SCOPES = frozenset({STATEMENTS_WRITE, STATEMENTS_READ, KIOSK})

_READING = frozenset({"GET", "HEAD"})


def parse_scopes(text: str | Iterable[str]) -> frozenset[str]:
    """Scopes from `statements/write statements/read` (or a list); a ValueError names one unknown."""
    words = text.split() if isinstance(text, str) else list(text)
    for word in words:
        if word not in SCOPES:
            raise ValueError(f"{word!r} is not a scope: use {', '.join(SCOPES)}")
    return frozenset(words)


def show_scopes(scopes: Iterable[str]) -> str:
    """Scopes in their one fixed order, space-separated (as stored and listed)."""
    held = set(scopes)
    return " ".join(scope for scope in SCOPES if scope in held)


def grants(scopes: frozenset[str], need: str, method: str) -> bool:
    """Whether a credential with `scopes` may make a request that needs `need`."""
    if ALL in scopes or need in scopes:
        return True
    return method in _READING and ALL_READ in scopes
