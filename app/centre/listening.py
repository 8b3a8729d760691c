"""The centre's listening sockets and the uvicorn settings every server process shares."""

from __future__ import annotations

import copy
import logging
import socket
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from app.centre.errors import CannotListen
from app.system.sockets import claim_address

# Idle kiosk connections stay open past the longest Retry-After the write gate gives (20 s), so
# a kiosk coming back reuses its connection rather than racing the server closing it.
KEEP_ALIVE_SECONDS = 30
# httptools (C), not h11 (pure Python): a kiosk's batch is a 100 KB body, and h11's handling of it
# was a quarter of the server's CPU under fifty kiosks (bench/bench_ingest.py). uvloop was
# measured too and gained nothing, so asyncio's own loop stays.
HTTP_PARSER = "httptools"
LISTEN_BACKLOG = 2048


class QueryLeftOut(logging.Filter):
    """The access log's request line without its query string: a certificate's verify token,
    a learner's account in `agent=`, a registration. The path says what was asked; "?…" that
    there was more."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging with the access log moved to stderr (stdout carries only the address)
    and no query strings in it (QueryLeftOut), and the centre's own loggers in the same form."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config.setdefault("filters", {})["query_left_out"] = {"()": QueryLeftOut}
    config["handlers"]["access"]["filters"] = ["query_left_out"]
    # the centre's own news (kiosks enrolled, sign-ins slowed, forwarding) beside uvicorn's
    config["loggers"]["silversteps"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def uvicorn_options() -> dict[str, Any]:
    """What every centre process passes to uvicorn.Config beside its app."""
    return {
        "proxy_headers": False,
        "log_config": log_config(),
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "http": HTTP_PARSER,
    }


def bind(host: str, port: int, *, listen: bool = True, share_port: bool = False) -> socket.socket:
    """A TCP socket made with its protocol named: asyncio turns Nagle's algorithm off
    (TCP_NODELAY) only on connections of a socket whose `proto` says TCP, and
    socket.create_server leaves it 0. With Nagle on, each answer's body waited for the client's
    delayed acknowledgement of its headers: 40 ms on every request, even GET /xapi/about.
    Who else may bind the port is the platform's choice (app.system.sockets: SO_REUSEADDR on
    Linux, SO_EXCLUSIVEADDRUSE on Windows). `share_port`: SO_REUSEPORT, so each worker process
    listens on the port with a socket of its own (see app.centre.workers; never asked on
    Windows); `listen` False only holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        claim_address(sock, share_port=share_port)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        if listen:
            sock.listen(LISTEN_BACKLOG)
    except OSError as error:
        sock.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return sock


def address_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if sock.family == socket.AF_INET6 else f"http://{host}:{port}"
