"""Alembic migrations of the kiosk database (run by `app.store.db` at start-up)."""
