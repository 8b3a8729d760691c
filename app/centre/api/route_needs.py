"""Which scope each signed-in route needs, in one table, so what a kiosk token or a key may do
is read in one place and a route added without an entry is refused to everyone (and a test
says so) rather than open to any credential."""

from __future__ import annotations

from app.centre.scopes import KIOSK, STAFF, STATEMENTS_READ, STATEMENTS_WRITE

ROUTE_NEEDS: dict[tuple[str, str], str] = {
    ("GET", "/xapi/statements"): STATEMENTS_READ,
    ("HEAD", "/xapi/statements"): STATEMENTS_READ,
    ("POST", "/xapi/statements"): STATEMENTS_WRITE,
    ("PUT", "/xapi/statements"): STATEMENTS_WRITE,
    # the kiosk's own work: its learners and their progress, class sessions, the tutor's board
    ("PUT", "/api/v1/learners/{learner_id}"): KIOSK,
    ("GET", "/api/v1/learners"): KIOSK,
    ("GET", "/api/v1/attempts"): KIOSK,
    ("GET", "/api/v1/learners/{learner_id}/attempts"): KIOSK,
    ("PUT", "/api/v1/sessions/{session_id}"): KIOSK,
    ("GET", "/api/v1/sessions"): KIOSK,
    ("GET", "/api/v1/sessions/{session_id}/board"): KIOSK,
    ("GET", "/api/v1/statement-ids-key"): KIOSK,
    # a staff member or tutor signs in at a kiosk (with its credential) and out again
    ("POST", "/api/v1/staff/sign-in"): KIOSK,
    ("POST", "/api/v1/staff/sign-out"): KIOSK,
    # staff's: what removes or merges records, the centre's kiosks, certificates, exports
    ("DELETE", "/api/v1/learners/{learner_id}"): STAFF,
    ("POST", "/api/v1/learners/{learner_id}/merge"): STAFF,
    ("GET", "/api/v1/kiosks"): STAFF,
    ("POST", "/api/v1/kiosks/{kiosk_id}/revoke"): STAFF,
    ("GET", "/api/v1/completions"): STAFF,
    ("GET", "/api/v1/attendance"): STAFF,
    ("POST", "/api/v1/certificates"): STAFF,
    ("POST", "/api/v1/certificates/{certificate_id}/withdraw"): STAFF,
    ("PUT", "/api/v1/staff/accounts/{account_id}"): STAFF,
    ("DELETE", "/api/v1/staff/accounts/{account_id}"): STAFF,
}


def route_need(method: str, path: str) -> str | None:
    """The scope a route needs, None for one missing from the table (refused to everyone)."""
    return ROUTE_NEEDS.get((method, path))
