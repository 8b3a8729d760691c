"""Each centre's own name, as its certificates print it. Staff set it on the server
(`silversteps centre name CENTRE NAME`); a kiosk never chooses it, so no certificate can carry
another centre's name. A centre without one is named by its id."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from app.centre.models import CentreName
from app.centre.roster.fields import no_control_characters
from app.centre.roster.sql import upsert_for

NAME_LENGTH = 120  # centre_names.name


def check_name(name: str) -> str:
    """The name as it will be printed: one line of 1 to 120 characters, spaces tidied."""
    tidy = " ".join(name.split())
    if not tidy or len(tidy) > NAME_LENGTH:
        raise ValueError(f"give the centre a name of 1 to {NAME_LENGTH} characters, e.g. '黄浦区银龄学习中心'")
    no_control_characters(tidy)
    return tidy


def name_of(connection: Connection, centre: str) -> str:
    stored = connection.execute(select(CentreName.name).where(CentreName.centre == centre)).scalar()
    return stored or centre


def centre_name(engine: Engine, centre: str) -> str:
    with engine.connect() as connection:
        return name_of(connection, centre)


def set_centre_name(engine: Engine, centre: str, name: str) -> str:
    """Store the centre's name (checked); certificates issued from now on print it."""
    name = check_name(name)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        insert = upsert_for(engine.dialect)(CentreName).values(centre=centre, name=name, changed_at=now)
        replace = {"name": name, "changed_at": now}
        connection.execute(insert.on_conflict_do_update(index_elements=["centre"], set_=replace))
    return name
