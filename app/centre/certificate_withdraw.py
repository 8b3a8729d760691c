"""Withdrawing a certificate (staff: `silversteps centre withdraw-certificate`, or the API for
the centre's own certificates): from then on its QR code verifies as revoked, with the day and
the reason, never as genuine. The record stays, so the verify page can say so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import Engine, select, update

from app.centre.errors import ApiError
from app.centre.models import IssuedCertificate
from app.centre.roster.fields import Body, OneLine, parse_body
from app.exports.certificate_token import is_certificate_id

REASON_LENGTH = 200
SHAPE = 'Send JSON like {"reason": "issued to the wrong learner"} (the reason may be left out: {})'


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_LENGTH), OneLine]


class WithdrawBody(Body):
    reason: Reason | None = None


def parse_withdraw(body: object) -> WithdrawBody:
    return parse_body(WithdrawBody, body, SHAPE)


@dataclass(frozen=True)
class Withdrawn:
    certificate_id: str
    centre: str
    withdrawn_on: date
    reason: str | None
    already: bool  # it had been withdrawn before: the first day and reason stand

    def answer(self) -> dict[str, object]:
        return {
            "certificate_id": self.certificate_id,
            "withdrawn_on": self.withdrawn_on.isoformat(),
            "reason": self.reason,
            "already_withdrawn": self.already,
        }


def withdraw(engine: Engine, certificate_id: str, reason: str | None, centre: str | None = None) -> Withdrawn:
    """Withdraw the certificate (of `centre` only, when given: the API's caller); 404 if there
    is none. Withdrawing twice changes nothing."""
    if not is_certificate_id(certificate_id):  # NUL, a newline, 5,000 characters: never sent to the database
        raise ApiError(404, f"Certificate {certificate_id[:40]!r} is not in this centre's records.")
    with engine.begin() as connection:
        mine = [IssuedCertificate.centre == centre] if centre is not None else []  # the operator's CLI: any
        record = connection.execute(
            select(IssuedCertificate).where(*mine, IssuedCertificate.id == certificate_id)
        ).first()
        if record is None:
            raise ApiError(404, f"Certificate {certificate_id} is not in this centre's records.")
        details = json.loads(record.details)
        if record.revoked_at is not None:
            return Withdrawn(record.id, record.centre, record.revoked_at.date(), details.get("withdrawn_reason"), True)
        now = datetime.now(UTC)
        changed = connection.execute(
            update(IssuedCertificate)
            .where(*mine, IssuedCertificate.id == certificate_id, IssuedCertificate.revoked_at.is_(None))
            .values(revoked_at=now, details=json.dumps({**details, "withdrawn_reason": reason}, ensure_ascii=False))
        ).rowcount
    if not changed:  # withdrawn at the same moment by someone else: theirs stands
        return withdraw(engine, certificate_id, reason, centre)
    return Withdrawn(record.id, record.centre, now.date(), reason, False)
