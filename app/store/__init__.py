"""The kiosk's local store: SQLAlchemy models, repositories and Alembic migrations."""
