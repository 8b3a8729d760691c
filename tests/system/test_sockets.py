"""Who else may bind a listening socket's address. On Linux, real sockets: a restarted server
binds at once (SO_REUSEADDR), but a second listener on the port is refused unless both asked
to share it (SO_REUSEPORT). Windows is faked by its socket constants on a socket that records
what is set (Linux's socket module has no SO_EXCLUSIVEADDRUSE)."""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from app.system.sockets import claim_address, ports_can_be_shared

# Windows' values (winsock2.h): SO_EXCLUSIVEADDRUSE is ~SO_REUSEADDR; there is no SO_REUSEPORT
WINDOWS = SimpleNamespace(SOL_SOCKET=0xFFFF, SO_REUSEADDR=0x0004, SO_EXCLUSIVEADDRUSE=~0x0004)
posix_only = pytest.mark.skipif(not ports_can_be_shared(), reason="real sockets of a system with SO_REUSEPORT")


class RecordingSocket:
    def __init__(self) -> None:
        self.options: list[tuple[int, int, int]] = []

    def setsockopt(self, level: int, option: int, value: int, /) -> None:
        self.options.append((level, option, value))


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    made: list[socket.socket] = []
    yield made
    for each in made:
        each.close()


def listening(made: list[socket.socket], port: int, *, share_port: bool = False) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    made.append(sock)
    claim_address(sock, share_port=share_port)
    sock.bind(("127.0.0.1", port))
    sock.listen()
    return sock


@posix_only
def test_on_linux_a_restarted_server_binds_while_the_last_ones_connections_wait(sockets: list[socket.socket]) -> None:
    """The server closed a connection first, so its end waits out TIME_WAIT: without
    SO_REUSEADDR the next server could not bind the port for a minute."""
    first = listening(sockets, 0)
    port = first.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    sockets.append(client)
    accepted, _ = first.accept()
    accepted.close()  # the server's end closes first: TIME_WAIT once the client closes too
    client.recv(1)
    client.close()
    first.close()

    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sockets.append(plain)
    with pytest.raises(OSError) as refused:
        plain.bind(("127.0.0.1", port))
    assert refused.value.errno == errno.EADDRINUSE, "the port waits in TIME_WAIT"
    assert listening(sockets, port).getsockname()[1] == port


@posix_only
def test_on_linux_a_second_listener_on_the_port_is_refused(sockets: list[socket.socket]) -> None:
    first = listening(sockets, 0)
    assert first.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0
    assert first.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 0
    with pytest.raises(OSError) as refused:
        listening(sockets, first.getsockname()[1])
    assert refused.value.errno == errno.EADDRINUSE


@posix_only
def test_on_linux_processes_asking_to_share_a_port_each_listen_on_it(sockets: list[socket.socket]) -> None:
    first = listening(sockets, 0, share_port=True)
    second = listening(sockets, first.getsockname()[1], share_port=True)
    assert second.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) != 0
    assert second.getsockname() == first.getsockname()


def test_on_windows_no_other_socket_may_bind_the_port() -> None:
    """SO_REUSEADDR on Windows would let another program take the port: never set there."""
    sock = RecordingSocket()
    claim_address(sock, platform="nt", constants=WINDOWS)
    assert sock.options == [(0xFFFF, WINDOWS.SO_EXCLUSIVEADDRUSE, 1)]


def test_on_windows_without_the_exclusive_option_nothing_is_set() -> None:
    sock = RecordingSocket()
    claim_address(sock, platform="nt", constants=SimpleNamespace(SOL_SOCKET=0xFFFF, SO_REUSEADDR=0x0004))
    assert sock.options == []


def test_where_ports_cannot_be_shared_asking_to_share_one_is_refused() -> None:
    assert not ports_can_be_shared(WINDOWS)
    sock = RecordingSocket()
    with pytest.raises(OSError, match="cannot share a port"):
        claim_address(sock, share_port=True, platform="nt", constants=WINDOWS)
