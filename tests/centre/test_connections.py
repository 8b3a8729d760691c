"""What every request pays before any route runs: Nagle's algorithm off on the centre's
connections (with it, each answer's body waited 40 ms for the client's delayed ACK), one
scrypt, not one each, for a key's requests that arrive together, and a garbage collector set
for serving."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

import app.centre.credentials as credentials
from app.centre.collector import FIRST_GENERATION_ALLOCATIONS, OLDER_GENERATIONS
from app.centre.config import CentreSettings
from app.centre.credentials import CredentialVerifier, create_credential
from app.centre.database import make_engine, migrate
from app.centre.server import bind


def test_connections_accepted_by_the_centre_send_without_delay() -> None:
    listening = bind("127.0.0.1", 0)
    assert listening.proto == socket.IPPROTO_TCP

    async def accepted_nodelay() -> int:
        option: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Accept(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                accepted = transport.get_extra_info("socket")
                option.set_result(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await asyncio.get_running_loop().create_server(Accept, sock=listening)
        _, writer = await asyncio.open_connection(*listening.getsockname()[:2])
        try:
            return await asyncio.wait_for(option, 10)
        finally:
            writer.close()
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0


def test_requests_of_one_key_arriving_together_share_one_scrypt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'centre.db'}")
    migrate(engine)
    key, secret = create_credential(engine, "kiosk tools")
    verifier = CredentialVerifier(sessionmaker(engine))
    hashed: list[str] = []
    real = credentials.secret_matches

    def counted(given: str, stored: str) -> bool:
        hashed.append(given)
        return real(given, stored)

    monkeypatch.setattr(credentials, "secret_matches", counted)
    stored = verifier.stored(key)
    assert stored is not None

    async def twenty_together() -> list[object]:
        return await asyncio.gather(*(verifier.check(stored, secret) for _ in range(20)))

    answers = asyncio.run(twenty_together())
    assert len(answers) == 20 and all(answer is not None and answer.key == key for answer in answers)
    assert len(hashed) == 1, "one scrypt for twenty requests arriving together"
    assert verifier.seen_recently(key, secret), "and then none at all for a while"
    assert asyncio.run(verifier.check(stored, secret + "x")) is None, "a wrong secret is still checked, and refused"
    assert len(hashed) == 2
    assert verifier.stored("0" * 24) is None, "an unknown key is refused before anything is hashed"
    assert len(hashed) == 2
    verifier.close()
    engine.dispose()


def test_each_worker_sets_the_collector_for_serving(tmp_path: Path) -> None:
    """The factory each of --workers N imports freezes what it built and collects less often."""
    settings = CentreSettings(database_url=f"sqlite:///{tmp_path / 'centre.db'}")
    probe = (
        "import gc\n"
        "from app.centre.api.app import create_app_for_worker\n"
        "create_app_for_worker()\n"
        "print(*gc.get_threshold(), gc.get_freeze_count())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, **settings.to_environ()},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    *thresholds, frozen = (int(word) for word in done.stdout.split())
    assert tuple(thresholds) == (FIRST_GENERATION_ALLOCATIONS, *OLDER_GENERATIONS)
    assert frozen > 10_000, "the app's own objects are out of the collector's way"
