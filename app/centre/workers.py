"""`centre serve --workers N`: N worker processes, each listening on the port with a socket of
its own (SO_REUSEPORT), so the kernel spreads new connections across them evenly.

Why not uvicorn's own workers: they share one listening socket, and asyncio accepts every
connection waiting (up to the backlog) in whichever worker wakes first. Kiosks keep their
connections open, so fifty kiosks arriving together stayed split as they were accepted:
2.2 s of CPU in one worker against 0.55–1.1 s in the other (bench/bench_ingest.py), the busier
one the bottleneck. Written by hand because neither uvicorn nor gunicorn gives each worker a
socket of its own; what it supervises is small: start the workers, replace one that dies, and
on SIGINT or SIGTERM stop them all gracefully (uvicorn's own shutdown in each worker).

POSIX only, and never started on Windows: there is no SO_REUSEPORT there, so app.centre.server
runs uvicorn's own workers instead (app.system.sockets.ports_can_be_shared). Stopping relies on
POSIX too: `terminate()` is SIGTERM here, which uvicorn turns into a graceful shutdown, but
TerminateProcess on Windows, which ends a worker mid-request."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event

import uvicorn

from app.centre.api.app import create_app_for_worker
from app.centre.config import CentreSettings
from app.centre.listening import address_of, bind, uvicorn_options

STARTUP_SECONDS = 60  # for a worker to listen (it builds the app first)
STOP_SECONDS = 30  # for a worker to finish its requests after SIGTERM, before it is killed
WATCH_SECONDS = 0.5


def serve_workers(settings: CentreSettings, host: str, port: int, workers: int) -> int:
    """Start `workers` processes on host:port, print the address once all of them listen, and
    keep them running until SIGINT or SIGTERM. The parent holds the port (bound, not
    listening, so no connection waits on it) for a worker started again later."""
    held = bind(host, port, listen=False, share_port=True)
    host, port = held.getsockname()[:2]
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: stopping.set())

    def start() -> SpawnProcess:
        ready = context.Event()
        process = context.Process(
            target=_run_worker, args=(settings.to_environ(), host, port, ready), name="centre-worker"
        )
        process.start()
        if not _wait_ready(process, ready):
            raise RuntimeError(f"a worker process did not start (exit code {process.exitcode})")
        return process

    running: list[SpawnProcess] = []
    try:
        for _ in range(workers):
            running.append(start())  # one by one, so any already started are stopped on failure
        print(f"listening on {address_of(held)}", flush=True)
        while not stopping.wait(WATCH_SECONDS):
            for index, process in enumerate(running):
                if not process.is_alive():
                    stopped = f"worker {process.pid} stopped (exit code {process.exitcode})"
                    print(f"silversteps centre: {stopped}; starting another.", file=sys.stderr)
                    running[index] = start()
    except RuntimeError as error:
        print(f"silversteps centre: {error}; see the messages above.", file=sys.stderr)
        return 1
    finally:
        _stop_all(running)
        held.close()
    return 0


def _wait_ready(process: SpawnProcess, ready: Event) -> bool:
    for _ in range(int(STARTUP_SECONDS / WATCH_SECONDS)):
        if ready.wait(WATCH_SECONDS):
            return True
        if not process.is_alive():
            return False
    return False


def _stop_all(running: list[SpawnProcess]) -> None:
    for process in running:
        if process.is_alive():
            process.terminate()  # SIGTERM: uvicorn finishes the requests under way
    for process in running:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def _run_worker(environ: dict[str, str], host: str, port: int, ready: Event) -> None:
    """One worker: its own socket on the shared port, then the app, served until SIGTERM."""

    os.environ.update(environ)
    sock = bind(host, port, share_port=True)
    app = create_app_for_worker()
    ready.set()  # connections from now on wait in this socket's queue until the server runs
    server = uvicorn.Server(uvicorn.Config(app, **uvicorn_options()))
    server.run(sockets=[sock])
