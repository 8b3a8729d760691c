"""Alembic environment of the centre: runs on the connection `app.centre.database` hands over,
and keeps its revision in its own table so a database shared with the kiosk never mixes them."""

from __future__ import annotations

from alembic import context

from app.centre.database import VERSION_TABLE
from app.centre.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
