"""`silversteps centre serve`: migrate, bind, say where, then serve with uvicorn. The socket
is bound here rather than by uvicorn so that `--port 0` works and the line
`listening on http://HOST:PORT` names the real port before the first request is accepted
(the kernel queues early connections until uvicorn takes them). Several workers: each with a
socket of its own where ports can be shared (app.centre.workers, Linux); elsewhere (Windows)
uvicorn's own workers, sharing one socket."""

from __future__ import annotations

import os
import signal

import uvicorn
from uvicorn.supervisors import Multiprocess

from app.centre.api.app import create_app
from app.centre.collector import tune_for_serving
from app.centre.config import CentreSettings
from app.centre.database import make_engine, migrate
from app.centre.listening import address_of, bind, uvicorn_options
from app.centre.workers import serve_workers
from app.system.sockets import ports_can_be_shared

APP_FACTORY = "app.centre.api.app:create_app_for_worker"


def prepare_database(settings: CentreSettings) -> str:
    engine = make_engine(settings.database_url)
    try:
        return migrate(engine)
    finally:
        engine.dispose()


def _exit_quietly_on_stop() -> None:
    """uvicorn re-raises SIGINT/SIGTERM after its graceful shutdown; take them as a normal exit."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: None)


def serve(settings: CentreSettings, host: str, port: int, workers: int = 1) -> int:
    prepare_database(settings)
    if workers > 1 and ports_can_be_shared():
        return serve_workers(settings, host, port, workers)
    sock = bind(host, port)
    print(f"listening on {address_of(sock)}", flush=True)
    if workers > 1:  # no SO_REUSEPORT here (Windows): uvicorn's workers, sharing one socket
        os.environ.update(settings.to_environ())  # each spawned worker builds its app from these
        config = uvicorn.Config(APP_FACTORY, factory=True, workers=workers, **uvicorn_options())
        _exit_quietly_on_stop()
        Multiprocess(config, sockets=[sock]).run()
        return 0
    app = create_app(settings)
    tune_for_serving()
    server = uvicorn.Server(uvicorn.Config(app, **uvicorn_options()))
    _exit_quietly_on_stop()
    server.run(sockets=[sock])
    return 0 if server.started else 1
