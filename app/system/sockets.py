"""Who else may bind a listening socket's address, chosen for the platform it runs on.

- POSIX: SO_REUSEADDR, as socket.create_server sets it, so a restarted server binds at once
  while the last one's connections wait out TIME_WAIT. It never lets two listeners share a port.
- Windows: SO_REUSEADDR would let another program bind the same port and take its connections,
  so it is not set (bind there succeeds beside connections in TIME_WAIT anyway). Instead
  SO_EXCLUSIVEADDRUSE keeps every other socket, of any user, off the port. Microsoft notes that
  the port may then stay taken until connections the previous listener accepted are closed: a
  restart that comes too soon is told the port is in use, in words (app.centre.errors.CannotListen).
- Several processes listening on one port, each with a socket of its own (SO_REUSEPORT): Linux
  has it, Windows has not. `ports_can_be_shared` says which; without it the centre's workers
  share one socket, uvicorn's way (app.centre.server).

The platform (`os.name`) and the socket module's constants are parameters, so the Windows
choice is tested on Linux, whose socket module has no SO_EXCLUSIVEADDRUSE."""

from __future__ import annotations

import errno
import os
import socket
from typing import Any, Protocol


class SocketOptions(Protocol):
    def setsockopt(self, level: int, option: int, value: int, /) -> None: ...


def ports_can_be_shared(constants: Any = socket) -> bool:
    """Whether processes may each listen on one port with a socket of its own (not on Windows)."""
    return hasattr(constants, "SO_REUSEPORT")


def claim_address(
    sock: SocketOptions, *, share_port: bool = False, platform: str | None = None, constants: Any = socket
) -> None:
    """Set, before bind, the options that decide who else may bind the address (see above).
    `share_port`: SO_REUSEPORT, for worker processes each with a socket of its own; an OSError
    where ports cannot be shared. `platform` is `os.name` unless given; `constants` the socket
    module's."""
    level = constants.SOL_SOCKET
    if (platform or os.name) == "nt":
        exclusive = getattr(constants, "SO_EXCLUSIVEADDRUSE", None)
        if exclusive is not None:
            sock.setsockopt(level, exclusive, 1)
    else:
        sock.setsockopt(level, constants.SO_REUSEADDR, 1)
    if share_port:
        if not ports_can_be_shared(constants):
            raise OSError(errno.ENOPROTOOPT, "this system cannot share a port between processes (no SO_REUSEPORT)")
        sock.setsockopt(level, constants.SO_REUSEPORT, 1)
