"""Speech with pyttsx3, shaped so the screen never waits and a new sentence cuts the old one.

A worker *process* owns pyttsx3 and renders sentences to WAV files (cached, so "Say it again"
is instant); a controller *thread* here serves only the newest request and plays its WAV with
a player subprocess (`aplay` on Linux) that can be killed at once. pyttsx3 itself cannot do
this: on Linux its call blocks until playback ends and `stop()` cannot cut it short.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import queue
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.voice.speaker import Listener, SpeechEvent, SpeechState, Unavailable

log = logging.getLogger("silversteps.voice")
DEFAULT_PLAYER = ("aplay", "-q")
RENDER_TIMEOUT_S = 20.0
PARENT_CHECK_S = 2.0


def _worker_main(requests: multiprocessing.Queue, replies: multiprocessing.Queue) -> None:
    """Runs in the worker process: render each request, answer with (id, error or None)."""
    # in the worker process only: the kiosk's own process never loads pyttsx3
    import pyttsx3

    from app.voice.render import render_to_wav

    engine = pyttsx3.init()
    parent = multiprocessing.parent_process()
    while True:
        try:
            item = requests.get(timeout=PARENT_CHECK_S)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # the kiosk was killed or crashed: do not linger as an orphan
            continue
        if item is None:
            return
        request_id, text, lang, slow, path = item
        try:
            render_to_wav(text, lang, slow, Path(path), engine)
            replies.put((request_id, None))
        except Exception as exc:  # report every failure; the worker must keep serving
            replies.put((request_id, f"{type(exc).__name__}: {exc}"))


@dataclass(frozen=True)
class _Request:
    request_id: int
    text: str
    lang: str
    slow: bool


class Pyttsx3Speaker:
    def __init__(
        self,
        cache_dir: Path,
        *,
        player: Sequence[str] = DEFAULT_PLAYER,
        render_timeout: float = RENDER_TIMEOUT_S,
    ) -> None:
        self._cache_dir = cache_dir
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        self._player_command = list(player)
        self._render_timeout = render_timeout
        self._context = multiprocessing.get_context("spawn")
        self._condition = threading.Condition()
        self._pending: _Request | None = None
        self._latest_id = 0
        self._player: subprocess.Popen[bytes] | None = None
        self._listeners: list[Listener] = []
        self._closed = False
        self._worker: multiprocessing.process.BaseProcess | None = None
        self._start_worker()
        self._thread = threading.Thread(target=self._serve, name="speech", daemon=True)
        self._thread.start()

    # ---- the Speaker interface ----------------------------------------------------------------

    @property
    def available(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> Unavailable | None:
        return None

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        with self._condition:
            self._latest_id += 1
            self._pending = _Request(self._latest_id, text, lang, slow)
            self._kill_player()
            self._condition.notify()
            return self._latest_id

    def stop(self) -> None:
        with self._condition:
            self._latest_id += 1
            self._pending = None
            self._kill_player()

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._pending = None
            self._kill_player()
            self._condition.notify()
        self._thread.join(timeout=5)
        self._stop_worker()

    # ---- helpers for tests and benchmarks -----------------------------------------------------

    def wav_path(self, text: str, lang: str, slow: bool = False) -> Path:
        key = hashlib.sha256(f"{lang}|{slow}|{text}".encode()).hexdigest()[:32]
        return self._cache_dir / f"{key}.wav"

    def worker_pid(self) -> int | None:
        return self._worker.pid if self._worker is not None else None

    # ---- the controller thread ----------------------------------------------------------------

    def _serve(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                request, self._pending = self._pending, None
            self._handle(request)

    def _current(self, request: _Request) -> bool:
        return request.request_id == self._latest_id and not self._closed

    def _handle(self, request: _Request) -> None:
        path = self.wav_path(request.text, request.lang, request.slow)
        if not path.exists():
            error = self._render(request, path)
            if error:
                self._report(request, SpeechState.FAILED, error)
                return
        with self._condition:
            if not self._current(request):
                self._report(request, SpeechState.CUT_OFF)
                return
            try:
                self._player = subprocess.Popen(
                    [*self._player_command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            except OSError as exc:
                self._report(request, SpeechState.FAILED, f"cannot start the sound player: {exc}")
                return
            player = self._player
        self._report(request, SpeechState.STARTED)
        code = player.wait()
        with self._condition:
            cut = not self._current(request) or code < 0
            if self._player is player:
                self._player = None
        self._report(request, SpeechState.CUT_OFF if cut else SpeechState.FINISHED)

    def _render(self, request: _Request, path: Path) -> str | None:
        """Ask the worker for the WAV; restart it if it does not answer in time."""
        assert self._worker is not None
        self._requests.put((request.request_id, request.text, request.lang, request.slow, str(path)))
        try:
            while True:
                reply_id, error = self._replies.get(timeout=self._render_timeout)
                if reply_id == request.request_id:
                    return error
        except queue.Empty:
            log.warning("the speech worker did not answer in %.0f s; restarting it", self._render_timeout)
            self._stop_worker()
            self._start_worker()
            return "the speech worker did not answer and was restarted"

    def _report(self, request: _Request, state: SpeechState, detail: str = "") -> None:
        event = SpeechEvent(request.request_id, state, detail)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a listener's bug must not stop speech
                log.exception("speech listener failed")

    # ---- processes ----------------------------------------------------------------------------

    def _start_worker(self) -> None:
        self._requests = self._context.Queue()
        self._replies = self._context.Queue()
        self._worker = self._context.Process(
            target=_worker_main, args=(self._requests, self._replies), name="speech-worker", daemon=True
        )
        self._worker.start()

    def _stop_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        if worker.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self._requests.put(None)
            worker.join(timeout=2)
        if worker.is_alive():
            worker.kill()
            worker.join(timeout=2)
        for channel in (self._requests, self._replies):
            channel.close()
            channel.join_thread()

    def _kill_player(self) -> None:
        if self._player is not None and self._player.poll() is None:
            self._player.kill()
