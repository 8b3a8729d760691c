"""The centre's kiosks as staff see them: when each was last heard from, how many records it
has sent and when its last one arrived."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.centre.errors import ApiError
from app.centre.kiosks import KIOSK_KEY_PREFIX, revoke_kiosk
from app.centre.models import Kiosk, StoredStatement


def _when(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def kiosks_of(engine: Engine, centre: str) -> list[dict[str, Any]]:
    with Session(engine) as session:
        kiosks = session.scalars(select(Kiosk).where(Kiosk.centre == centre).order_by(Kiosk.enrolled_at)).all()
        sent = dict(
            (key.removeprefix(KIOSK_KEY_PREFIX), (count, last))
            for key, count, last in session.execute(
                select(StoredStatement.credential_key, func.count(), func.max(StoredStatement.stored))
                .where(StoredStatement.centre == centre, StoredStatement.credential_key.startswith(KIOSK_KEY_PREFIX))
                .group_by(StoredStatement.credential_key)
            ).all()
        )
        return [
            {
                "id": kiosk.id,
                "name": kiosk.name,
                "enrolled_at": _when(kiosk.enrolled_at),
                "last_seen_at": _when(kiosk.last_seen_at),
                "revoked_at": _when(kiosk.revoked_at),
                "records": sent.get(kiosk.id, (0, None))[0],
                "last_record_at": _when(sent.get(kiosk.id, (0, None))[1]),
            }
            for kiosk in kiosks
        ]


def revoke_for(engine: Engine, centre: str, kiosk_id: str) -> dict[str, Any]:
    """Revoke a kiosk of the caller's centre (404 for another centre's: it is not theirs to see)."""
    found = revoke_kiosk(engine, kiosk_id, centre)
    if found is None:
        raise ApiError(404, f"No kiosk {kiosk_id} at this centre.")
    kiosk, now = found
    return {"id": kiosk.id, "name": kiosk.name, "revoked_at": _when(kiosk.revoked_at), "just_now": now}
