"""Speech with pyttsx3, shaped so the screen never waits and a new sentence cuts the old one.

A worker *process* owns pyttsx3 and renders sentences to sound files (cached, so "Say it
again" is instant); a controller *thread* here serves only the newest request and plays its
file with the platform's player (app/voice/players.py), which can be cut off at once. pyttsx3
itself cannot do this: on Linux its call blocks until playback ends and `stop()` cannot cut
it short.

Before the first sentence the controller checks, once, that this computer can really speak:
the worker renders a short sentence and the player plays a moment of silence. If either
fails the speaker turns to captions only and says why, as a speaker made without sound does.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import multiprocessing
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.voice.platforms import SpeechPlatform, make_player, speech_platform
from app.voice.players import Playback, Player, PlayerError, plays_to_the_end
from app.voice.sound_files import write_silence
from app.voice.speaker import Listener, SpeechEvent, SpeechState, Unavailable

log = logging.getLogger("silversteps.voice")
RENDER_TIMEOUT_S = 20.0
# The check's sentence is the engine's first: on Windows comtypes first writes SAPI5's type
# library (into a cache folder), which can take many seconds on a slow PC.
CHECK_TIMEOUT_S = 90.0
PARENT_CHECK_S = 2.0
CHECK_SENTENCE = ("您好。", "zh")  # the kiosk's first language: no Chinese voice is no voice
CHECK_SILENCE = "silence-check.wav"

EngineFactory = Callable[[], Any]


def pyttsx3_engine(driver: str) -> Any:
    """The real engine, built in the worker process."""
    import pyttsx3  # in the worker process only: the kiosk's own never loads pyttsx3

    return pyttsx3.init(driver)


def _worker_main(
    requests: multiprocessing.Queue, replies: multiprocessing.Queue, make_engine: EngineFactory, render_blocks: bool
) -> None:
    """Runs in the worker process: render each request, answer with (id, error or None)."""
    # in the worker process only: rendering loads pyttsx3
    from app.voice.render import render_to_wav

    engine, broken = None, ""
    try:
        engine = make_engine()
    except Exception as exc:  # no engine: say so to every request, so the kiosk turns to captions
        broken = f"the speech engine did not start: {type(exc).__name__}: {exc}"
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
        if engine is None:
            replies.put((request_id, broken))
            continue
        try:
            render_to_wav(text, lang, slow, Path(path), engine, render_blocks=render_blocks)
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
    """`speech` says which driver renders and what file it writes (this computer's by default);
    `player` plays the files (the platform's); `make_engine` builds the engine in the worker
    process and must be picklable (a top-level function or a partial of one)."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        speech: SpeechPlatform | None = None,
        player: Player | None = None,
        make_engine: EngineFactory | None = None,
        render_timeout: float = RENDER_TIMEOUT_S,
    ) -> None:
        self._speech = speech or speech_platform()
        self._cache_dir = cache_dir
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        self._player = player or make_player(self._speech.system)
        self._make_engine = make_engine or functools.partial(pyttsx3_engine, self._speech.driver)
        self._render_timeout = render_timeout
        self._context = multiprocessing.get_context("spawn")
        self._condition = threading.Condition()
        self._pending: _Request | None = None
        self._latest_id = 0
        self._playback: Playback | None = None
        self._listeners: list[Listener] = []
        self._closed = False
        self._reason: Unavailable | None = None
        self.checked = threading.Event()  # set once the start-up check has its answer
        self._worker: multiprocessing.process.BaseProcess | None = None
        self._start_worker()
        self._thread = threading.Thread(target=self._serve, name="speech", daemon=True)
        self._thread.start()

    # ---- the Speaker interface ----------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._reason is None

    @property
    def unavailable_reason(self) -> Unavailable | None:
        return self._reason

    def say(self, text: str, lang: str, *, slow: bool = False) -> int:
        with self._condition:
            self._latest_id += 1
            request_id = self._latest_id
            if self._reason is None:
                self._pending = _Request(request_id, text, lang, slow)
                self._stop_playback()
                self._condition.notify()
                return request_id
        self._report(request_id, SpeechState.FINISHED, "captions only")
        return request_id

    def stop(self) -> None:
        with self._condition:
            self._latest_id += 1
            self._pending = None
            self._stop_playback()

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._pending = None
            self._stop_playback()
            self._condition.notify()
        self._thread.join(timeout=5)
        self._stop_worker()

    # ---- helpers for tests and benchmarks -----------------------------------------------------

    def wav_path(self, text: str, lang: str, slow: bool = False) -> Path:
        """Where the sentence's sound is cached (a .wav, or an .aiff on macOS)."""
        key = hashlib.sha256(f"{lang}|{slow}|{text}".encode()).hexdigest()[:32]
        return self._cache_dir / f"{key}{self._speech.sound_suffix}"

    def worker_pid(self) -> int | None:
        return self._worker.pid if self._worker is not None else None

    # ---- the controller thread ----------------------------------------------------------------

    def _serve(self) -> None:
        self._check_once()
        while True:
            with self._condition:
                while self._pending is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                request, self._pending = self._pending, None
            if self._reason is not None:  # asked while the check was under way
                self._report(request.request_id, SpeechState.FINISHED, "captions only")
                continue
            self._handle(request)

    def _check_once(self) -> None:
        """Can this computer speak? A sentence rendered, a silence played; else captions."""
        text, lang = CHECK_SENTENCE
        error = self._render(
            _Request(0, text, lang, False), self.wav_path(text, lang), max(self._render_timeout, CHECK_TIMEOUT_S)
        )
        reason = None
        if error:
            reason = Unavailable.NO_ENGINE
        else:
            error = plays_to_the_end(self._player, write_silence(self._cache_dir / CHECK_SILENCE))
            reason = Unavailable.NO_SOUND_DEVICE if error else None
        if reason is not None:
            log.warning("this computer cannot speak (%s): %s; captions only", reason.value, error)
            with self._condition:
                self._reason = reason
        self.checked.set()

    def _current(self, request: _Request) -> bool:
        return request.request_id == self._latest_id and not self._closed

    def _handle(self, request: _Request) -> None:
        path = self.wav_path(request.text, request.lang, request.slow)
        if not path.exists():
            error = self._render(request, path)
            if error:
                self._report(request.request_id, SpeechState.FAILED, error)
                return
        with self._condition:
            if not self._current(request):
                self._report(request.request_id, SpeechState.CUT_OFF)
                return
            try:
                self._playback = playback = self._player.start(path)
            except PlayerError as exc:
                self._report(request.request_id, SpeechState.FAILED, str(exc))
                return
        self._report(request.request_id, SpeechState.STARTED)
        played = playback.wait()
        with self._condition:
            cut = not self._current(request) or not played
            if self._playback is playback:
                self._playback = None
        self._report(request.request_id, SpeechState.CUT_OFF if cut else SpeechState.FINISHED)

    def _render(self, request: _Request, path: Path, timeout: float | None = None) -> str | None:
        """Ask the worker for the sound file; restart it if it does not answer in time."""
        assert self._worker is not None
        timeout = timeout or self._render_timeout
        self._requests.put((request.request_id, request.text, request.lang, request.slow, str(path)))
        try:
            while True:
                reply_id, error = self._replies.get(timeout=timeout)
                if reply_id == request.request_id:
                    return error
        except queue.Empty:
            log.warning("the speech worker did not answer in %.0f s; restarting it", timeout)
            self._stop_worker()
            self._start_worker()
            return "the speech worker did not answer and was restarted"

    def _report(self, request_id: int, state: SpeechState, detail: str = "") -> None:
        event = SpeechEvent(request_id, state, detail)
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
            target=_worker_main,
            args=(self._requests, self._replies, self._make_engine, self._speech.render_blocks),
            name="speech-worker",
            daemon=True,
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

    def _stop_playback(self) -> None:
        if self._playback is not None:
            self._playback.stop()
