"""`silversteps centre serve` and `centre key` as an operator meets them: the default database
in the user data folder, several worker processes, and one plain line for each mistake."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from alembic.script import ScriptDirectory

from app.centre.database import MIGRATIONS
from app.store.db import HEAD_REVISION, open_database
from tests.centre.support import ROOT, make_key, running_centre, start_centre, statement, stop_centre


def silversteps(*words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *words], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )


def test_building_the_command_line_loads_no_server_module():
    """app/cli.py adds the centre commands at every start, the kiosk's included."""
    probe = (
        "import sys, app.cli; app.cli.build_parser(); "
        "print(sorted(m for m in ('fastapi', 'sqlalchemy', 'uvicorn', 'alembic') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_key_prints_key_and_secret_and_uses_the_user_data_folder_by_default(tmp_path: Path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = silversteps("centre", "key", "--name", "kiosk 7", env=env)
    assert result.returncode == 0, result.stderr
    key, secret = result.stdout.split()
    assert len(key) >= 16 and len(secret) >= 24
    assert (tmp_path / "data" / "SilverSteps" / "centre.db").is_file()


def test_mistakes_are_one_plain_line(tmp_path: Path):
    result = silversteps(
        "centre", "key", "--name", "x", "--centre", "no spaces please", "--db", f"sqlite:///{tmp_path}/c.db"
    )
    assert result.returncode == 2
    assert "is not a centre id" in result.stderr
    result = silversteps("centre", "serve", "--db", "mysql://somewhere/db")
    assert result.returncode == 2
    assert "SQLite or PostgreSQL" in result.stderr
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        result = silversteps("centre", "serve", "--db", f"sqlite:///{tmp_path}/c.db", "--port", port)
    assert result.returncode == 1
    assert "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_several_workers_share_the_port_and_the_database(tmp_path: Path):
    db = f"sqlite:///{tmp_path}/workers.db"
    credential = make_key(db)
    server = start_centre(db, tmp_path / "server.log", "--workers", "2")
    try:
        with server.client(credential) as client:
            sent = [statement() for _ in range(6)]
            for item in sent:
                assert client.post("/xapi/statements", json=item).status_code == 200
            for item in sent:
                assert client.get("/xapi/statements", params={"statementId": item["id"]}).status_code == 200
    finally:
        assert stop_centre(server) == 0
    assert server.log_text().count("Application startup complete") == 2


def test_restarting_on_an_existing_database_keeps_its_credentials(tmp_path: Path):
    db = f"sqlite:///{tmp_path}/again.db"
    credential = make_key(db)
    for _ in range(2):
        with running_centre(db, tmp_path / "server.log") as server, server.client(credential) as client:
            assert client.post("/xapi/statements", json=statement()).status_code == 200


def test_the_centre_keeps_its_own_migration_record_beside_the_kiosks(tmp_path: Path):
    """Pointed at the kiosk's database file, neither program mistakes the other's revision for its own."""
    open_database(tmp_path).close()
    make_key(f"sqlite:///{tmp_path}/silversteps.db")
    open_database(tmp_path).close()
    centre_head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with closing(sqlite3.connect(tmp_path / "silversteps.db")) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
        assert connection.execute("SELECT version_num FROM centre_alembic_version").fetchall() == [(centre_head,)]
