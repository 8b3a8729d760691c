"""Checking a certificate's QR code (anyone may, no sign-in): the token's signature with the
key of the centre it names, then that centre's own record of the certificate. The answer is the
record, never the token or the paper: the learner's name as the roster has it now (following a
merge of duplicates), the theme and lessons as certified, the centre's own name. A withdrawn
certificate is "revoked" with its date, never genuine.

Certificates printed before token format 2 were signed with the server's one key, and their
record lists what the kiosk asked for. They still verify if their record lists every lesson of a
theme in this centre's courses, shown with the catalogue's titles and the centre's own name;
otherwise the centre does not vouch for them (a theme or centre name of the kiosk's making)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select

from app.centre.centre_names import name_of
from app.centre.certificate_keys import LEGACY_PURPOSE, existing_key, purpose_of
from app.centre.certificates import FORMAT, current_learner
from app.centre.course_catalogue import certified_theme, text_of
from app.centre.errors import ApiError
from app.centre.models import IssuedCertificate
from app.exports.certificate_token import CertificateClaim, check_token, read_claim
from app.exports.certificate_token_v1 import LEGACY_VERSION
from app.exports.token_bytes import InvalidCertificateToken

NOT_GENUINE = "This certificate was not issued by this centre, or its code was changed: it is not genuine."


def _checked(engine: Engine, token: str) -> CertificateClaim:
    """The token's claim once its signature is good under the key of the centre it names."""
    try:
        claim = read_claim(token)
        purpose = LEGACY_PURPOSE if claim.version == LEGACY_VERSION else purpose_of(claim.centre_id)
        key = existing_key(engine, purpose)
        if key is None:
            raise InvalidCertificateToken(NOT_GENUINE)
        return check_token(token, key)
    except InvalidCertificateToken as problem:
        raise ApiError(400, str(problem), details={"status": "not_genuine"}) from None


def _legacy_view(details: dict[str, Any], theme_id: str) -> dict[str, Any] | None:
    """A format 1 record as the centre can vouch for it, or None where it lists less than a
    whole theme of this centre's courses."""
    theme = certified_theme(theme_id)
    listed = {lesson["lesson_id"]: lesson["completed_on"] for lesson in reversed(details.get("lessons", []))}
    if theme is None or any(lesson.id not in listed for lesson in theme.lessons):
        return None
    return {
        **details,
        "theme_title": text_of(theme.title),
        "lessons": [
            {"lesson_id": lesson.id, "title": text_of(lesson.title), "completed_on": listed[lesson.id]}
            for lesson in theme.lessons
        ],
    }


def _unknown(certificate_id: str) -> ApiError:
    return ApiError(
        404, f"Certificate {certificate_id} is not in this centre's records.", details={"status": "unknown"}
    )


def verify(engine: Engine, token: str) -> dict[str, Any]:
    """The centre's record of a genuine certificate; 400 if the token was changed or no centre
    here signed it, 404 if it is not (or no longer) in the records, 409 for an old certificate
    the centre cannot vouch for, 410 if it was withdrawn."""
    claim = _checked(engine, token)
    with engine.connect() as connection:
        record = connection.execute(
            select(IssuedCertificate).where(
                IssuedCertificate.centre == claim.centre_id, IssuedCertificate.id == claim.certificate_id
            )
        ).first()
        if record is None:
            raise _unknown(claim.certificate_id)
        learner = current_learner(connection, record.centre, record.learner_id)
        if claim.legacy is not None:  # format 1 named the learner: the same person, merged or not
            named = current_learner(connection, record.centre, claim.legacy.learner_id)
            if learner is None or named is None or named.id != learner.id:
                raise _unknown(claim.certificate_id)
        centre_now = name_of(connection, record.centre)
    details = json.loads(record.details)
    current = details.get("format") == FORMAT
    shown = details if current else _legacy_view(details, record.theme_id)
    about = {
        "certificate_id": record.id,
        "learner_name": learner.display_name if learner is not None else details["learner_name"],
        "theme_id": record.theme_id,
        # format 1 printed whatever name the kiosk sent: the centre answers with its own
        "centre_name": details["centre_name"] if current else centre_now,
    }
    if record.revoked_at is not None:
        withdrawn_on = record.revoked_at.date().isoformat()
        reason = details.get("withdrawn_reason")
        because = f" ({reason})" if reason else ""
        raise ApiError(
            410,
            f"Certificate {record.id} was withdrawn by {about['centre_name']} on {withdrawn_on}{because}: "
            "it is no longer valid.",
            details={"valid": False, "status": "revoked", **about, "revoked_on": withdrawn_on, "reason": reason},
        )
    if shown is None:
        raise ApiError(
            409,
            f"Certificate {record.id} was issued before {about['centre_name']} checked certificates against its own "
            "courses, and it does not list a whole theme of them: the centre does not vouch for it. Ask the centre "
            "for a new certificate.",
            details={"valid": False, "status": "not_vouched", **about},
        )
    return {
        "valid": True,
        "status": "genuine",
        **about,
        "theme_title": shown["theme_title"],
        "issued_on": details["issued_on"],
        "lessons": shown["lessons"],
    }
