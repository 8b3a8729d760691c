"""`silversteps centre serve`: migrate, bind, say where, then serve with uvicorn. The socket
is bound here rather than by uvicorn so that `--port 0` works and the line
`listening on http://HOST:PORT` names the real port before the first request is accepted
(the kernel queues early connections until uvicorn takes them)."""

from __future__ import annotations

import copy
import os
import signal
import socket
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

from app.centre.api.app import create_app
from app.centre.collector import tune_for_serving
from app.centre.config import CentreSettings
from app.centre.database import make_engine, migrate
from app.centre.errors import CannotListen

APP_FACTORY = "app.centre.api.app:create_app_for_worker"


def log_config() -> dict[str, Any]:
    """uvicorn's logging with the access log moved to stderr: stdout carries only the address."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def prepare_database(settings: CentreSettings) -> str:
    engine = make_engine(settings.database_url)
    try:
        return migrate(engine)
    finally:
        engine.dispose()


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket made with its protocol named: asyncio turns Nagle's algorithm off
    (TCP_NODELAY) only on connections of a socket whose `proto` says TCP, and
    socket.create_server leaves it 0. With Nagle on, each answer's body waited for the client's
    delayed acknowledgement of its headers: 40 ms on every request, even GET /xapi/about."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name == "posix":  # as socket.create_server does: a restarted server can bind at once
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as error:
        sock.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return sock


def address_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if sock.family == socket.AF_INET6 else f"http://{host}:{port}"


def _exit_quietly_on_stop() -> None:
    """uvicorn re-raises SIGINT/SIGTERM after its graceful shutdown; take them as a normal exit."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: None)


# Idle kiosk connections stay open past the longest Retry-After the write gate gives (20 s), so
# a kiosk coming back reuses its connection rather than racing the server closing it.
KEEP_ALIVE_SECONDS = 30
# httptools (C), not h11 (pure Python): a kiosk's batch is a 100 KB body, and h11's handling of it
# was a quarter of the server's CPU under fifty kiosks (bench/bench_ingest.py). uvloop was
# measured too and gained nothing, so asyncio's own loop stays.
HTTP_PARSER = "httptools"


def serve(settings: CentreSettings, host: str, port: int, workers: int = 1) -> int:
    prepare_database(settings)
    sock = bind(host, port)
    print(f"listening on {address_of(sock)}", flush=True)
    if workers > 1:
        os.environ.update(settings.to_environ())  # each spawned worker builds its app from these
        config = uvicorn.Config(
            APP_FACTORY,
            factory=True,
            workers=workers,
            proxy_headers=False,
            log_config=log_config(),
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
            http=HTTP_PARSER,
        )
        _exit_quietly_on_stop()
        Multiprocess(config, sockets=[sock]).run()
        return 0
    app = create_app(settings)
    tune_for_serving()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            proxy_headers=False,
            log_config=log_config(),
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
            http=HTTP_PARSER,
        )
    )
    _exit_quietly_on_stop()
    server.run(sockets=[sock])
    return 0 if server.started else 1
